"""The live session screen: block clock, counters, numbers, recent outcomes, key footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from companion.core.outcomes import Outcome
from companion.core.words import hhmm
from companion.session.commands import (
    CloseWarmup,
    EndBlock,
    OpenWarmup,
    PickFocus,
    Say,
    StartBlock,
)
from companion.session.state import ViewState
from companion.tui.messages import OpenHistory, OpenResume, OpenReview, OpenWins
from companion.tui.outcome_keys import HARD_NO, HARD_NO_HELP, outcome_bindings
from companion.tui.screens.live import LiveScreen
from companion.tui.tag_keys import TAG_BINDINGS
from companion.tui.widgets.around import RecentTitle, WarmupPanel
from companion.tui.widgets.block_bar import BlockBar
from companion.tui.widgets.counters import Counters, Numbers
from companion.tui.widgets.recent import Recent
from companion.tui.widgets.status import StatusLine

# Footer shows the most used keys; `?` and the command palette list every one.
OUTCOME_BINDINGS = outcome_bindings(shown=(Outcome.NO, Outcome.MEETING, Outcome.VOICEMAIL, Outcome.NO_ANSWER))


def _tag_help(binding_id: str) -> str:
    kind = binding_id.split("-", 1)[0]
    what = {"reason": "reason", "cause": "cause", "note": "a note"}.get(kind, kind)
    return f"{what} for the last no (until the next call)"


class SessionScreen(LiveScreen):
    """Where the rep spends the calling block."""

    BINDINGS = [
        *OUTCOME_BINDINGS,
        Binding("u", "undo", "Undo", id="undo"),
        Binding("p", "pause", "Pause", show=False, id="pause"),
        Binding("e", "end_block", "End", id="end-block"),
        Binding("q", "quit_hint", "Quit", show=False, id="quit-hint"),
        Binding("h", "history", "History", show=False, id="history"),
        Binding("r", "review", "Review", show=False, id="review"),
        Binding("l", "resume", "Resume", show=False, id="resume"),
        Binding("w", "wins", "Wins", show=False, id="wins"),
        Binding("plus", "add_win", "Add a win", key_display="+", show=False, id="add-win"),
        Binding("o", "warmup", "Warm-up", show=False, id="warmup"),
        Binding("y", "own_focus", "Own focus", show=False, id="own-focus"),
        Binding("escape", "close_warmup", "Close", show=False, id="close-warmup"),
        Binding("enter", "start_block", "New", id="start-block"),  # "New block": too wide at 60
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        *TAG_BINDINGS,
    ]
    KEY_HELP = {
        "no": "a rejection; starts the reset",
        HARD_NO: HARD_NO_HELP,
        "meeting": "a yes: meeting booked",
        "callback": "follow-up agreed",
        "not-fit": "wrong person or no need (not a rejection)",
        "gatekeeper": "blocked before the decision maker",
        "voicemail": "left a voicemail",
        "no-answer": "nobody picked up",
        "undo": "void the most recent outcome of today (press again for the one before)",
        "pause": "pause or resume the block clock",
        "end-block": "end the block and see its summary",
        "history": "days and weeks: dials, no's per yes, the callus ladder and the call after a no",
        "review": "the 24-hour review: no's with a note or a skill gap, a day on, one by one",
        "resume": "your rejection resume: noted and reviewed no's with their lessons, by month",
        "wins": "meetings and the wins you added, newest first",
        "add-win": "add a win worth remembering, in your words",
        "warmup": "two minutes before the first call: wins, the no's to expect, one skill",
        "own-focus": "in the warm-up: write your own skill to practise today",
        "close-warmup": "close the warm-up",
        "quit-hint": "ctrl+q quits; q alone does not, so a stray key never closes the app",
        "start-block": "start a new block when none is open",
        "help": "every key of this screen",
        **{b.id or "": _tag_help(b.id or "") for b in TAG_BINDINGS},
    }

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened

    def compose(self) -> ComposeResult:
        yield BlockBar(id="block-bar")
        with Vertical(id="body"):
            yield Counters(id="counters")
            yield Numbers(id="numbers")
            yield RecentTitle(id="recent-title")
            yield Recent(id="recent")
            yield WarmupPanel(id="warmup")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e End` while a block is open, `⏎ New` (block) once the day is read and none is;
        Esc and y while the warm-up is open. What is offered comes from the state."""
        if action in ("end_block", "start_block"):
            return self.state is not None and action in self.state.offers
        if action in ("close_warmup", "own_focus", "take_focus"):
            return self._warming()
        return True

    def _warming(self) -> bool:
        return self.state is not None and "warmup" in self.state.offers

    # A key runs its `key_` method first, then its binding. These two speak only when their
    # binding is off, so the rep hears why instead of nothing.
    def key_e(self) -> None:
        if not self.check_action("end_block", ()):
            self._ask(EndBlock())

    def key_enter(self) -> None:
        if self.focused is not None:
            return
        if self._warming():
            self.action_take_focus()
        elif not self.check_action("start_block", ()):
            self._ask(StartBlock())

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(state.status)
        day = state.day
        if day is None:
            self.query_one(BlockBar).opening(state.now, state.tz)
            return
        self.query_one(BlockBar).show(day)
        self.query_one(Counters).show(day)
        around = state.around
        warm = around.warmup if around is not None else None
        self.set_class(warm is not None, "-warming")
        if warm is not None and around is not None:
            self.query_one(WarmupPanel).show(warm, around.warmup_left_s, state.tz, self.size.width - 2)
            return
        width = self.size.width - 2
        self.query_one(Numbers).show(day, around.focus if around is not None else None, width)
        self.query_one(RecentTitle).show(around, width)
        self.query_one(Recent).show(day)

    def action_start_block(self) -> None:
        self._ask(StartBlock())

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def action_review(self) -> None:
        self.post_message(OpenReview())

    def action_resume(self) -> None:
        self.post_message(OpenResume())

    def action_wins(self) -> None:
        self.post_message(OpenWins())

    def action_warmup(self) -> None:
        self._ask(OpenWarmup())

    def action_close_warmup(self) -> None:
        self._ask(CloseWarmup())

    def action_take_focus(self) -> None:
        """Enter in the warm-up: the proposed skill is today's practice."""
        around = self.state.around if self.state is not None else None
        if around is not None and around.warmup is not None and around.warmup.focus is None:
            self._ask(PickFocus(around.warmup.proposal))
        self._ask(CloseWarmup())

    async def action_own_focus(self) -> None:
        around = self.state.around if self.state is not None else None
        if around is None or around.warmup is None:
            return
        from companion.tui.widgets.note_box import open_note_box

        start = around.warmup.focus or around.warmup.proposal
        await open_note_box(self, "Today's practice · Enter saves", purpose="focus", value=start)

    async def action_add_win(self) -> None:
        from companion.tui.widgets.note_box import open_note_box

        await open_note_box(self, "A win worth remembering · Enter saves", purpose="win")

    def action_quit_hint(self) -> None:
        self._ask(Say("ctrl+q quits (an open block resumes on the next start)."))

    async def action_note(self) -> None:
        refusal = self.state.note_refusal() if self.state is not None else None
        if refusal is not None:
            self._ask(Say(refusal))
            return
        state = self.state
        target = state.note_target if state is not None else None
        if state is None or target is None:
            return
        # Most starts never need a text box: its widget loads on first use, not on the way up.
        from companion.tui.widgets.note_box import FELT_ASK, open_note_box

        on = f"Note on the {target.outcome.value} at {hhmm(target.at, state.tz)}"
        ask = FELT_ASK if target.outcome is Outcome.NO else None
        await open_note_box(self, f"{on} · Enter saves", ask_felt=ask, target=target.id)
