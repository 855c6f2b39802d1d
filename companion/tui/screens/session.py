"""The live session screen: block clock, counters, numbers, recent outcomes, key footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content

from companion.core.outcomes import Outcome
from companion.core.words import hhmm, nos
from companion.session.commands import (
    CloseWarmup,
    Command,
    EndBlock,
    OpenWarmup,
    PickFocus,
    Say,
    StartBlock,
)
from companion.session.state import Phase, ViewState
from companion.tui.messages import OpenHistory, OpenResume, OpenReview, OpenWins
from companion.tui.outcome_keys import CALL_BINDINGS, in_legend_order
from companion.tui.screens.live import LiveScreen
from companion.tui.styles import WIDE as WIDE_STYLES
from companion.tui.styles import read_styles
from companion.tui.tag_keys import TAG_BINDINGS
from companion.tui.text import keys_in_force, shown_key
from companion.tui.widgets.around import RecentTitle, WarmupPanel
from companion.tui.widgets.block_bar import BlockBar
from companion.tui.widgets.counters import Counters, Numbers
from companion.tui.widgets.legend import KeyLegend
from companion.tui.widgets.recent import Recent
from companion.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from companion.tui.widgets.back_to_dial import BackToDial
    from companion.tui.widgets.block_chart import BlockChart
    from companion.tui.widgets.note_box import NoteBox

# Every call key (the app's, companion.tui.outcome_keys) is in the legend above the footer; the
# footer has the block's own keys, and `?` and the command palette list every one.
WIDE = (100, 30)  # from this size on: titled regions side by side, with the block's charts
BODY_MAX = 180  # past this width the regions stop growing: nothing is stretched thin


class SessionScreen(LiveScreen):
    """Where the rep spends the calling block."""

    BINDINGS = [
        Binding("u", "undo", "Undo", id="undo", tooltip="void the latest call; again: older"),
        Binding("p", "pause", "Pause", id="pause", tooltip="pause or resume the block clock"),
        Binding("e", "end_block", "End", id="end-block", tooltip="end the block, see its summary"),
        Binding("q", "quit_hint", "Quit", show=False, id="quit-hint", tooltip="does not quit: ctrl+q does"),
        Binding("h", "history", "History", id="history", tooltip="days, weeks and the callus ladder"),
        Binding("r", "review", "Review", show=False, id="review", tooltip="the 24-hour review of noted no's"),
        Binding("l", "resume", "Resume", show=False, id="resume", tooltip="your rejection resume, by month"),
        Binding("w", "wins", "Wins", show=False, id="wins", tooltip="meetings and wins, newest first"),
        Binding(
            "plus",
            "add_win",
            "Add a win",
            key_display="+",
            show=False,
            id="add-win",
            tooltip="add a win, in your words",
        ),
        Binding("o", "warmup", "Warm-up", id="warmup", tooltip="two minutes before the first call"),
        Binding(
            "y", "own_focus", "Own focus", show=False, id="own-focus", tooltip="warm-up: write your own skill"
        ),
        Binding("escape", "close_warmup", "Close", id="close-warmup", tooltip="close the warm-up"),
        Binding(
            "enter", "start_block", "New", id="start-block", tooltip="start a new block"
        ),  # "New block": too wide at 60
        Binding(
            "question_mark", "help", "Help", key_display="?", id="help", tooltip="every key of this screen"
        ),
        *TAG_BINDINGS,
    ]
    KEY_GROUP = "The block"  # the title of its own keys in `?`
    CALLS_FIRST = True  # the calls lead in `?` and the palette, as in the legend

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened

    def compose(self) -> ComposeResult:
        """One set of widgets for every size: from WIDE on, the regions get titled borders and
        the right column (the block's chart, the wait at Dial) shows. The warm-up's panel and
        the footer come just after the first frame (`_complete`): that frame has no use for
        them (the warm-up opens once the session's weeks are read, after it; the footer's keys
        arrive a frame later in any case), and each widget is work on the way to it."""
        yield BlockBar(id="block-bar")
        # (#right, the charts' column, is mounted into #body the first time the screen is wide)
        with Horizontal(id="body"), Vertical(id="left"):
            with Vertical(id="today", classes="region"):
                yield Counters(id="counters")
                yield Numbers(id="numbers")
            with Vertical(id="recent-box", classes="region"):
                yield RecentTitle(id="recent-title")
                yield Recent(id="recent")
        yield KeyLegend(id="legend")
        yield StatusLine(id="status")

    def on_mount(self) -> None:
        self.query_one("#today").border_title = "Today"
        self._fit(self.size.width, self.size.height)  # (then LiveScreen's handler paints)
        self.call_after_refresh(self._complete)

    async def _complete(self) -> None:
        """Mount what the first frame leaves out (see compose), in compose's order."""
        from companion.tui.widgets.key_footer import KeyFooter

        self._warmup_panel()
        await self.mount(KeyFooter())
        self.refresh_bindings()  # the footer missed the keys' first telling

    def _warmup_panel(self) -> WarmupPanel:
        if self._panel is None:
            self._panel = WarmupPanel(id="warmup")
            self.query_one("#left").mount(self._panel)
        return self._panel

    _panel: WarmupPanel | None = None

    def on_resize(self, event: events.Resize) -> None:
        """The widgets that follow their own size redraw themselves; what changes here is the
        layout, drawn afresh when the screen turns wide or narrow (the ticks redraw the rest)."""
        if self._fit(event.size.width, event.size.height) and self.state is not None:
            self.paint(self.state)

    def _fit(self, width: int, height: int) -> bool:
        """Lay the screen out for its size; True when it turned wide or narrow."""
        wide = width >= WIDE[0] and height >= WIDE[1]
        turned = wide != self.has_class("-wide")
        self.set_class(wide, "-wide")
        self.query_one(KeyLegend).show(self.legend(), width - 2)  # (the keys are set at start)
        # No wider than BODY_MAX, centred (CSS would keep a narrower body to the left).
        body = self.query_one("#body")
        body.styles.width = min(width, BODY_MAX) if wide else "1fr"
        body.styles.margin = (0, 0, 0, max(0, width - BODY_MAX) // 2 if wide else 0)
        self.query_one(Recent).full = wide
        if wide and not self._charts:  # beside a dialer they are never drawn: not made either
            from companion.tui.widgets.back_to_dial import BackToDial  # (loaded by the app's warm-up)
            from companion.tui.widgets.block_chart import BlockChart

            read_styles(self.app, [WIDE_STYLES])  # (read after the first frame, or at start if wide)
            chart = BlockChart(id="chart", classes="region")
            chart.border_title = "Block: dials against even pace"
            back = BackToDial(id="back-to-dial", classes="region")
            back.border_title = "Wait at Dial after a no"
            self._charts = (chart, back)
            self.query_one("#body").mount(Vertical(chart, back, id="right"))
            self.call_after_refresh(self._repaint)
        return turned

    _charts: tuple[BlockChart, BackToDial] | tuple[()] = ()

    def _repaint(self) -> None:
        if self.state is not None:
            self.paint(self.state)

    def legend(self) -> list[tuple[str, str]]:
        """(key, word) for every outcome binding, with the rep's own keys from [keys]."""
        keymap = keys_in_force(self)
        return [(shown_key(b, keymap), b.description.lower()) for b in in_legend_order(CALL_BINDINGS)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e End` while a block is open, `⏎ New` (block) once the day is read and none is;
        `o Warm-up` once the day is read while the warm-up is shut, Esc (and y) while it is
        open. What is offered comes from the state."""
        if action in ("end_block", "start_block"):
            return self.state is not None and action in self.state.offers
        if action in ("close_warmup", "own_focus", "take_focus"):
            return self._warming()
        if action == "warmup":
            return self.state is not None and self.state.phase is Phase.OPEN and not self._warming()
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
        if self._charts and self.has_class("-wide"):
            chart, back = self._charts
            chart.show(day)
            back.show(day)
        around = state.around
        warm = around.warmup if around is not None else None
        if (warm is not None) != self.has_class("-warming"):  # laid out again: paint at the new width
            self.call_after_refresh(self._repaint)
        self.set_class(warm is not None, "-warming")
        width = self.query_one("#left").size.width or self.size.width - 2
        if warm is not None and around is not None:
            panel = self._warmup_panel()
            panel.show(warm, around.warmup_left_s, state.tz, width, panel.size.height)
            return
        self.query_one(Numbers).show(day, around.focus if around is not None else None, width)
        self.query_one(RecentTitle).show(around, width)
        due = len(around.due) if around is not None else 0  # beside the title, as at 60 columns
        if due != self._due_titled:  # (a new title lays the box out again: only on a change)
            self._due_titled = due
            self.query_one("#recent-box").border_title = Content.assemble(
                "Recent",
                *((f" · {nos(due)} to review · ", "$text-muted"), ("r", "bold $accent")) if due else (),
            )
        self.query_one(Recent).show(day)

    _due_titled: int | None = None

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

    def saved(self, event: NoteBox.Saved) -> list[Command]:
        """y's own line in the warm-up is today's practice, and closes it as Enter does (an
        empty line is a change of mind: the warm-up stays). Other purposes: LiveScreen's."""
        if event.purpose != "focus" or not event.text.strip():
            return super().saved(event)
        return [PickFocus(event.text), *([CloseWarmup()] if self._warming() else [])]

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
