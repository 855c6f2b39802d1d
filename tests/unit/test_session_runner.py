"""The session runner against a real store in a temporary home, on plain asyncio: what is written
before it counts, what other processes log, reading again after a fold, retrying an unreadable
store, and storing keys pressed just before the end."""

from __future__ import annotations

import asyncio
import errno
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from unittest.mock import patch

from companion.context import Context
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.session.commands import LogOutcome, Quit
from companion.session.controller import Effect, SessionController
from companion.session.runner import SessionRunner
from companion.session.state import Phase, ViewState
from companion.store.journal import read_chunk
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
        assert seen.last.phase is Phase.OPEN and journal(ctx) == [EventKind.BLOCK_START]
        runner.send(LogOutcome(Outcome.VOICEMAIL))
        await runner.settled()
    assert (1, 0) not in counted_and_on_disk  # never counted before it was on disk
    assert counted_and_on_disk[-1] == (1, 1)


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
    assert EventKind.BLOCK_START in journal(ctx)


async def test_a_write_the_disk_refuses_is_said_and_not_counted(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        full = OSError(errno.ENOSPC, "No space left on device")
        with patch("companion.store.journal.os.write", side_effect=full):
            runner.send(LogOutcome(Outcome.VOICEMAIL))
            await runner.settled()
        assert seen.last.day is not None and seen.last.day.counts.dials == 0
        assert seen.last.status is not None and seen.last.status.text.startswith("NOT saved: No space left")
    assert journal(ctx) == [EventKind.BLOCK_START]


async def test_keys_sent_just_before_the_end_are_stored_before_it_lets_go(ctx: Context) -> None:
    async with running(ctx) as (runner, seen):
        runner.send(LogOutcome(Outcome.NO_ANSWER))
        runner.send(LogOutcome(Outcome.NO))
        runner.send(Quit())
    assert journal(ctx) == [EventKind.BLOCK_START, EventKind.OUTCOME, EventKind.OUTCOME, EventKind.RITUAL]
    assert seen.effects == [Effect.EXIT]
