"""The session runner: feeds the controller one command at a time and does the I/O it asks for.
No textual here: the app calls `start`, `send`, `poll` and `stop`, and hears back through
`publish` (a ViewState after each command) and `effect` (a bell, the exit).

- Every command is stamped with the moment it was asked for and handled in the order sent.
- A write goes to one writer thread (append, fsync) and is acknowledged to the controller before
  the next command is handled: nothing counts until it is durable, and no two writes overlap.
- The day's window is read off the loop: at the start, at midnight (the controller asks), and
  again when a fold or an import changed the store underneath.
- `poll` picks up what other processes appended to the journal."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from companion.context import SESSION_DAYS, WINDOW_DAYS, Context
from companion.core.calendar import day_of
from companion.core.ledger import Ledger
from companion.errors import CompanionError, reason
from companion.paths import shown_path
from companion.session.commands import (
    AroundRead,
    Arrived,
    Command,
    DayLoaded,
    DayUnreadable,
    NotStored,
    Say,
    Stored,
    Tick,
)
from companion.session.controller import Effect, SessionController, Transition, Write
from companion.session.opening import ledgers_for
from companion.session.state import ViewState
from companion.store.store import Cursor, Loaded

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

RETRY_S = 5.0  # reading the day again after it failed
OPEN_NOW_WAIT_S = 0.25  # how long the start may wait for a store another process holds
STOP_WAIT_S = 10.0  # at most this long to store what was sent before the app closes


class SessionRunner:
    def __init__(
        self,
        ctx: Context,
        controller: SessionController,
        *,
        publish: Callable[[ViewState], None],
        effect: Callable[[Effect], None],
        failed: Callable[[BaseException], None] | None = None,
        retry_s: float = RETRY_S,
        stop_wait_s: float = STOP_WAIT_S,
    ) -> None:
        """`failed` hears of a bug (an exception from the controller, `publish`, a write or a
        read); the commands after it are still handled, so no key waits forever behind it."""
        self.ctx = ctx
        self.controller = controller
        self._publish = publish
        self._effect = effect
        self._failed = failed
        self._retry_s = retry_s
        self._hook_log_size: int | None = None
        self._hook_failure_said = False
        self._stop_wait_s = stop_wait_s
        self._writer: ThreadPoolExecutor | None = None  # (_writing)
        self._queue: asyncio.Queue[tuple[Command, datetime]] = asyncio.Queue()
        self._reading = asyncio.Lock()  # one read of the store at a time: a poll or a load
        self._cursor: Cursor | None = None  # where the journal was read to
        self._tasks: set[asyncio.Task[None]] = set()
        self._consumer: asyncio.Task[None] | None = None
        self._tick_waiting = False
        self._stopped = False
        self._leaving = False
        self._opened_early: list[Effect] | None = None  # open_now's effects, for start to follow
        self._short_window = False  # open_now read only what the first frame shows
        # The app asks for the work that follows the opening (READ_AROUND, TIDY) to wait for its
        # first frame: a worker thread parsing four weeks, or even one only looking at the
        # journal's size, would share the CPU and the GIL with that frame.
        self._drawn = True
        self._after_drawn: list[Coroutine[Any, Any, None]] = []

    # -- life cycle --------------------------------------------------------------------------

    def open_now(self, wait_s: float = OPEN_NOW_WAIT_S) -> bool:
        """Read the day and store what opening it writes (a new block), before the event loop
        runs, so that the first frame already shows today's counters. It blocks, so only
        briefly: when another process holds the store (a long import) or it cannot be read,
        it gives up and `start` opens the day after the first frame, saying why."""
        day = day_of(self.ctx.clock.now(), self.ctx.tz)
        try:
            # The first frame needs a week; the rest of the session's days follow it.
            loaded = self.ctx.store.load(*self.ctx.window(day, days=WINDOW_DAYS), wait_s=wait_s)
        except (OSError, CompanionError):
            return False
        self._cursor = loaded.cursor
        self._short_window = True
        effects: list[Effect] = []
        events = tuple(loaded.events)
        command: Command = DayLoaded(
            day, events, tuple(loaded.notices), ledgers_for(day, events, self.ctx.tz)
        )
        while True:
            transition = self.controller.handle(command, self.ctx.clock.now())
            effects += transition.effects
            if transition.write is None:
                break
            try:
                self.ctx.append(list(transition.write.events))
            except (OSError, CompanionError) as error:
                command = NotStored(transition.write.id, reason(error))
            else:
                command = Stored(transition.write.id)
        self._opened_early = effects
        return True

    def start(self) -> None:
        """Begin handling commands, and read the day unless `open_now` did. Call from a running
        event loop."""
        self._consumer = asyncio.create_task(self._consume(), name="companion-session")
        if self._opened_early is None:
            self._background(self._load())
        else:
            self._carry_out(
                Transition(self.controller.state(self.ctx.clock.now()), None, tuple(self._opened_early))
            )

    def wait_for_first_frame(self) -> None:
        """Hold the work that follows the opening until `first_frame_drawn` (the app's)."""
        self._drawn = False

    def first_frame_drawn(self) -> None:
        self._drawn = True
        self._writing()  # ready before the first call, made after the first frame
        for work in self._after_drawn:
            self._background(work)
        self._after_drawn = []

    async def stop(self) -> None:
        """Handle what was already sent (keys pressed just before the end are stored), then
        let go of the writer once its last write is done; a write hung longer than
        `stop_wait_s` (a stuck disk) is not waited for."""
        if self._stopped:
            return
        self._stopped = True
        drained = True
        if self._consumer is not None and not self._consumer.done():
            drained = await self.drained()
            self._consumer.cancel()
        for task in list(self._tasks):
            task.cancel()
        for work in self._after_drawn:  # never started: closed, so Python does not warn
            work.close()
        self._after_drawn = []
        if self._writer is not None:
            self._writer.shutdown(wait=drained, cancel_futures=not drained)

    async def drained(self, timeout_s: float | None = None) -> bool:
        """Until every command sent so far is handled (its writes stored): True; False if
        `timeout_s` (the runner's stop wait) passed first."""
        try:
            await asyncio.wait_for(self._queue.join(), timeout=timeout_s or self._stop_wait_s)
        except TimeoutError:
            return False
        return True

    async def settled(self) -> None:
        """Until every command sent so far is handled and no read of the store is under way:
        for tests, which then look at what the rep would see."""
        while True:
            tasks = [t for t in self._tasks if not t.done()]
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            await self._queue.join()
            if not any(not t.done() for t in self._tasks) and self._queue.empty():
                return

    # -- commands ----------------------------------------------------------------------------

    def send(self, command: Command, at: datetime | None = None) -> None:
        """Queue `command`, asked for now (or at `at`). Ticks already waiting are not doubled."""
        if self._stopped or self._leaving:
            return
        if isinstance(command, Tick):
            if self._tick_waiting:
                return
            self._tick_waiting = True
        self._queue.put_nowait((command, at or self.ctx.clock.now()))

    async def _consume(self) -> None:
        while True:
            command, at = await self._queue.get()
            try:
                if isinstance(command, Tick):
                    self._tick_waiting = False
                    at = self.ctx.clock.now()  # a tick is about now, not when it was queued
                await self._handle(command, at)
            except Exception as error:  # a bug: told, and the next command is still handled
                self._report(error)
            finally:
                self._queue.task_done()

    def _report(self, error: BaseException) -> None:
        if self._failed is None:
            raise error
        self._failed(error)

    async def _handle(self, command: Command, at: datetime) -> None:
        transition = self.controller.handle(command, at)
        while True:
            self._carry_out(transition)
            if transition.write is None:
                break
            ack = await self._store(transition.write)
            transition = self.controller.handle(ack, self.ctx.clock.now())
        self._publish(transition.state)

    async def _store(self, write: Write) -> Stored | NotStored:
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._writing(), self.ctx.append, list(write.events))
        except (OSError, CompanionError) as error:
            return NotStored(write.id, reason(error))
        except Exception as error:  # a bug: nothing of it counts, and it is told
            self._report(error)
            return NotStored(write.id, reason(error))
        return Stored(write.id)

    def _writing(self) -> ThreadPoolExecutor:
        """The writer (its module is not loaded on the way to the app's first frame)."""
        if self._writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="companion-writer")
        return self._writer

    def _carry_out(self, transition: Transition) -> None:
        for effect in transition.effects:
            if effect is Effect.EXIT:
                self._leaving = True  # nothing more is taken: the app is leaving
            if effect is Effect.RELOAD:
                self._background(self._load())
            elif effect is Effect.TIDY:
                self._after_first_frame(self._tidy())
            elif effect is Effect.READ_AROUND:
                self._after_first_frame(self._read_around())
            else:
                self._effect(effect)

    # -- reading the store -------------------------------------------------------------------

    async def _load(self) -> None:
        """Read today's window; on failure say so, and try again after a while."""
        async with self._reading:
            try:
                await self._read_day()
            except (OSError, CompanionError) as error:
                self.send(DayUnreadable(reason(error)))
                asyncio.get_running_loop().call_later(self._retry_s, self._retry)

    async def _read_day(self) -> None:
        """Read today's window off the loop and hand it to the controller; the journal is
        polled from where this read ended. The caller holds `_reading`."""
        day = day_of(self.ctx.clock.now(), self.ctx.tz)
        loaded, ledgers = await asyncio.to_thread(self._read_window, day)
        self._cursor = loaded.cursor
        self._short_window = False
        self.send(DayLoaded(day, tuple(loaded.events), tuple(loaded.notices), ledgers))

    def _read_window(self, day: date) -> tuple[Loaded, tuple[Ledger, Ledger]]:
        """The session's window and its ledgers, on a worker thread: the loop only takes them."""
        loaded = self.ctx.store.load(*self.ctx.window(day, days=SESSION_DAYS))
        return loaded, ledgers_for(day, loaded.events, self.ctx.tz)

    def _retry(self) -> None:
        if not self._stopped:
            self._background(self._load())

    async def poll(self) -> None:
        """Show what other processes logged: new journal lines, or the whole window again when
        a fold or an import changed the store."""
        if self._cursor is None or self._reading.locked() or self._stopped:
            return
        async with self._reading:
            try:
                found = await asyncio.to_thread(self.ctx.store.poll, self._cursor)
                if found is None:  # a fold or an import changed the store: read the day again
                    await self._read_day()
                    return
            except (OSError, CompanionError) as error:
                self.send(Say(f"Could not read new calls: {reason(error)}. Retrying…", error=True))
                return
            events, self._cursor = found
            if events:
                self.send(Arrived(tuple(events)))
        if self.ctx.config.on_event and not self._hook_failure_said:
            self._say_hook_failure()

    def _say_hook_failure(self) -> None:
        """Once a run, the first time hooks.log grows: a hook failed (the log says how); or
        hooks.log is not a file failures can be written to (a link, a FIFO)."""
        from companion.store.hooks import LOG_NAME, log_refused, log_size

        log = self.ctx.paths.data_dir / LOG_NAME
        refused = log_refused(self.ctx.paths.data_dir)
        if refused:
            self._hook_failure_said = True
            self.send(Say(f"{refused}: see {shown_path(log)}", error=True))
            return
        size = log_size(self.ctx.paths.data_dir)
        if self._hook_log_size is None:
            self._hook_log_size = size  # what was there before this run was said before
        elif size > self._hook_log_size:
            self._hook_failure_said = True
            self.send(Say(f"A hook failed: see {shown_path(log)}", error=True))

    async def _read_around(self) -> None:
        """Once the day is open: the whole window the session keeps, when the start read only
        what the first frame needed, then the last wins and old unread resume entries; best
        effort (a failure leaves the warm-up without older wins, and is not worth a line)."""
        if self._short_window:
            await self._load()
        from companion.session.past import read_around

        try:
            found = await asyncio.to_thread(read_around, self.ctx, self.ctx.clock.now())
        except (OSError, CompanionError):
            found = AroundRead((), None)  # the warm-up still opens, with today's window alone
        self.send(found)

    async def _tidy(self) -> None:
        """Fold a journal grown large into the archive, off the loop; best effort."""
        await asyncio.to_thread(self.ctx.store.fold_if_large)

    def _after_first_frame(self, work: Coroutine[Any, Any, None]) -> None:
        if self._drawn:
            self._background(work)
        else:
            self._after_drawn.append(work)

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        """A read or a tidy that failed in an unforeseen way is told, not lost."""
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            self._report(error)
