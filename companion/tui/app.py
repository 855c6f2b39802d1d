"""The Textual app: owns the live day, the single writer thread, the tick and the poll.

Data flows one way: key -> event -> store (durable) -> ledger -> one SessionView -> widgets."""

from __future__ import annotations

import asyncio
import gc
import random
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from companion.context import Context
from companion.core.calendar import day_bounds
from companion.core.events import Event, EventKind, make_event, new_id
from companion.core.outcomes import Outcome
from companion.errors import CompanionError, reason
from companion.live import LiveDay
from companion.paths import private_dir
from companion.store.files import write_new
from companion.themes import ThemeSpec
from companion.tui.ritual_flow import RitualFlow
from companion.tui.screens.session import SessionScreen
from companion.tui.terminal import terminal_alive, watched_fd
from companion.tui.text import QUIT_HELP, hhmm

TICK_S = 0.25
POLL_S = 0.5
# A `no` logged elsewhere (a dialer hook) starts the reset if it is this fresh.
RITUAL_FOR_FOREIGN_S = 60.0
RETRY_S = 5.0
TERMINAL_CHECK_S = 2.0


def to_theme(spec: ThemeSpec) -> Theme:
    c = spec.colors.get
    return Theme(
        name=spec.name,
        primary=spec.colors["primary"],
        secondary=c("secondary"),
        accent=c("accent"),
        foreground=c("foreground"),
        background=c("background"),
        surface=c("surface"),
        panel=c("panel"),
        boost=c("boost"),
        success=c("success"),
        warning=c("warning"),
        error=c("error"),
        dark=spec.dark,
        variables=spec.variables,
    )


class CompanionApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Companion"

    def __init__(self, ctx: Context, *, watch: bool = True, rng: random.Random | None = None) -> None:
        super().__init__()
        self.rng = rng or random.Random()
        self.ctx = ctx
        self.live = LiveDay(ctx)
        self.ready = False  # today's calls are loaded: keys can act on them
        self.open_error: str | None = None  # why the day could not be opened (retrying)
        self._frozen = False
        self._waiting: list[Callable[[], Awaitable[object]]] = []  # keys pressed before ready
        self._watch = watch
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="companion-writer")
        themes = ctx.themes
        for spec in themes.themes.values():
            self.register_theme(to_theme(spec))
        self._theme_failures = themes.failures
        self.session = SessionScreen()
        self.ritual = RitualFlow(self)

    # -- life cycle --------------------------------------------------------------------

    def when_open(self, action: Callable[[], Awaitable[object]]) -> None:
        """Run `action` once today's calls are loaded, after any queued before it. Keys keep
        flowing meanwhile: nothing waits on the loop (ctrl+q included)."""
        self._waiting.append(action)

    def get_default_screen(self) -> SessionScreen:
        """The session screen is the first and only base screen: nothing modal on start."""
        return self.session

    def on_mount(self) -> None:
        self.theme = self.ctx.config.theme
        self.run_worker(self._open_day(), group="open", exclusive=True)
        if self._watch:
            self.set_interval(TICK_S, self.tick)
            self.set_interval(POLL_S, self.poll)
            if not self.is_headless and (fd := watched_fd()) is not None:
                self.set_interval(TERMINAL_CHECK_S, lambda: self._check_terminal(fd))

    async def _open_day(self, new_day: bool = False) -> None:
        """Fold the journal, load the week, and start a block if none is open today."""
        notices = list(self._theme_failures)
        try:
            await asyncio.to_thread(self.ctx.store.fold)
        except (OSError, CompanionError) as error:
            notices.append(f"could not tidy the journal ({reason(error)}); everything is still safe in it")
        try:
            notices += self.live.apply(await asyncio.to_thread(self.live.fetch))
        except (OSError, CompanionError) as error:
            self.open_error = f"could not read your history ({reason(error)})"
            self.session.say(f"Could not read your history: {reason(error)}. Retrying…", error=True)
            self.set_timer(RETRY_S, self._retry_open)
            return
        self.open_error = None
        opening = [] if self.ritual.active else self.ritual.unfinished_endings()
        start = self.live.block_start_needed()
        if start is not None:
            opening.append(start)
        if opening:
            await self.record(opening)
        self.ready = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:  # keys pressed while the day opened, in the order pressed
            await action()
        if not self._frozen:
            # What the first open loads lives all session (Textual's widgets, today's calls):
            # keep it out of the collector's full sweeps, which otherwise stall keys for tens
            # of milliseconds. Once only: later garbage (closed screens) stays collectable.
            gc.freeze()
            self._frozen = True
        self.refresh_view()
        if notices:
            self.session.say(" · ".join(notices), error=True)
        elif new_day:
            self.session.say("New day: new block. Yesterday's is kept.")

    def _check_terminal(self, fd: int) -> None:
        """Everything logged is on disk already; with no terminal left, close quietly."""
        if not terminal_alive(fd):
            self.exit()

    def _retry_open(self) -> None:
        self.run_worker(self._open_day(), group="open", exclusive=True)

    def on_unmount(self) -> None:
        self._writer.shutdown(wait=True)
        if self._frozen:
            gc.unfreeze()  # the process may go on (tests, a host app): let it all be collected

    # -- the loop ----------------------------------------------------------------------

    def tick(self) -> None:
        if not self.ready:
            return
        if self.live.new_day():
            self.ready = False
            self.run_worker(self._open_day(new_day=True), group="open", exclusive=True)
            return
        if self.screen is self.session:
            self.refresh_view()

    async def poll(self) -> None:
        """Show what other processes logged, within a second."""
        if not self.ready:
            return
        await self.ritual.close_if_abandoned()
        try:
            fresh = self.live.poll()
            if fresh is None:
                notices = self.live.apply(await asyncio.to_thread(self.live.fetch))
                if notices:
                    self.session.say(" · ".join(notices), error=True)
        except (OSError, CompanionError) as error:
            self.session.say(f"Could not read new calls: {reason(error)}. Retrying…", error=True)
            return
        self.refresh_view()
        outcomes = [
            e for e in fresh or () if e.kind is EventKind.OUTCOME and e.id not in self.live.ledger.voided
        ]
        if not outcomes:
            return
        latest = outcomes[-1]
        if self.ritual.active:
            await self.ritual.interrupt(f"Reset ended: {latest.outcome} logged elsewhere.")
            return
        fresh_enough = (self.ctx.clock.now() - latest.at).total_seconds() < RITUAL_FOR_FOREIGN_S
        if latest.outcome in self.ctx.config.ritual.after and fresh_enough:
            self.ritual.start(latest)

    def refresh_view(self) -> None:
        self.session.show(self.live.view())

    # -- writing -----------------------------------------------------------------------

    def say(self, message: str, *, error: bool = False) -> None:
        """A line on the screen the rep is looking at (the session's if that one has none)."""
        screen = self.screen
        say = getattr(screen, "say", None)
        (say if callable(say) else self.session.say)(message, error=error)

    async def writes_done(self) -> None:
        """Wait until every write handed to the writer thread so far has finished."""
        await asyncio.wrap_future(self._writer.submit(lambda: None))

    async def record(self, events: list[Event]) -> bool:
        """Store events durably on the writer thread; only then does the screen change."""
        loop = asyncio.get_running_loop()
        self.live.mine(events)
        try:
            await loop.run_in_executor(self._writer, self.ctx.store.append, events)
        except (OSError, CompanionError) as error:
            self.say(f"NOT saved: {reason(error)}. Nothing was logged.", error=True)
            if self.ctx.config.bell:  # never a sound unless asked: it can leak into a live call
                self.bell()
            return False
        self.live.add(events)
        self.refresh_view()
        return True

    async def log_outcome(self, outcome: Outcome, at: datetime | None = None) -> Event | None:
        event = self.new_outcome(outcome, at)
        if not await self.record([event]):
            return None
        said = f"Logged {outcome.value} · {hhmm(event.at, self.ctx.tz)}"
        view = self.live.view()
        if view.block is None:
            said += " · no block (Enter starts one)"
        elif view.paused:
            said += " · clock paused (p resumes)"
        self.session.say(said)
        if outcome in self.ctx.config.ritual.after:
            self.ritual.start(event)
        return event

    def new_outcome(self, outcome: Outcome, at: datetime | None = None) -> Event:
        block = self.live.ledger.open_block(*day_bounds(self.live.day, self.ctx.tz))
        return make_event(
            EventKind.OUTCOME, at or self.live.now(), outcome=outcome,
            session=block.id if block else None, source="app",
        )  # fmt: skip

    async def action_quit(self) -> None:
        """A reset cut short by quitting counts as interrupted; the block stays open."""
        await self.ritual.interrupt()
        self.exit()

    async def undo(self) -> None:
        view = self.live.view()
        if not view.recent:
            self.session.say("Nothing to undo today.")
            return
        target = view.recent[0]
        void = make_event(
            EventKind.VOID, self.live.now(), target=target.id, session=target.session, source="app"
        )
        if await self.record([void]):
            assert target.outcome is not None
            self.session.say(f"Undone: {target.outcome.value} at {hhmm(target.at, self.ctx.tz)}")

    async def toggle_pause(self) -> None:
        view = self.live.view()
        if view.block is None:
            self.session.say("No block is open; Enter starts one.")
            return
        kind = EventKind.RESUME if view.paused else EventKind.PAUSE
        if await self.record([make_event(kind, self.live.now(), session=view.block.id, source="app")]):
            self.session.say("Block clock paused." if kind is EventKind.PAUSE else "Block clock running.")

    async def end_block(self) -> None:
        view = self.live.view()
        if view.block is None:
            self.session.say("No block is open; Enter starts one.")
            return
        ended = make_event(EventKind.BLOCK_END, self.live.now(), session=view.block.id, source="app")
        if await self.record([ended]):
            self.session.say("Block ended. Enter starts a new one.")
            from companion.tui.screens.summary import SummaryScreen

            block = next((b for b in self.live.ledger.blocks if b.id == view.block.id), view.block)
            self.push_screen(SummaryScreen(block))

    async def export_day(self, day: date) -> Path:
        """The day's calls as CSV in the exports folder, under a new name: never overwrites."""
        from companion.transfer import Window, render

        start, end = day_bounds(day, self.ctx.tz)
        # A day later too: an undo recorded after midnight still voids its call.
        loaded = await asyncio.to_thread(self.ctx.store.load, start, end + timedelta(days=1))
        text = render("csv", loaded.events, Window(self.ctx.tz, day, day))
        folder = private_dir(self.ctx.paths.exports_dir)
        for n in range(1, 1000):
            path = folder / (f"companion-{day.isoformat()}" + (f"-{n}" if n > 1 else "") + ".csv")
            try:
                await asyncio.to_thread(write_new, path, text.encode())
            except FileExistsError:
                continue
            return path
        raise OSError(f"no free file name in {folder}")

    async def start_block(self) -> None:
        if self.live.view().block is not None:
            return
        event = make_event(EventKind.BLOCK_START, self.live.now(), session=new_id(), source="app")
        if await self.record([event]):
            self.session.say("New block started. The next call is a blank slate.")

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # our `?` lists every key with what it does
                continue
            if command.title == "Quit":
                command = SystemCommand("Quit (ctrl+q)", QUIT_HELP, command.callback)
            yield command
        help_text: dict[str, str] = getattr(screen, "KEY_HELP", {})
        for binding in getattr(screen, "BINDINGS", []):
            action = binding.action

            async def run(action: str = action, screen: Screen[object] = screen) -> None:
                await screen.run_action(action)

            key = binding.key_display or binding.key
            yield SystemCommand(f"{binding.description} ({key})", help_text.get(binding.id or "", ""), run)
        if screen is self.session:
            what = "save today's calls as CSV in the exports folder"
            yield SystemCommand("Export today", what, lambda: self.export_today(self.session.say))

    async def export_today(self, say: Callable[..., None]) -> None:
        """Export today's calls and say where they went, shortly enough for a narrow screen."""
        from companion.tui.text import home_relative

        try:
            path = await self.export_day(self.live.day)
        except (OSError, ValueError, CompanionError) as error:
            say(f"Export failed: {reason(error)}", error=True)
            return
        full = f"Saved {home_relative(path)}"
        say(full if len(full) < self.size.width - 2 else f"Saved {path.name} in the exports folder")
