"""The reset ritual: Breathe, Reframe, Review target, Dial; after a hard no, the long reset puts
Perspective, So what and Story first. It paints the state's RitualView, which the controller
computes from the reset's deadlines; a frame timer only asks for a fresh state."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Static

from companion.config import own_key
from companion.core.calluses import rung
from companion.core.ritual import RitualStep
from companion.core.tags import CAUSE_LABELS, CAUSES, REASONS, reason_label
from companion.core.view import DayView
from companion.core.words import hhmm, plural, seconds, whole
from companion.session.commands import MarkDialling, Skip, Tag, Tick
from companion.session.state import RitualView, ViewState
from companion.tui.messages import Do
from companion.tui.outcome_keys import outcome_bindings, outcome_help
from companion.tui.screens.live import LiveScreen
from companion.tui.tag_keys import TAG_BINDINGS, tag_keys_text
from companion.tui.text import balanced, keys_in_force, quoted
from companion.tui.widgets.breath import breath_bar, breath_words
from companion.tui.widgets.note_box import FELT_ASK, NoteBox, open_note_box
from companion.tui.widgets.status import StatusLine

FRAME_S = 1 / 12  # the breathing bar moves smoothly; every frame is drawn from the clock
SHOULDERS = "Drop your shoulders. Open your hands. Unclench your jaw."
# The long reset's words: ours, plain, one idea a step.
PERSPECTIVE = "What did that call actually change?"
PERSPECTIVE_ASKS = (
    "Is anyone you love worse off than a minute ago?\n"
    "Your health, your home, tonight's plans: still there?\n"
    "On Friday afternoon, will you remember this call?"
)
SO_WHAT = (
    ("In a week", "a line in a call log nobody reads twice."),
    ("In a month", "one dot in a rate that is yours to move."),
    ("In a career", "one call of thousands. Nobody keeps score."),
)
STORY = "What story are you telling yourself about that call?"
STORY_HINT = "One line: Enter keeps it, Esc gives the keys back.\nA story you can name, you can put down."
STORY_MIN = 3  # a line kept by the clock, not by Enter, has at least this many characters
STORY_ASK = "e.g. “I always blow the opener” · Esc: no words needed"


class RitualScreen(LiveScreen):
    """A timed reset after a `no`. The next call unlocks at Dial."""

    CSS_PATH = "ritual.tcss"  # its own styles, read when it first opens

    BINDINGS = [
        Binding("enter", "dial", "I'm dialling", id="dial"),
        Binding("s", "skip", "Skip (s s)", id="skip"),
        Binding("u", "undo", "Undo the no", id="undo-no"),
        Binding("e", "end_block", "End block", show=False, id="end-block"),
        Binding("p", "pause", "Pause", show=False, id="pause"),
        *outcome_bindings(),
        *TAG_BINDINGS,
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
    ]
    KEY_HELP = {
        "dial": "in the Dial step: you are picking up the phone (records your recovery time)",
        "skip": "press twice to skip the reset (it is logged as skipped)",
        "undo-no": "the no was a mis-key: void it and end the reset",
        "end-block": "at Dial: closes the reset as interrupted (no recovery time), ends the block",
        "pause": "at Dial: closes the reset as interrupted and pauses the block clock",
        **outcome_help("logs the outcome once Dial is on; locked before"),
        **{f"reason-{r}": "tag the no with this reason" for r in REASONS},
        **{f"cause-{c}": "tag the cause: what, if anything, to work on" for c in CAUSES},
        "note": "add a short note to the no",
        "help": "every key of this screen",
    }

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened

    def compose(self) -> ComposeResult:
        yield Static(id="ritual-bar")
        yield Static(id="ritual-steps")
        with Vertical(id="ritual-body"):
            yield Static(id="ritual-title")
            yield Static(id="ritual-count")
            yield Static(id="ritual-main")
            yield Static(id="ritual-detail")
        yield Static(id="ritual-tags")
        yield StatusLine(id="ritual-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._frames: Timer = self.set_interval(FRAME_S, self._frame)

    def on_screen_suspend(self) -> None:
        self._frames.pause()  # help or the palette is in front: the app's own tick goes on

    def on_screen_resume(self) -> None:
        self._frames.resume()  # (LiveScreen's own handler repaints it too: Textual calls both)

    def _frame(self) -> None:
        self._ask(Tick())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter belongs to the Dial step: the footer offers it only then."""
        return not (action == "dial" and (self.state is None or "dial" not in self.state.offers))

    # -- painting ------------------------------------------------------------------------

    def paint(self, state: ViewState) -> None:
        ritual = state.ritual
        self.query_one(StatusLine).show(state.status)
        if ritual is None or state.day is None:
            return  # the reset is over: this screen is on its way out
        self.set_class(ritual.cue, "-cue")
        self.query_one("#ritual-steps", Static).update(step_line(ritual, self.size.width))
        what = "Long reset " if ritual.hard else "Reset "
        after = f"after a {'hard ' if ritual.hard else ''}no at {hhmm(ritual.no_at, state.tz)}"
        self.query_one("#ritual-bar", Static).update(
            Content.assemble((f" {what}", "bold"), (after, "$text-muted"))
        )
        self._follow_story(ritual)
        self.query_one("#ritual-title", Static).update(Content.styled(ritual.step.heading, "bold"))
        self.query_one("#ritual-count", Static).update(_countdown(ritual))
        self._paint_body(ritual, state.day, state.around.focus if state.around is not None else None)
        self._paint_tags(ritual)

    def _paint_body(self, ritual: RitualView, day: DayView, focus: str | None) -> None:
        main = self.query_one("#ritual-main", Static)
        detail = self.query_one("#ritual-detail", Static)
        if ritual.step is RitualStep.PERSPECTIVE:
            main.update(Content.styled(PERSPECTIVE, "bold"))
            detail.update(Content.styled(PERSPECTIVE_ASKS, "$text-muted"))
        elif ritual.step is RitualStep.SO_WHAT:
            main.update(Content.styled("So what?", "bold"))
            shown = SO_WHAT[: 1 + min(2, int(ritual.progress * 3))]  # one horizon at a time
            widest = max(len(when) + len(what) + 2 for when, what in SO_WHAT)  # one block, centred
            lines = [
                Content.assemble((f"{when}: ", "bold $accent"), what.ljust(widest - len(when) - 2))
                for when, what in shown
            ]
            detail.update(Content("\n").join(lines))
        elif ritual.step is RitualStep.STORY:
            main.update(Content.styled(STORY, "bold"))
            kept = ritual.story
            detail.update(
                Content.assemble(("Named: ", "bold"), (quoted(kept) or "", "$accent"), "\nNow let it go.")
                if kept
                else Content.styled(STORY_HINT, "$text-muted")
            )
        elif ritual.step is RitualStep.BREATHE:
            width = max(10, min(40, self.size.width - 16))
            pace = (ritual.step_length_s, ritual.breath)
            main.update(breath_bar(ritual.step_elapsed_s, width, *pace))
            detail.update(
                Content.assemble(
                    (breath_words(ritual.step_elapsed_s, *pace), "bold"), "\n", (SHOULDERS, "$text-muted")
                )
            )
        elif ritual.step is RitualStep.REFRAME:
            main.update(Content(balanced(ritual.reframe, main.size.width or 56)))
            if focus:  # the skill picked in the warm-up: even this no was a rep of it
                width = detail.size.width or 56
                detail.update(
                    Content.assemble(("Today's practice\n", "bold"), (balanced(focus, width), "$accent"))
                )
            else:
                detail.update(Content.styled("Tag it if you like, below. Optional.", "$text-muted"))
        elif ritual.step is RitualStep.REVIEW:
            main.update(review_text(day))
            detail.update(Content(""))
        else:
            main.update(Content.styled("Pick up the phone and dial.", "bold"))
            detail.update(
                Content.assemble(
                    (self._key("dial", "Enter"), "bold $accent"),
                    " as you dial: that times your recovery.\n",
                    ("The next call does not know about the last one.", "$text-muted"),
                )
            )

    def _paint_tags(self, ritual: RitualView) -> None:
        reason = reason_label(ritual.reason) if ritual.reason else None
        chosen = [x for x in (reason, CAUSE_LABELS.get(ritual.cause or ""), quoted(ritual.note)) if x]
        line = (
            Content.assemble(("Tagged  ", "bold"), (" · ".join(chosen), "$accent")) if chosen else Content("")
        )
        keys = tag_keys_text(keys_in_force(self))
        self.query_one("#ritual-tags", Static).update(Content("\n").join([keys, line]))

    def _key(self, binding_id: str, default: str) -> str:
        """The key the rep presses for `binding_id`, their own from [keys] if they moved it."""
        return own_key(keys_in_force(self), binding_id, default)

    # -- keys ----------------------------------------------------------------------------

    def action_dial(self) -> None:
        self._ask(MarkDialling())

    def key_enter(self) -> None:
        """Enter before Dial (its binding is off until then; a key runs its `key_` method before
        its binding): the controller says when it works. In the note box, Enter saves the note."""
        if self.focused is None and not self.check_action("dial", ()):
            self._ask(MarkDialling())

    def action_skip(self) -> None:
        self._ask(Skip())

    async def action_note(self) -> None:
        await open_note_box(self, "A short note on this no · Enter saves", ask_felt=FELT_ASK)

    def _follow_story(self, ritual: RitualView) -> None:
        """The Story step opens the line to name it, once per reset; when the step ends, what is
        typed is kept (as Enter would), so nothing typed is lost to the clock."""
        in_story = ritual.step is RitualStep.STORY
        if in_story and self._story_for != ritual.no_id and ritual.story is None:
            self._story_for = ritual.no_id
            for box in self.query(NoteBox):
                if box.is_open and box.purpose != "story":
                    box.keep()  # a note being typed is saved first, as Enter would
            self.call_later(open_note_box, self, STORY_ASK, purpose="story", target=ritual.no_id)
            return
        if not in_story:
            self.keep_story()

    def keep_story(self) -> None:
        """A story line typed but not yet saved is saved, as Enter would: when its step ends, and
        when the reset ends from elsewhere (the app calls this before taking the screen away, so
        it goes straight to the app)."""
        for box in self.query(NoteBox):
            if box.is_open and box.purpose == "story":
                text, target = box.value, box.target
                box.action_close()
                if len(text.strip()) >= STORY_MIN:  # not a stray key or two meant for the reset
                    self.app.post_message(Do(Tag(story=text, target=target)))

    _story_for: str | None = None


