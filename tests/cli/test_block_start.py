"""A block starts with its first call from outside the app too: `companion log` of a live call
(today, at most LIVE_S ago) or `companion dial` (a dialer's "call started" hook), each storing
the block's start with what it logs in one write. A back-filled call starts none. Two writers
starting a block at once make one (core.ledger)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest

from companion.cli import handle
from companion.cli.day import LIVE_S, _block_for
from companion.cli.grammar import parse
from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, make_event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from tests.conftest import START


def run(ctx: Context, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert handle(ctx, parse(list(argv))) == 0
    return capsys.readouterr().out


def stored(ctx: Context) -> list[Event]:
    return list(ctx.store.all_events()[0])


def of(ctx: Context, kind: EventKind) -> list[Event]:
    return [e for e in stored(ctx) if e.kind is kind]


def recording(ctx: Context) -> list[list[Event]]:
    """Each write the store takes from now on, as a list of its events."""
    appends: list[list[Event]] = []
    real = ctx.store.append

    def append(events: Sequence[Event]) -> None:
        appends.append(list(events))
        real(events)

    ctx.store.append = append  # type: ignore[method-assign]
    return appends


def wall(moment: object) -> str:
    """A time as `--at` takes it: the configured zone's wall clock, no offset."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}"


def test_a_live_call_with_no_block_open_starts_one_in_the_same_write(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    appends = recording(ctx)
    out = run(ctx, capsys, "log", "voicemail")
    assert "Logged voicemail at 10:00 on Mon 23 Nov. Block started. Dials 1/40" in out
    [[start, call]] = appends  # one write: never a call without the block it starts
    assert start.kind is EventKind.BLOCK_START and start.at == call.at == START
    assert call.session == start.session and start.source == "cli"
    clock.advance(60)
    out = run(ctx, capsys, "log", "no-answer")
    assert "Block started" not in out
    assert len(of(ctx, EventKind.BLOCK_START)) == 1 and stored(ctx)[-1].session == start.session


def test_a_call_a_few_minutes_back_starts_the_block_then_and_a_back_filled_one_starts_none(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    run(ctx, capsys, "log", "no-answer", "--at", wall(START - timedelta(minutes=30)))  # back-filled
    run(ctx, capsys, "log", "no-answer", "--at", wall(START - timedelta(days=1)))  # yesterday
    assert of(ctx, EventKind.BLOCK_START) == []
    run(ctx, capsys, "log", "voicemail", "--at", wall(START - timedelta(seconds=LIVE_S)))  # just live
    [start] = of(ctx, EventKind.BLOCK_START)
    assert start.at == START - timedelta(seconds=LIVE_S)


def test_after_the_block_ended_the_next_live_call_starts_the_next_one(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    run(ctx, capsys, "log", "meeting")
    [first] = of(ctx, EventKind.BLOCK_START)
    clock.advance(600)
    ctx.store.append([make_event(EventKind.BLOCK_END, clock.now(), session=first.session, source="app")])
    clock.advance(600)
    assert "Block started" in run(ctx, capsys, "log", "voicemail")
    assert len(of(ctx, EventKind.BLOCK_START)) == 2


def test_a_live_call_from_before_the_open_block_began_starts_no_second_one(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx.store.append([make_event(EventKind.BLOCK_START, START, session="app-block", source="app")])
    out = run(ctx, capsys, "log", "voicemail", "--at", wall(START - timedelta(minutes=2)))
    assert "Block started" not in out and len(of(ctx, EventKind.BLOCK_START)) == 1


def test_with_the_day_unread_a_live_call_starts_a_block_and_a_late_one_none() -> None:
    session, events = _block_for(None, START, START, START.tzinfo)  # type: ignore[arg-type]
    assert [e.kind for e in events] == [EventKind.BLOCK_START] and events[0].session == session
    late = START - timedelta(seconds=LIVE_S + 1)
    assert _block_for(None, late, START, START.tzinfo) == (None, [])  # type: ignore[arg-type]


def test_the_apps_key_and_a_hooks_log_starting_a_block_at_once_make_one_block(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    # The app's key, stored just before the hook's `companion log` read the day... but after.
    run(ctx, capsys, "log", "voicemail")
    app_block = make_event(
        EventKind.BLOCK_START, START + timedelta(milliseconds=300), session="app", source="app"
    )
    app_call = make_event(
        EventKind.OUTCOME, app_block.at, outcome=Outcome.NO_ANSWER, session="app", source="app"
    )
    ctx.store.append([app_block, app_call])
    clock.advance(60)
    ctx.store.append([make_event(EventKind.PAUSE, clock.now(), session="app", source="app")])
    ledger = Ledger(stored(ctx))
    [block] = ledger.blocks
    assert block.ids == {"app", of(ctx, EventKind.BLOCK_START)[0].session} and block.is_paused()
    status = run(ctx, capsys, "status", "--json")
    assert '"block": {"target": 20, "dials": 2, "pace": 2}' in status
    assert '"blocks": 1' in run(ctx, capsys, "summary", "--json")


def test_dial_starts_the_block_and_marks_the_waiting_reset_in_one_write(
    ctx: Context, clock: FrozenClock, capsys: pytest.CaptureFixture[str]
) -> None:
    run(ctx, capsys, "log", "no")
    [first] = of(ctx, EventKind.BLOCK_START)
    ctx.store.append([make_event(EventKind.BLOCK_END, START, session=first.session, source="app")])
    clock.advance(30)
    appends = recording(ctx)
    out = run(ctx, capsys, "dial")
    assert out.startswith("Block started with this dial. Marked dialling 30s after the no at 10:00")
    [[start, mark]] = appends
    assert (start.kind, mark.kind) == (EventKind.BLOCK_START, EventKind.DIAL) and start.at == clock.now()
    clock.advance(30)
    assert run(ctx, capsys, "dial").startswith("No reset is waiting")  # a block is open: nothing more
    assert len(appends) == 1
