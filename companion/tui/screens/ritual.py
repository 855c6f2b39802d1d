"""The reset ritual: Breathe, Reframe, Review target, Dial; after a hard no, the long reset puts
Perspective, So what and Story first. It paints the state's RitualView, which the controller
computes from the reset's deadlines; a frame timer only asks for a fresh state, and only while
a breathing shape moves: with reduced motion, or in plain mode, the app's own tick is enough, and
each widget repaints only when what it shows changes."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer

from companion.config import own_key
from companion.core.around import PRACTICE_HEADING
from companion.core.coaching import BODY_CUE, STORY_ASK, STORY_EXAMPLE
from companion.core.ritual import RitualStep
from companion.core.tags import CAUSE_LABELS, reason_label
from companion.core.view import DayView
from companion.core.words import hhmm, plural, seconds
from companion.session.commands import Command, MarkDialling, Skip, Tag, Tick, Writing
from companion.session.state import RitualView, ViewState
from companion.tui.look import look_of
from companion.tui.screens.live import LiveScreen
from companion.tui.tag_keys import tag_bindings
from companion.tui.text import balanced, keys_in_force, quoted
from companion.tui.widgets import reset_words
from companion.tui.widgets.breath import breath_shape, breath_words
from companion.tui.widgets.countdown import Countdown
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.note_box import FELT_ASK, NoteBox, open_note_box
from companion.tui.widgets.painted import Painted
from companion.tui.widgets.status import StatusLine
from companion.tui.widgets.steps import step_line
from companion.tui.widgets.target import review_text

FRAME_S = 1 / 12  # the breathing shape moves smoothly; every frame is drawn from the clock
# Rows of the terminal from which the countdown gets its three-line digits (below, the words),
# and from which its five-line ones.
BIG_COUNT_ROWS = 22
TALL_COUNT_ROWS = 34
# Rows the Breathe step needs besides its shape (bars, steps, title, count, words, tag keys,
# status, footer); the shape takes what is left, within these bounds.
AROUND_SHAPE_ROWS = 20
SHAPE_ROWS = (2, 5)
SHAPE_WIDE = 2.8  # columns per row: about round, as a cell is twice as tall as it is wide
STORY_ASK_LINE = f"{STORY_EXAMPLE.text} · Esc: no words needed"  # in the box
STORY_MIN = 3  # a line kept by the clock, not by Enter, has at least this many characters


class RitualScreen(LiveScreen):
    """A timed reset after a `no`. The next call unlocks at Dial."""

    CSS_PATH = "ritual.tcss"  # its own styles, read when it first opens

    BINDINGS = [
        Binding("enter", "dial", "I'm dialling", id="dial", tooltip="at Dial: times your recovery"),
        Binding("s", "skip", "Skip (s s)", id="skip", tooltip="twice: skip, noted as skipped"),
        Binding("u", "undo", "Undo the no", id="undo-no", tooltip="mis-key: void it, end the reset"),
        Binding(
            "e",
            "end_block",
            "End block",
            show=False,
            id="end-block",
            tooltip="at Dial: interrupted, end block",
        ),
        Binding("p", "pause", "Pause", show=False, id="pause", tooltip="at Dial: interrupted, pause"),
        # On the reset, a tag goes on the no it follows.
        *tag_bindings(
            "tag the no with this reason",
            "tag the cause: what, if anything, to work on",
            "add a short note to the no",
        ),
        Binding(
            "question_mark", "help", "Help", key_display="?", id="help", tooltip="every key of this screen"
        ),
    ]

    @property
    def CALLS_HELP(self) -> str:  # noqa: N802 (the name every screen gives this phrase)
        """What every call key does here: it follows `[ritual] gate`."""
        ritual = self.state.ritual if self.state is not None else None
        if ritual is not None and ritual.let_through:
            return "at once; before Dial: cut short"
        return "once Dial is on; locked before"

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened

    def compose(self) -> ComposeResult:
        yield Painted(id="ritual-bar")
        yield Painted(id="ritual-steps")
        with Vertical(id="ritual-body"):
            yield Painted(id="ritual-title")
            yield Countdown(id="ritual-count")
            yield Painted(id="ritual-main")
            yield Painted(id="ritual-detail")
        yield Painted(id="ritual-tags")
        yield StatusLine(id="ritual-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Only the shape needs frames; words and whole seconds change on the app's own tick.
        self._frames: Timer | None = self.set_interval(FRAME_S, self._frame) if look_of(self).moving else None

    def on_screen_suspend(self) -> None:
        if self._frames is not None:
            self._frames.pause()  # help or the palette is in front: the app's own tick goes on

    def on_screen_resume(self) -> None:
        if self._frames is not None:
            self._frames.resume()  # (LiveScreen's own handler repaints it too: Textual calls both)

    def _frame(self) -> None:
        self._ask(Tick())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter belongs to the Dial step: the footer offers it only then."""
        return not (action == "dial" and (self.state is None or "dial" not in self.state.offers))

    # -- painting ------------------------------------------------------------------------

    def on_resize(self) -> None:
        """The digits, the breath and the lines are sized to the screen: paint again once the
        new size is laid out (not only at the next tick)."""
        self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        if self.state is not None and self.is_mounted and self.is_current:
            self.paint(self.state)

    def paint(self, state: ViewState) -> None:
        ritual = state.ritual
        self.query_one(StatusLine).show(state.status)
        if ritual is None or state.day is None:
            return  # the reset is over: this screen is on its way out
        look = look_of(self)
        plain = look.plain
        self.set_class(ritual.cue and not look.still, "-cue")  # a flash is motion too
        self._painted("ritual-steps").paint(step_line(ritual, self.size.width, plain))
        what = "Long reset " if ritual.hard else "Reset "
        after = f"after a {'hard ' if ritual.hard else ''}no at {hhmm(ritual.no_at, state.tz)}"
        self._painted("ritual-bar").paint(Content.assemble((f" {what}", "bold"), (after, "$text-muted")))
        self._open_or_keep_story(ritual)
        self._still_writing(ritual)
        self._painted("ritual-title").paint(Content.styled(ritual.step.heading, "bold"))
        self._paint_countdown(ritual, plain)
        self._paint_body(ritual, state.day, state.around.focus if state.around is not None else None)
        self._paint_tags(ritual)

    def _painted(self, widget_id: str) -> Painted:
        return self.query_one(f"#{widget_id}", Painted)

    def _paint_countdown(self, ritual: RitualView, plain: bool) -> None:
        """Whole seconds, the largest thing on the screen; at Dial, the wait so far, small: it
        is not a countdown any more."""
        count = self.query_one(Countdown)
        if ritual.step is RitualStep.DIAL:
            paused = " · paused while you write" if ritual.writing else ""
            count.show(Content.styled(f"waiting {seconds(ritual.left_s)}{paused}", "$text-muted"))
            return
        left = math.ceil(ritual.left_s)
        if plain:
            count.show(Content.styled(f"{plural(left, 'second')} left", "bold $accent"))
        else:
            rows = self._count_rows()
            count.show(Content.styled(f"{left}s", "bold $accent"), str(left) if rows > 1 else "", rows)

    def _count_rows(self) -> int:
        """How many lines high the countdown is drawn at this terminal's height."""
        height = self.size.height
        return 5 if height >= TALL_COUNT_ROWS else 3 if height >= BIG_COUNT_ROWS else 1

    def _paint_breath(self, ritual: RitualView, main: Painted, detail: Painted) -> None:
        """The shape to breathe with, the words under it. With reduced motion or in plain mode
        the words are the breath, on their own, changing only at its turns."""
        pace = (ritual.step_length_s, ritual.breath, ritual.breaths)
        shoulders = Content.styled(BODY_CUE.text, "$text-muted")
        if not look_of(self).moving:
            main.paint(breath_words(ritual.step_elapsed_s, *pace, alone=True))
            detail.paint(shoulders)
            return
        words = breath_words(ritual.step_elapsed_s, *pace)
        room = self.size.height - AROUND_SHAPE_ROWS - (self._count_rows() - 3)
        # Never taller than the count: the seconds stay the largest thing on the screen.
        rows = max(SHAPE_ROWS[0], min(SHAPE_ROWS[1], room, self._count_rows()))
        columns = min(round(rows * SHAPE_WIDE), self.size.width - 8)
        main.paint(breath_shape(ritual.step_elapsed_s, columns, rows, *pace))
        detail.paint(Content("\n").join([words, shoulders]))

    def _paint_body(self, ritual: RitualView, day: DayView, focus: str | None) -> None:
        main = self._painted("ritual-main")
        detail = self._painted("ritual-detail")
        width = main.size.width or 56
        # Nothing under the words: no rows kept for it either (nor its margin), so the step's
        # title keeps a line between it and the steps above on a 24-row terminal.
        detail.display = not (
            ritual.step is RitualStep.REVIEW or (ritual.step is RitualStep.REFRAME and not focus)
        )
        if ritual.step is RitualStep.PERSPECTIVE:
            self._paint_two(main, detail, reset_words.perspective(ritual.progress))
        elif ritual.step is RitualStep.SO_WHAT:
            self._paint_two(main, detail, reset_words.so_what(ritual.progress, width))
        elif ritual.step is RitualStep.STORY:
            main.paint(Content.styled(STORY_ASK.text, "bold"))
            detail.paint(reset_words.story(ritual.story, day, width))
        elif ritual.step is RitualStep.BREATHE:
            self._paint_breath(ritual, main, detail)
        elif ritual.step is RitualStep.REFRAME:
            main.paint(reset_words.reframe(ritual.mantra, ritual.reframe, width))
            if focus:  # the skill picked in the warm-up: even this no was a rep of it
                heading = (f"{PRACTICE_HEADING}\n", "bold")
                detail.paint(Content.assemble(heading, (balanced(focus, width), "$accent")))
            else:
                detail.paint(Content(""))
        elif ritual.step is RitualStep.REVIEW:
            main.paint(reset_words.balanced_lines(review_text(day), width))
            detail.paint(Content(""))
        else:
            self._paint_two(main, detail, reset_words.dial(self._key("dial", "Enter"), width))

    @staticmethod
    def _paint_two(main: Painted, detail: Painted, words: tuple[Content, Content]) -> None:
        main.paint(words[0])
        detail.paint(words[1])

    def _paint_tags(self, ritual: RitualView) -> None:
        reason = reason_label(ritual.reason) if ritual.reason else None
        chosen = [x for x in (reason, CAUSE_LABELS.get(ritual.cause or ""), quoted(ritual.note)) if x]
        label = "Tagged  " if reason or ritual.cause else "Note    "  # a note alone is not a tag
        line = Content.assemble((label, "bold"), (" · ".join(chosen), "$accent")) if chosen else Content("")
        tags = self._painted("ritual-tags")
        keys = reset_words.tag_lines(ritual, keys_in_force(self), tags.content_region.width or 58)
        tags.paint(Content("\n").join([keys, line]))

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

    def on_note_box_toggled(self, event: NoteBox.Toggled) -> None:
        """Writing (a note, a story) is not hesitating: the controller stops the wait at Dial
        while a box is open."""
        self._writing_for = self.state.ritual.no_id if self.state and self.state.ritual else None
        self._ask(Writing(event.open))

    def _still_writing(self, ritual: RitualView) -> None:
        """A box still open as the next reset takes this one's place (a call cut the last one
        short): the new reset hears that the rep is writing too."""
        if ritual.writing or self._writing_for in (None, ritual.no_id):
            return
        self._writing_for = ritual.no_id
        if any(box.is_open for box in self.query(NoteBox)):
            self._ask(Writing(True))

    async def action_note(self) -> None:
        await open_note_box(self, "A short note on this no · Enter saves", ask_felt=FELT_ASK)

    def _open_or_keep_story(self, ritual: RitualView) -> None:
        """The Story step opens the line to name it, once per reset; when the step ends, what is
        typed is kept (as Enter would), so nothing typed is lost to the clock."""
        in_story = ritual.step is RitualStep.STORY
        if in_story and self._story_for != ritual.no_id and ritual.story is None:
            self._story_for = ritual.no_id
            for box in self.query(NoteBox):
                if box.is_open and box.purpose != "story":
                    box.keep()  # a note being typed is saved first, as Enter would
            self.call_later(open_note_box, self, STORY_ASK_LINE, purpose="story", target=ritual.no_id)
            return
        if not in_story and (story := self.keep_story()) is not None:
            self._ask(story)

    def keep_story(self) -> Tag | None:
        """A story line typed but not yet saved, as the Tag that keeps it (as Enter would): when
        its step ends, and when the reset ends from elsewhere or the app quits (the app asks
        before taking the screen away, and stores it ahead of what comes next)."""
        for box in self.query(NoteBox):
            if box.is_open and box.purpose == "story":
                text, target = box.value, box.target
                box.action_close()
                if len(text.strip()) >= STORY_MIN:  # not a stray key or two meant for the reset
                    return Tag(story=text, target=target)
        return None

    def kept_on_leaving(self) -> list[Command]:
        """The story line as the step's end keeps it, then a note being typed (LiveScreen's)."""
        story = self.keep_story()
        return [*([story] if story is not None else []), *super().kept_on_leaving()]

    _story_for: str | None = None
    _writing_for: str | None = None  # the reset told of the last box opened or closed
