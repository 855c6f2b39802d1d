"""A dialer's export whose dates cannot tell day from month: one line asking
for --date-order, exit 2, nothing stored; with it, every row in."""

from __future__ import annotations

from pathlib import Path

from companion.core.events import EventKind
from tests.cli.conftest import Companion

AMBIGUOUS = Path(__file__).parent.parent / "transfer" / "data" / "dialers" / "ambiguous_order.csv"


def test_an_ambiguous_order_is_asked_for_and_then_taken(companion: Companion) -> None:
    result = companion.run("import", str(AMBIGUOUS))
    assert result.returncode == 2 and len(result.stderr_lines) == 1
    assert "could be day or month first" in result.stderr and "--date-order dmy" in result.stderr
    assert companion.outcome_lines() == []
    companion.ok("import", str(AMBIGUOUS), "--date-order", "mdy")
    calls = sorted(e.at.date().isoformat() for e in companion.all_events() if e.kind is EventKind.OUTCOME)
    assert calls == ["2026-03-04", "2026-04-03"]
