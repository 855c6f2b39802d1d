"""The session runner against a real store in a temporary home, on plain asyncio: what is written
before it counts, what other processes log, reading again after a fold, retrying an unreadable
store, and storing keys pressed just before the end."""

from __future__ import annotations

import asyncio
import errno
import random
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from unittest.mock import patch

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.session.commands import LogOutcome, MarkDialling, Quit, TogglePause
from companion.session.controller import Effect, SessionController
from companion.session.runner import SessionRunner
from companion.session.state import Phase, ViewState
from companion.store.journal import read_chunk
from companion.store.lock import held
from tests.conftest import START


class Seen:
    """What the runner handed out; `on_publish` looks at the disk at that moment too."""

    def __init__(self, on_publish: Callable[[ViewState], None] | None = None) -> None:
        self.states: list[ViewState] = []
        self.effects: list[Effect] = []
        self._on_publish = on_publish

    def publish(self, state: ViewState) -> None:
        self.states.append(state)
        if self._on_publish is not None:
            self._on_publish(state)

    @property
    def last(self) -> ViewState:
        return self.states[-1]


@asynccontextmanager
async def running(
    ctx: Context, retry_s: float = 0.01, seen: Seen | None = None
) -> AsyncIterator[tuple[SessionRunner, Seen]]:
    seen = seen or Seen()
    controller = SessionController(ctx.config, ctx.tz, random.Random(1))
    runner = SessionRunner(ctx, controller, publish=seen.publish, effect=seen.effects.append, retry_s=retry_s)
    runner.start()
    try:
        await runner.settled()
        yield runner, seen
    finally:
        await runner.stop()


def opened(seen: Seen) -> bool:
    return seen.last.phase is Phase.OPEN


def journal(ctx: Context) -> list[EventKind]:
    return [e.kind for e in read_chunk(ctx.store.journal).events]


async def test_it_opens_the_day_and_a_call_is_on_disk_before_it_counts(ctx: Context) -> None:
    counted_and_on_disk: list[tuple[int, int]] = []

    def look(state: ViewState) -> None:
        calls = [kind for kind in journal(ctx) if kind is EventKind.OUTCOME]
        counted_and_on_disk.append((state.day.counts.dials if state.day else 0, len(calls)))

    async with running(ctx, seen=Seen(look)) as (runner, seen):
        assert seen.last.phase is Phase.OPEN and journal(ctx) == []  # opening starts no block
        runner.send(LogOutcome(Outcome.VOICEMAIL))
        await runner.settled()
    assert (1, 0) not in counted_and_on_disk  # never counted before it was on disk
    assert counted_and_on_disk[-1] == (1, 1)
    assert journal(ctx) == [EventKind.BLOCK_START, EventKind.OUTCOME]  # the call starts it


async def test_a_call_logged_by_another_process_arrives_on_the_next_poll(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        other = Context.open(ctx.paths, clock=ctx.clock)  # as `companion log` would
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.MEETING, source="cli")])
        await runner.poll()
        await runner.settled()
        assert seen.last.day is not None and seen.last.day.counts.meetings == 1


async def test_after_a_fold_the_day_is_read_again_and_nothing_is_lost(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        runner.send(LogOutcome(Outcome.VOICEMAIL))
        await runner.settled()
        other = Context.open(ctx.paths, clock=ctx.clock)
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.CALLBACK, source="cli")])
        other.store.fold()  # the journal moves into the archive under the app
        await runner.poll()
        await runner.settled()
        day = seen.last.day
        assert day is not None and day.counts.dials == 2 and day.block is not None


async def test_an_unreadable_store_is_said_and_tried_again_until_it_opens(ctx: Context) -> None:
    real_load = type(ctx.store).load
    failures = iter([PermissionError(13, "Permission denied")])

    def flaky(self: object, *args: object, **kwargs: object) -> object:
        error = next(failures, None)
        if error is not None:
            raise error
        return real_load(self, *args, **kwargs)  # type: ignore[arg-type]

    with patch.object(type(ctx.store), "load", flaky):
        async with running(ctx, retry_s=0.01) as (runner, seen):
            first = seen.last
            assert first.phase is Phase.UNREADABLE
            assert first.status is not None and "Could not read your history" in first.status.text
            for _ in range(100):  # the retry comes after the (injected) 10 ms
                await asyncio.sleep(0.01)
                await runner.settled()
                if opened(seen):
                    break
            assert opened(seen)
    assert journal(ctx) == []  # (was: its block written once open; opening starts none now)