def step_line(ritual: RitualView, width: int) -> Content:
    """Every step of this reset: done ✓, now ●, to come ○. When the names do not fit (the long
    reset at 60 columns), only the current step keeps its name."""
    steps = ritual.steps or tuple(RitualStep)
    now = steps.index(ritual.step) if ritual.step in steps else 0
    parts: list[tuple[str, str]] = []
    for n, step in enumerate(steps):
        if n < now:
            parts.append(("✓", "$success"))
        elif n == now:
            parts.append(("●", "bold $accent"))
        else:
            parts.append(("○", "$text-muted"))
        parts.append((f" {step.heading}  ", "bold $accent" if n == now else "$text-muted"))
    full = Content.assemble(*parts)
    if full.cell_length <= width - 2:
        return full
    short = [
        (f"{mark}{f' {name.strip()}' if n == now else ''} ", style)
        for n, ((mark, style), (name, _)) in enumerate(zip(parts[::2], parts[1::2], strict=True))
    ]
    return Content.assemble(*short, (f" {now + 1} of {len(steps)}", "$text-muted"))


def _countdown(ritual: RitualView) -> Content:
    if ritual.step is RitualStep.DIAL:
        return Content.styled(f"waiting {seconds(ritual.left_s)}", "$text-muted")
    width = 24
    left = round(width * (1 - ritual.progress))
    return Content.assemble(
        (f"{math.ceil(ritual.left_s)}s\n", "bold $accent"),
        ("━" * left, "$accent"),
        ("─" * (width - left), "$text-muted"),
    )


