"""The Textual app: owns the live day, the single writer thread, the tick and the poll.

Data flows one way: key -> event -> store (durable) -> ledger -> one SessionView -> widgets."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from companion.context import Context
from companion.core.events import Event, EventKind, make_event, new_id
from companion.core.outcomes import Outcome
from companion.errors import CompanionError
from companion.live import LiveDay
from companion.themes import ThemeSpec, load_themes
from companion.tui.screens.session import SessionScreen
from companion.tui.text import hhmm

TICK_S = 0.25
POLL_S = 0.5


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

    def __init__(self, ctx: Context, *, watch: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.live = LiveDay(ctx)
        self.ready = False
        self._watch = watch
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="companion-writer")
        themes = load_themes(ctx.paths.themes_dir)
        for spec in themes.themes.values():
            self.register_theme(to_theme(spec))
        self._theme_failures = themes.failures
        self.session = SessionScreen()

    # -- life cycle --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.ctx.config.theme
        self.push_screen(self.session)
        self.run_worker(self._open_day(), group="open", exclusive=True)
        if self._watch:
            self.set_interval(TICK_S, self.tick)
            self.set_interval(POLL_S, self.poll)

    async def _open_day(self) -> None:
        """Fold the journal, load the week, and start a block if none is open today."""
        notices = list(self._theme_failures)
        try:
            await asyncio.to_thread(self.ctx.store.fold)
        except (OSError, CompanionError) as error:
            notices.append(f"could not tidy the journal ({error}); everything is still safe in it")
        notices += self.live.apply(await asyncio.to_thread(self.live.fetch))
        start = self.live.block_start_needed()
        if start is not None:
            await self.record([start], quiet=True)
        self.ready = True
        self.refresh_view()
        if notices:
            self.session.say(" · ".join(notices), error=True)

    def on_unmount(self) -> None:
        self._writer.shutdown(wait=True)

    # -- the loop ----------------------------------------------------------------------

    def tick(self) -> None:
        if not self.ready:
            return
        if self.live.new_day():
            self.ready = False
            self.run_worker(self._open_day(), group="open", exclusive=True)
            return
        self.refresh_view()

    async def poll(self) -> None:
        """Show what other processes logged, within a second."""
        if not self.ready:
            return
        changed = self.live.poll()
        if changed is None:
            notices = self.live.apply(await asyncio.to_thread(self.live.fetch))
            if notices:
                self.session.say(" · ".join(notices), error=True)
            changed = True
        if changed:
            self.refresh_view()

    def refresh_view(self) -> None:
        self.session.show(self.live.view())

    # -- writing -----------------------------------------------------------------------

    async def record(self, events: list[Event], *, quiet: bool = False) -> bool:
        """Store events durably on the writer thread; only then does the screen change."""
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._writer, self.ctx.store.append, events)
        except (OSError, CompanionError) as error:
            self.session.say(f"NOT saved, nothing was logged: {error}", error=True)
            self.bell()
            return False
        self.live.add(events)
        self.refresh_view()
        return True

    async def log_outcome(self, outcome: Outcome, **fields: str | None) -> Event | None:
        view = self.live.view()
        block = view.block.id if view.block else None
        event = make_event(
            EventKind.OUTCOME,
            self.live.now(),
            outcome=outcome,
            session=block,
            source="app",
            **fields,
        )
        if not await self.record([event]):
            return None
        self.session.say(f"Logged {outcome.value} · {hhmm(event.at, self.ctx.tz)}")
        return event

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
        if await self.record(
            [make_event(EventKind.BLOCK_END, self.live.now(), session=view.block.id, source="app")]
        ):
            self.session.say("Block ended. Enter starts a new one.")

    async def start_block(self) -> None:
        if self.live.view().block is not None:
            return
        event = make_event(EventKind.BLOCK_START, self.live.now(), session=new_id(), source="app")
        if await self.record([event]):
            self.session.say("New block started. The next call is a blank slate.")

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        help_text: dict[str, str] = getattr(screen, "KEY_HELP", {})
        for binding in getattr(screen, "BINDINGS", []):
            action = binding.action

            async def run(action: str = action, screen: Screen[object] = screen) -> None:
                await screen.run_action(action)

            key = binding.key_display or binding.key
            yield SystemCommand(f"{binding.description} ({key})", help_text.get(binding.id or "", ""), run)
