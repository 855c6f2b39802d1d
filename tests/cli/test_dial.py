"""`companion dial` and `companion log no --hard`: what they print, their exit
status, and what they store. The app's side of a dial mark is tested with the controller
(tests/unit/test_session_calluses.py) and on screen (tests/tui/test_long_reset.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.cli import handle
from companion.cli.grammar import parse
from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import Companion
from tests.conftest import START, ZONE


def ago(seconds: float) -> str:
    """A time `seconds` before now, as `--at` takes it (the configured zone's wall clock)."""
    return (datetime.now(ZoneInfo(ZONE)) - timedelta(seconds=seconds)).replace(tzinfo=None).isoformat()


def marks(companion: Companion) -> list[dict[str, object]]:
    return [line for line in companion.journal_lines() if line["kind"] == "dial"]


def test_dial_with_no_reset_waiting_says_so_and_stores_nothing(companion: Companion) -> None:
    # The day's first dial starts its block (issue 22); then, with a block open, nothing.
    result = companion.ok("dial")
    assert result.stdout.strip() == "Block started with this dial. No reset is waiting for a dial mark."
    assert [line["kind"] for line in companion.journal_lines()] == ["block-start"]
    result = companion.ok("dial")
    assert result.stdout.strip() == "No reset is waiting for a dial mark; nothing was stored."
    companion.ok("log", "no", "--at", ago(3600))  # an hour ago: long past the break at Dial
    assert "No reset is waiting" in companion.ok("dial").stdout
    companion.ok("log", "no", "--at", ago(40))
    companion.ok("log", "voicemail", "--at", ago(5))  # the next call came: nothing waits
    assert "No reset is waiting" in companion.ok("dial").stdout
    assert marks(companion) == []


def test_dial_at_the_dial_step_marks_the_latest_no_once(companion: Companion) -> None:
    companion.ok("log", "no", "--at", ago(30))
    no = companion.outcome_lines()[-1]
    result = companion.ok("dial")
    assert "Marked dialling 3" in result.stdout
    assert "if Companion shows its reset, this times it" in result.stdout
    [mark] = marks(companion)
    assert mark["target"] == no["id"] and mark["source"] == "cli"
    assert "No reset is waiting" in companion.ok("dial").stdout  # marked already
    assert len(marks(companion)) == 1


def test_dial_before_the_dial_step_is_stored_and_says_the_reset_ends_untimed(companion: Companion) -> None:
    companion.ok("log", "no")
    result = companion.ok("dial")
    assert "before its Dial step: that reset ends untimed" in result.stdout
    assert len(marks(companion)) == 1


def test_a_hard_no_is_stored_as_hard_and_waits_for_a_dial_even_with_resets_off(companion: Companion) -> None:
    companion.write_config(f'[session]\ntimezone = "{ZONE}"\n[ritual]\nafter = []\n')
    companion.ok("log", "no", "--at", ago(30))
    assert "No reset is waiting" in companion.ok("dial").stdout  # resets are off
    result = companion.ok("log", "no", "--hard", "--at", ago(25))
    assert result.stdout.startswith("Logged hard no at ")
    assert companion.outcome_lines()[-1]["hard"] is True
    # Its long reset runs 20 + 20 + 30 s before the usual 20: Dial is not open yet.
    assert "before its Dial step" in companion.ok("dial").stdout


def test_hard_is_only_for_a_no(companion: Companion) -> None:
    result = companion.run("log", "voicemail", "--hard")
    assert result.returncode == 2 and len(result.stderr_lines) == 1
    assert "--hard tags a rejection" in result.stderr and companion.outcome_lines() == []
    result = companion.run("dial", "--now")
    assert result.returncode == 2 and "unknown option --now for dial" in result.stderr


def test_a_reset_from_just_before_midnight_still_waits_just_after_it(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    midnight = datetime.combine(START.date() + timedelta(days=1), datetime.min.time(), START.tzinfo)
    no = make_event(EventKind.OUTCOME, midnight - timedelta(seconds=10), outcome=Outcome.NO, source="cli")
    ctx.store.append([no])
    clock.set(midnight + timedelta(seconds=20))
    assert handle(ctx, parse(["dial"])) == 0
    assert "Marked dialling 30s after the no at 23:59" in capsys.readouterr().out
    [mark] = [e for e in ctx.store.all_events()[0] if e.kind is EventKind.DIAL]
    assert mark.target == no.id
