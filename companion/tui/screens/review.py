"""The 24-hour review: the no's due, one at a time. What happened and how bad it felt then; then
how it feels now (1-5) and one line of lesson, or dismiss. Under them, the share of the last 28
days' no's that were outside the rep's control. It paints the state's AroundView, so an item
answered from a terminal leaves the screen as it does when answered here."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from companion.core.around import labels
from companion.core.calendar import day_of, local
from companion.core.events import Event
from companion.core.ideas import Coached, Idea
from companion.session.commands import Command, Dismiss, Review, Say
from companion.session.state import ViewState
from companion.tui.look import look_of
from companion.tui.screens.live import LiveScreen
from companion.tui.text import paragraph
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.note_box import FELT_NOW_ASK, NoteBox, open_note_box
from companion.tui.widgets.status import StatusLine

Part = str | tuple[str, str]
DISMISS_WINDOW_S = 3.0  # the second `d` must follow the first within this, as `s s` skips a reset
NOTHING_DUE = Coached(
    Idea.TWENTY_FOUR_HOURS,
    "Nothing is due for review. A no with a note, a skill-gap tag or a hard landing comes back"
    " here a day later, for a second look.",
)
FRESH_EYES = Coached(Idea.TWENTY_FOUR_HOURS, "a day on, with fresh eyes")
ANSWER_ASK = Coached(Idea.TWENTY_FOUR_HOURS, "answer: how it feels now, and one line of lesson")


class ReviewScreen(LiveScreen):
    """Due no's, oldest first; `later` moves one to the back of the line for now."""

    CSS_PATH = "around.tcss"
    BINDINGS = [
        Binding("enter", "answer", "Answer", id="answer", tooltip="how it feels now, one lesson"),
        Binding("d", "dismiss_item", "Dismiss (d d)", id="dismiss-item", tooltip="twice: it needs no review"),
        Binding(
            "right", "later", "Later", key_display="→", id="later", tooltip="the next one; this stays due"
        ),
        Binding("escape", "back", "Back", id="back", tooltip="back to the session"),
        Binding(
            "question_mark", "help", "Help", key_display="?", id="help", tooltip="every key of this screen"
        ),
    ]
    CALLS_HELP = "from here too"  # what every call key does here
    AUTO_FOCUS = ""

    def __init__(self, state: ViewState) -> None:
        super().__init__(state)
        self._current: str | None = None
        self._order: list[str] = []  # the due ids as last shown, `later` ones moved back
        self._offered = False  # whether the footer offers the keys that need an item
        self._dismiss_armed: tuple[str, datetime] | None = None  # the first `d`: which no, when

    def compose(self) -> ComposeResult:
        yield Static(id="review-bar")
        with Vertical(id="review-body"):
            yield Static(id="review-item")
            yield Static(id="review-keys")
            yield Static(id="review-outside")
        yield StatusLine(id="review-status")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "dismiss_item", "later"):
            return self._item() is not None
        return True

    # -- painting ------------------------------------------------------------------------

    def _due(self) -> tuple[Event, ...]:
        around = self.state.around if self.state is not None else None
        return around.due if around is not None else ()

    def _item(self) -> Event | None:
        due = {no.id: no for no in self._due()}
        return due.get(self._current or "")

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(self.said_here(state))
        due = self._due()
        ids = [no.id for no in due]
        # Keep the rep's order (`later` moved some back); new ones join at the end.
        self._order = [i for i in self._order if i in ids] + [i for i in ids if i not in self._order]
        if self._current not in ids:
            self._current = self._order[0] if self._order else None
        item = self._item()
        bar: list[Part] = [(" Review", "bold"), (f"  {FRESH_EYES.text}", "$text-muted")]
        if due:
            # How many are due, not "1 of 2": a count that shrinks as each is answered reads
            # as progress, where "1 of 2" then "1 of 1" read as if one was lost.
            bar.append((f" · {len(due)} due", "$text-muted"))
        self.query_one("#review-bar", Static).update(Content.assemble(*bar))
        if (item is not None) != self._offered:  # the footer offers Answer, Dismiss, Later
            self._offered = item is not None
            self.refresh_bindings()
        outside = state.around.outside if state.around is not None else None
        width = self.query_one("#review-outside").size.width or self.size.width - 2
        self.query_one("#review-outside", Static).update(
            Content.styled(paragraph(outside.line(), width), "$text-muted")
            if outside is not None
            else Content("")
        )
        if item is None or state.day is None:
            waiting = state.around.waiting if state.around is not None else 0
            later = f"\n\n{waiting} more after 24 hours." if waiting else ""
            self.query_one("#review-item", Static).update(
                Content.styled(NOTHING_DUE.text + later, "$text-muted")
            )
            self.query_one("#review-keys", Static).update(Content(""))
            return
        self.query_one("#review-item", Static).update(_item_text(item, state, look_of(self).plain))
        self.query_one("#review-keys", Static).update(
            Content.assemble(
                ("Enter", "bold $accent"),
                f" {ANSWER_ASK.text}\n",
                ("d d", "bold $accent"),
                " dismiss   ",
                ("→", "bold $accent"),
                " later   ",
                ("Esc", "bold $accent"),
                " back",
            )
        )

    # -- keys ----------------------------------------------------------------------------

    async def action_answer(self) -> None:
        item = self._item()
        if item is None:
            return
        prompt = "One line you take from it · Enter saves"
        await open_note_box(self, prompt, purpose="lesson", ask_felt=FELT_NOW_ASK, target=item.id)

    def saved(self, event: NoteBox.Saved) -> list[Command]:
        """A lesson answers the no the box was opened on, even if the list moved since."""
        if event.purpose != "lesson":
            return super().saved(event)
        return [Review(event.target, event.text, event.felt)] if event.target is not None else []

    def action_dismiss_item(self) -> None:
        """`d` twice: a dismissal takes the no off the list and out of the resume for good."""
        item, state = self._item(), self.state
        if item is None or state is None:
            return
        armed = self._dismiss_armed
        if (
            armed is not None
            and armed[0] == item.id
            and (state.now - armed[1]).total_seconds() <= DISMISS_WINDOW_S
        ):
            self._dismiss_armed = None
            self._ask(Dismiss(item.id))
            return
        self._dismiss_armed = (item.id, state.now)
        self._ask(Say("d again dismisses it: off the list and out of your resume."))

    def action_later(self) -> None:
        item = self._item()
        if item is None or len(self._order) < 2:
            return
        self._order.remove(item.id)
        self._order.append(item.id)
        self._current = self._order[0]
        if self.state is not None:
            self.paint(self.state)

    def action_back(self) -> None:
        self.dismiss()


