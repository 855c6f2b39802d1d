"""`companion export` and `companion import` in process, on real stores with a frozen clock."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from companion.cli import handle
from companion.cli.grammar import parse
from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.summary import summarize_day, summarize_week
from companion.demo import history
from companion.paths import Paths
from tests.conftest import START, at, write_config
from tests.transfer.helpers import UNDO_HINT, call, void


def command(ctx: Context, *words: str) -> int:
    """`companion WORDS` on `ctx`: its handler's exit status."""
    return handle(ctx, parse(words))


def fresh_context(root: Path, clock: FrozenClock) -> Context:
    write_config(root)
    return Context.open(Paths(config_dir=root, data_dir=root / "data"), clock=clock)


def everything(ctx: Context) -> Ledger:
    return Ledger(ctx.store.all_events()[0])


def test_a_json_export_imported_into_a_fresh_home_gives_the_same_summaries(
    ctx: Context, clock: FrozenClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = history(clock.now(), ctx.tz, days=30)
    ctx.store.add(events[: len(events) // 2])
    ctx.store.append(events[len(events) // 2 :])  # some still in the journal, not folded
    out = tmp_path / "history.json"
    assert command(ctx, "export", "--format", "json", "-o", str(out)) == 0
    assert out.stat().st_mode & 0o777 == 0o600

    other = fresh_context(tmp_path / "other", clock)
    assert command(other, "import", str(out)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Imported {len(events)} new events (0 already there) from {out}"
    )
    mine, theirs = everything(ctx), everything(other)
    for back in range(35):
        day = ctx.today() - timedelta(days=back)
        assert summarize_day(theirs, day, ctx.tz, ctx.config.targets) == summarize_day(
            mine, day, ctx.tz, ctx.config.targets
        )
        assert summarize_week(theirs, day, ctx.tz, ctx.config.targets) == summarize_week(
            mine, day, ctx.tz, ctx.config.targets
        )


def test_importing_the_same_file_twice_adds_nothing(
    ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dialer.csv"
    path.write_text("timestamp,outcome\n2026-11-20T14:05,no\n2026-11-20T14:05,no\n2026-11-20T14:09,meeting\n")
    command(ctx, "import", str(path))
    command(ctx, "import", str(path))
    first, again = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        f"Imported 3 new events \\(0 already there\\) from {re.escape(str(path))}{UNDO_HINT}", first
    )
    assert again == f"Imported 0 new events (3 already there) from {path}"
    counts = everything(ctx).counts_between(START - timedelta(days=7), START)
    assert (counts.dials, counts.rejections, counts.meetings) == (3, 2, 1)


def test_calls_still_in_the_journal_are_already_there(
    ctx: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.store.append([call(at("09:00")), call(at("09:05"), Outcome.MEETING)])
    out = tmp_path / "calls.csv"
    command(ctx, "export", "-o", str(out))
    command(ctx, "import", str(out))
    assert capsys.readouterr().out.splitlines()[-1] == f"Imported 0 new events (2 already there) from {out}"
    # The import filed the journal first, so that it could tell what was already there.
    assert len(ctx.store.archive.read("2026-11")[0]) == 2


def test_a_voided_call_stays_voided_after_a_round_trip(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    mistake = call(at("09:00"))
    ctx.store.append([mistake, void(at("09:01"), mistake), call(at("09:02"), Outcome.VOICEMAIL)])
    out = tmp_path / "day.json"
    command(
        ctx, "export", "--format", "json", "--since", "2026-11-23", "--until", "2026-11-23", "-o", str(out)
    )
    other = fresh_context(tmp_path / "other", clock)
    command(other, "import", str(out))
    assert [e.outcome for e in everything(other).outcomes] == [Outcome.VOICEMAIL]