async def test_a_write_the_disk_refuses_is_said_and_not_counted(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        full = OSError(errno.ENOSPC, "No space left on device")
        with patch("companion.store.journal.os.write", side_effect=full):
            runner.send(LogOutcome(Outcome.VOICEMAIL))
            await runner.settled()
        assert seen.last.day is not None and seen.last.day.counts.dials == 0
        assert seen.last.status is not None and seen.last.status.text.startswith("NOT saved: No space left")
    assert journal(ctx) == []  # neither the call nor the block it would have started


async def test_keys_sent_just_before_the_end_are_stored_before_it_lets_go(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        runner.send(LogOutcome(Outcome.NO_ANSWER))
        runner.send(LogOutcome(Outcome.NO))
        runner.send(Quit())
    assert journal(ctx) == [EventKind.BLOCK_START, EventKind.OUTCOME, EventKind.OUTCOME, EventKind.RITUAL]
    assert seen.effects == [Effect.EXIT]


async def test_enter_and_a_call_from_elsewhere_at_the_same_moment_give_one_ending(ctx: Context) -> None:
    """Enter at Dial is being written when a call from another terminal is read: the runner
    answers the write before it hands the controller the call, so the reset ends once."""
    clock = ctx.clock
    assert isinstance(clock, FrozenClock)
    async with running(ctx) as (runner, seen):
        runner.send(LogOutcome(Outcome.NO))
        await runner.settled()
        clock.advance(25)
        release = threading.Event()
        real_append = ctx.store.append

        def held_append(events: list[Event]) -> None:
            release.wait(10)
            real_append(events)

        with patch.object(ctx.store, "append", held_append):
            runner.send(MarkDialling())  # its ending waits on the writer thread...
            other = Context.open(ctx.paths, clock=clock)
            other.store.append([make_event(EventKind.OUTCOME, clock.now(), outcome=Outcome.VOICEMAIL)])
            await runner.poll()  # ...while the call from elsewhere is read and queued
            release.set()
            await runner.settled()
        assert seen.last.day is not None and seen.last.day.counts.dials == 2
    endings = [e for e in read_chunk(ctx.store.journal).events if e.kind is EventKind.RITUAL]
    assert [e.ritual for e in endings] == [RitualEnd.COMPLETED]


def test_open_now_reads_the_day_before_any_loop_runs_and_starts_no_block(ctx: Context) -> None:
    # Was: it wrote the day's block. A block starts with its first call now (issue 22).
    seen = Seen()
    runner = SessionRunner(
        ctx, SessionController(ctx.config, ctx.tz), publish=seen.publish, effect=seen.effects.append
    )
    assert runner.open_now()
    assert journal(ctx) == []
    state = runner.controller.state(ctx.clock.now())
    assert state.phase is Phase.OPEN and not state.block_open


def test_open_now_gives_up_at_once_when_another_process_holds_the_store(ctx: Context) -> None:
    runner = SessionRunner(ctx, SessionController(ctx.config, ctx.tz), publish=Seen().publish, effect=print)
    with held(ctx.store.dir / "store.lock", 1.0):  # a long import, say
        assert not runner.open_now(wait_s=0.01)
    assert journal(ctx) == []  # the day opens after the first frame instead
    assert runner.controller.state(ctx.clock.now()).phase is Phase.OPENING


def test_open_now_with_a_full_disk_opens_the_day_and_says_what_was_not_saved(ctx: Context) -> None:
    # A reset a killed app left open: opening closes it (it no longer writes a block).
    earlier = START - timedelta(minutes=30)
    block = make_event(EventKind.BLOCK_START, earlier, session="b", source="app")
    no = make_event(EventKind.OUTCOME, earlier, outcome=Outcome.NO, session="b", source="app")
    ctx.store.append([block, no])
    runner = SessionRunner(ctx, SessionController(ctx.config, ctx.tz), publish=Seen().publish, effect=print)
    full = OSError(errno.ENOSPC, "No space left on device")
    with patch("companion.store.journal.os.write", side_effect=full):
        assert runner.open_now()
    state = runner.controller.state(ctx.clock.now())
    assert state.phase is Phase.OPEN and state.block_open
    assert state.status is not None and state.status.text.startswith(
        "Could not save how the last resets ended"
    )


class Failures(list[BaseException]):
    def __call__(self, error: BaseException) -> None:
        self.append(error)


async def test_a_bug_is_told_and_the_keys_after_it_are_still_stored(ctx: Context) -> None:
    failures = Failures()
    seen = Seen()
    controller = SessionController(ctx.config, ctx.tz)
    runner = SessionRunner(ctx, controller, publish=seen.publish, effect=seen.effects.append, failed=failures)
    real_toggle = SessionController._toggle_pause

    def broken(self: SessionController, at: object) -> None:
        raise ValueError("a bug in pause")

    runner.start()
    with patch.object(SessionController, "_toggle_pause", broken):
        await runner.settled()
        runner.send(TogglePause())
        runner.send(LogOutcome(Outcome.MEETING))
        await runner.settled()
    await runner.stop()
    assert [str(e) for e in failures] == ["a bug in pause"]
    assert EventKind.OUTCOME in journal(ctx)
    assert real_toggle is SessionController._toggle_pause


async def test_a_write_that_fails_in_an_unforeseen_way_counts_nothing_and_jams_nothing(ctx: Context) -> None:
    failures = Failures()
    seen = Seen()
    runner = SessionRunner(
        ctx,
        SessionController(ctx.config, ctx.tz),
        publish=seen.publish,
        effect=seen.effects.append,
        failed=failures,
    )
    runner.start()
    await runner.settled()
    with patch.object(ctx.store, "append", side_effect=ValueError("odd")):
        runner.send(LogOutcome(Outcome.VOICEMAIL))
        await runner.settled()
    runner.send(LogOutcome(Outcome.MEETING))  # the next key is not stuck behind the first
    await runner.settled()
    await runner.stop()
    assert [str(e) for e in failures] == ["odd"]
    day = seen.last.day
    assert day is not None and day.counts.dials == 1 and day.counts.meetings == 1


async def test_a_read_that_fails_in_an_unforeseen_way_is_told(ctx: Context) -> None:
    failures = Failures()
    runner = SessionRunner(
        ctx, SessionController(ctx.config, ctx.tz), publish=Seen().publish, effect=print, failed=failures
    )
    with patch.object(type(ctx.store), "load", side_effect=ValueError("unforeseen")):
        runner.start()
        await runner.settled()
    await runner.stop()
    assert [str(e) for e in failures] == ["unforeseen"]


async def test_a_stuck_disk_never_holds_the_app_open(ctx: Context) -> None:
    seen = Seen()
    controller = SessionController(ctx.config, ctx.tz)
    runner = SessionRunner(ctx, controller, publish=seen.publish, effect=print, stop_wait_s=0.05)
    runner.start()
    await runner.settled()
    release = threading.Event()
    real_append = ctx.store.append
    with patch.object(ctx.store, "append", lambda events: (release.wait(10), real_append(events))):
        runner.send(LogOutcome(Outcome.VOICEMAIL))
        assert await runner.drained() is False  # the write is stuck
        await asyncio.wait_for(runner.stop(), timeout=5)  # lets go after its stop wait
        release.set()


async def test_the_first_frame_reads_a_week_and_the_session_then_holds_four_for_the_reviews(
    ctx: Context,
) -> None:
    """open_now reads only what the first frame shows; once running, the runner reads the
    session's whole window, so a no noted three weeks ago is due for review on screen."""
    three_weeks = make_event(
        EventKind.OUTCOME, START - timedelta(days=20), outcome=Outcome.NO, note="stung", source="cli"
    )
    ctx.store.add([three_weeks])
    seen = Seen()
    controller = SessionController(ctx.config, ctx.tz, random.Random(1))
    runner = SessionRunner(ctx, controller, publish=seen.publish, effect=seen.effects.append)
    assert runner.open_now()
    first = controller.state(START)
    assert first.around is not None and first.around.due == ()  # not read yet: a week only
    runner.start()
    try:
        await runner.settled()
        await runner.settled()  # the wider read, then what it found
        assert seen.last.around is not None and [n.id for n in seen.last.around.due] == [three_weeks.id]
    finally:
        await runner.stop()


async def test_held_for_the_first_frame_no_tidy_runs_and_no_thread_starts_until_it_is_drawn(
    ctx: Context,
) -> None:
    """The app holds what follows the opening for its first frame (wait_for_first_frame): the
    tidy (a fold of a grown journal) shared the CPU and the GIL with that frame on a thread of
    its own (issue 25); the read of the session's weeks waited already."""
    tidied: list[bool] = []
    seen = Seen()
    runner = SessionRunner(
        ctx, SessionController(ctx.config, ctx.tz), publish=seen.publish, effect=seen.effects.append
    )
    runner.wait_for_first_frame()
    with patch.object(type(ctx.store), "fold_if_large", lambda _store: tidied.append(True)):
        assert runner.open_now()
        before = {thread.ident for thread in threading.enumerate()}
        runner.start()
        for _ in range(3):
            await asyncio.sleep(0)  # a background task would have started its thread by now
        started = [t.name for t in threading.enumerate() if t.ident not in before]
        assert (started, tidied) == ([], [])
        runner.first_frame_drawn()
        await runner.settled()
        assert tidied  # (and again once the session's weeks are read: the day opens again)
    await runner.stop()