def review_text(view: DayView) -> Content:
    """What is left today, this week so far, and one line on the trend."""
    c, t, w = view.counts, view.targets, view.week
    need_conv = max(0, t.conversations - c.conversations)
    need_meet = max(0, t.meetings - c.meetings)
    if need_conv or need_meet:
        left = f"Still to go today: {plural(need_conv, 'conversation')}, {plural(need_meet, 'meeting')}."
    else:
        left = "Today's conversation and meeting targets are met. Anything more is a bonus."
    parts: list[str | tuple[str, str]] = [(left, "bold"), "\n"]
    pace = view.pace
    if pace is not None and pace.needed:
        ahead = whole(pace.ahead)
        where = (
            f"{plural(-ahead, 'dial')} behind"
            if ahead < 0
            else "on pace"
            if ahead == 0
            else f"+{ahead} ahead"
        )
        parts.append(f"Pace: {where} · {plural(max(0, t.dials - c.dials), 'dial')} to go today.\n")
    parts.append(
        (
            f"This week: {plural(w.dials, 'dial')} · {plural(w.conversations, 'conversation')}"
            f" · {plural(w.meetings, 'meeting')}\n",
            "$text-muted",
        )
    )
    parts.append(trend_line(view.median_hesitation_s, view.seven_day_median_hesitation_s, view.measured))
    return Content.assemble(*parts)


def trend_line(today: float | None, seven_days: float | None, timed: int = 0) -> str:
    """The callus ladder in a line: how long Dial waits for you once the steps are over, today
    (over `timed` resets) against the last 7 days."""
    if today is None and seven_days is not None:
        week = f"{seconds(seven_days)}, {rung(seven_days)[1]}"
        return f"Back to dial, last 7 days: {week}. Every reset is practice."
    if today is None:
        return "Enter as you dial times how quickly you are back."
    now = f"Back to dial today: {seconds(today)} over {timed} timed"
    if seven_days is None or seconds(today) == seconds(seven_days) or today > seven_days:
        return f"{now}, {rung(today)[1]}."
    return f"{now}, quicker than your 7-day {seconds(seven_days)}."
