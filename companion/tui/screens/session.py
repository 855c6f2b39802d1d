"""The live session screen: block clock, counters, numbers, recent outcomes, key footer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from companion.core.outcomes import Outcome
from companion.core.view import SessionView
from companion.tui.tag_keys import TAG_BINDINGS
from companion.tui.widgets.block_bar import BlockBar
from companion.tui.widgets.counters import Counters, Numbers
from companion.tui.widgets.recent import Recent
from companion.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp
    from companion.tui.widgets.note_box import NoteBox

# Footer shows the most used keys; `?` and the command palette list every one.
OUTCOME_BINDINGS = [
    Binding(
        o.key,
        f"log('{o.value}')",
        o.value.replace("-", " ").capitalize(),
        show=o in (Outcome.NO, Outcome.MEETING, Outcome.VOICEMAIL, Outcome.NO_ANSWER),
        id=f"log-{o.value}",
    )
    for o in Outcome
]


def _tag_help(binding_id: str) -> str:
    kind = binding_id.split("-", 1)[0]
    what = {"reason": "reason", "cause": "cause", "note": "a note"}.get(kind, kind)
    return f"{what} for the last no (until the next call)"


class SessionScreen(Screen[None]):
    """Where the rep spends the calling block."""

    BINDINGS = [
        *OUTCOME_BINDINGS,
        Binding("u", "undo", "Undo", id="undo"),
        Binding("p", "pause", "Pause", show=False, id="pause"),
        Binding("e", "end_block", "End", id="end-block"),
        Binding("q", "quit_hint", "Quit", show=False, id="quit-hint"),
        Binding("h", "history", "History", show=False, id="history"),
        Binding("enter", "start_block", "New block", id="start-block"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        *TAG_BINDINGS,
    ]
    KEY_HELP = {
        "log-no": "a rejection; starts the reset",
        "log-meeting": "a yes: meeting booked",
        "log-callback": "follow-up agreed",
        "log-not-fit": "wrong person or no need (not a rejection)",
        "log-gatekeeper": "blocked before the decision maker",
        "log-voicemail": "left a voicemail",
        "log-no-answer": "nobody picked up",
        "undo": "void the most recent outcome of today (press again for the one before)",
        "pause": "pause or resume the block clock",
        "end-block": "end the block and see its summary",
        "history": "days and weeks: dials, no's per yes and recovery over time",
        "quit-hint": "ctrl+q quits; q alone does not, so a stray key never closes the app",
        "start-block": "start a new block when none is open",
        "help": "this list",
        **{b.id or "": _tag_help(b.id or "") for b in TAG_BINDINGS},
    }

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened
    _no_block = False  # what the footer last offered: e End, or Enter New block

    app: CompanionApp

    def compose(self) -> ComposeResult:
        yield BlockBar(id="block-bar")
        with Vertical(id="body"):
            yield Counters(id="counters")
            yield Numbers(id="numbers")
            yield Static("Recent", id="recent-title")
            yield Recent(id="recent")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers `e End` while a block is open and `Enter New block` when none is."""
        if action in ("end_block", "start_block") and self.app.ready:
            block_open = self.app.live.view().block is not None
            return block_open if action == "end_block" else not block_open
        return True

    def key_e(self) -> None:
        """`e` with no block open (its binding is off then): say what to do instead."""
        self.say("No block is open; Enter starts one.")

    def show(self, view: SessionView) -> None:
        """Repaint every widget from one snapshot."""
        if (view.block is None) != self._no_block:
            self._no_block = view.block is None
            self.refresh_bindings()
        try:
            bar = self.query_one(BlockBar)
        except NoMatches:  # the app is closing and its widgets are already gone
            return
        bar.show(view)
        self.query_one(Counters).show(view)
        self.query_one(Numbers).show(view)
        self.query_one(Recent).show(view)
        self.query_one(StatusLine).expire(view.now)

    def say(self, message: str, *, error: bool = False, sticky: bool = False) -> None:
        """`sticky` keeps the line until the next message, for news the rep may have missed."""
        try:
            status = self.query_one(StatusLine)
        except NoMatches:  # closing
            return
        status.say(message, self.app.ctx.clock.now(), error=error, sticky=sticky)

    async def _once_open(self, action: Callable[[], Awaitable[object]]) -> None:
        """Act now if today's calls are loaded. A key pressed as the app opens is kept and
        acted on as soon as they are; if they cannot be read, it is refused out loud."""
        if self.app.ready:
            await action()
        elif self.app.open_error:
            self.say(f"Not done: {self.app.open_error}", error=True)
        else:
            self.app.when_open(action)
            self.say("Opening today's calls… that key counts in a moment.")

    async def action_log(self, outcome: str) -> None:
        at = self.app.live.now()  # the call ended now, even if the day is still opening
        await self._once_open(lambda: self.app.log_outcome(Outcome(outcome), at))

    async def action_undo(self) -> None:
        await self._once_open(self.app.undo)

    async def action_pause(self) -> None:
        await self._once_open(self.app.toggle_pause)

    def action_history(self) -> None:
        from companion.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_quit_hint(self) -> None:
        self.say("ctrl+q quits (an open block resumes on the next start).")

    async def action_end_block(self) -> None:
        await self._once_open(self.app.end_block)

    async def action_start_block(self) -> None:
        await self._once_open(self.app.start_block)

    async def action_reason(self, reason: str) -> None:
        await self._tag(reason=reason)

    async def action_cause(self, cause: str) -> None:
        await self._tag(cause=cause)

    async def action_note(self) -> None:
        if not self.app.ready:
            self.say("Opening today's calls… notes in a moment.")
            return
        if self._last_no() is None:
            self.say("Notes go on today's last no; log one first.")
            return
        from companion.tui.widgets.note_box import open_note_box

        await open_note_box(self, "A note on the last no; Enter saves, Esc closes")

    async def on_note_box_saved(self, event: NoteBox.Saved) -> None:
        await self._tag(note=event.text)

    def _last_no(self) -> str | None:
        no = self.app.live.view().last_no
        return no.id if no else None

    async def _tag(self, **tags: str) -> None:
        await self._once_open(lambda: self._tag_last_no(tags))

    async def _tag_last_no(self, tags: dict[str, str]) -> None:
        no_id = self._last_no()
        if no_id is None:
            self.say("Tags go on today's last no, until the next call is logged.")
            return
        await self.app.ritual.tag(no_id, **tags)

    def action_help(self) -> None:
        from companion.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