def _item_text(no: Event, state: ViewState, plain: bool = False) -> Content:
    """What happened, as it was noted, and how bad it felt then (plain: in words, no bar)."""
    when = local(no.at, state.tz)
    days = (day_of(state.now, state.tz) - when.date()).days
    ago = "earlier today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"
    parts: list[Part] = [
        (f"{when:%A %d %B, %H:%M}", "bold"),
        (f" · {ago}", "$text-muted"),
        ("  no", "$warning"),
    ]
    parts += [(f" · {tag}", "$text-muted") for tag in labels(no)]
    parts.append("\n\n")
    if no.note:
        parts.append(f"“{no.note}”")
    elif not no.story:
        why = "it landed hard." if no.hard else "it was tagged as a skill gap."
        parts.append((f"No note: {why}", "$text-muted"))
    if no.story:
        parts += ["\n" if no.note else "", ("The story then  ", "bold"), f"“{no.story}”"]
    parts.append("\n\n")
    if no.felt is not None and plain:
        parts += [("Felt then  ", "bold"), f"{no.felt} of 5"]
    elif no.felt is not None:
        parts += [
            ("Felt then  ", "bold"),
            f"{no.felt}/5 ",
            ("█" * no.felt, "$warning"),
            ("░" * (5 - no.felt), "$text-muted"),
        ]
    else:
        parts.append(("How it felt then was not noted.", "$text-muted"))
    return Content.assemble(*parts)
