"""The reset ritual: Breathe, Reframe, Review target, Dial. The screen paints from the core
Ritual and the clock on every frame; it never counts frames."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from companion.core.outcomes import Outcome
from companion.core.reframes import next_reframe
from companion.core.ritual import Ritual, RitualStep
from companion.core.tags import CAUSE_LABELS, CAUSES, REASONS
from companion.core.view import SessionView
from companion.tui.tag_keys import TAG_BINDINGS, tag_keys_text
from companion.tui.text import balanced, plural, quoted, seconds
from companion.tui.widgets.breath import breath_bar, breath_words
from companion.tui.widgets.note_box import NoteBox, open_note_box
from companion.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

FRAME_S = 1 / 12
CUE_S = 1.0  # how long a step change is highlighted
SHOULDERS = "Drop your shoulders. Open your hands. Unclench your jaw."


class RitualScreen(Screen[None]):
    """A timed reset after a `no`. The next call unlocks at Dial."""

    BINDINGS = [
        Binding("enter", "dial", "I'm dialling", id="dial"),
        Binding("s", "skip", "Skip (s s)", id="skip"),
        Binding("u", "undo", "Undo the no", id="undo-no"),
        Binding("e", "end_block", "End block", show=False, id="end-block"),
        Binding("p", "pause", "Pause", show=False, id="pause"),
        *(Binding(o.key, f"log('{o.value}')", o.value, show=False, id=f"log-{o.value}") for o in Outcome),
        *TAG_BINDINGS,
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
    ]
    KEY_HELP = {
        "dial": "in the Dial step: you are picking up the phone (records your recovery time)",
        "skip": "press twice to skip the reset (it is logged as skipped)",
        "undo-no": "the no was a mis-key: void it and end the reset",
        "end-block": "at Dial: closes the reset as interrupted (no recovery time), ends the block",
        "pause": "pauses the block clock once the reset is done",
        **{f"log-{o.value}": "logs the outcome once Dial is on; locked before" for o in Outcome},
        **{f"reason-{r}": "tag the no with this reason" for r in REASONS},
        **{f"cause-{c}": "tag the cause: what, if anything, to work on" for c in CAUSES},
        "note": "add a short note to the no",
        "help": "this list",
    }

    AUTO_FOCUS = ""  # keys go to the screen; the note box takes focus only when opened

    app: CompanionApp

    def __init__(
        self, ritual: Ritual, no_at_text: str, rng: random.Random | None = None, opening: str | None = None
    ) -> None:
        super().__init__()
        self.ritual = ritual
        self._no_at = no_at_text
        self._rng = rng or random.Random()
        self._step: RitualStep | None = None
        self._cue_until = ritual.started
        self._reframe = ""
        self._opening = opening  # what the previous screen would have said (a call logged at Dial)
        self._counting_down = False  # the line on show is "Dial opens in …": keep it current

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
        self.paint()
        if self._opening:
            self.say(self._opening)
        self._frames = self.set_interval(FRAME_S, self.paint)

    def on_screen_suspend(self) -> None:
        self._frames.pause()

    def on_screen_resume(self) -> None:
        self._frames.resume()

    def on_unmount(self) -> None:
        self._frames.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter belongs to the Dial step: the footer offers it only then."""
        return not (action == "dial" and self._step is not RitualStep.DIAL)

    # -- painting ------------------------------------------------------------------------

    def paint(self) -> None:
        """Draw the frame for now, from the ritual's deadlines."""
        if not self.is_attached or not self.children:  # being taken down after the reset ended
            return
        app = self.app
        now = app.ctx.clock.now()
        view = app.live.view()
        moment = self.ritual.at(now)
        if moment.step is not self._step:
            self._enter(moment.step, view)
        self.set_class(now < self._cue_until, "-cue")
        steps = []
        for step in RitualStep:
            mark, style = ("●", "bold $accent") if step is moment.step else ("○", "$text-muted")
            steps.append((f" {mark} {step.heading} ", style))
        self.query_one("#ritual-steps", Static).update(Content.assemble(*steps))
        self.query_one("#ritual-bar", Static).update(
            Content.assemble((" Reset ", "bold"), (f"after a no at {self._no_at}", "$text-muted"))
        )
        self.query_one("#ritual-title", Static).update(Content.styled(moment.step.heading, "bold"))
        count = self.query_one("#ritual-count", Static)
        if moment.step is RitualStep.DIAL:
            count.update(Content.styled(f"waiting {seconds(moment.left_s)}", "$text-muted"))
        else:
            width = 24
            left = round(width * (1 - moment.progress))
            count.update(
                Content.assemble(
                    (f"{math.ceil(moment.left_s)}s\n", "bold $accent"),
                    ("━" * left, "$accent"),
                    ("─" * (width - left), "$text-muted"),
                )
            )
        self._paint_body(moment.step, moment.step_elapsed_s, view)
        self._paint_tags(view)
        status = self.query_one(StatusLine)
        if self._counting_down:  # revise() changes only a line still on show
            if moment.step is RitualStep.DIAL:
                self._counting_down = False
            else:
                status.revise(self._locked_text(now))
        status.expire(now)

    def _enter(self, step: RitualStep, view: SessionView) -> None:
        first = self._step is None
        self._step = step
        if step is RitualStep.REFRAME or (first and step is not RitualStep.BREATHE):
            self._reframe = next_reframe(self.app.ritual.last_reframe, self._rng, view.nos_per_yes)
            self.app.ritual.last_reframe = self._reframe
        self.refresh_bindings()
        if not first:
            self._cue_until = self.app.ctx.clock.now() + timedelta(seconds=CUE_S)
            if self.app.ctx.config.bell:
                self.app.bell()

    def _paint_body(self, step: RitualStep, elapsed: float, view: SessionView) -> None:
        main = self.query_one("#ritual-main", Static)
        detail = self.query_one("#ritual-detail", Static)
        if step is RitualStep.BREATHE:
            width = max(10, min(40, self.size.width - 16))
            main.update(breath_bar(elapsed, width))
            detail.update(Content.assemble((breath_words(elapsed), "bold"), "\n", (SHOULDERS, "$text-muted")))
        elif step is RitualStep.REFRAME:
            main.update(Content(balanced(self._reframe, self.query_one("#ritual-main").size.width or 56)))
            detail.update(Content.styled("Tag it if you like, below. Optional.", "$text-muted"))
        elif step is RitualStep.REVIEW:
            main.update(review_text(view))
            detail.update(Content(""))
        else:
            main.update(Content.styled("Pick up the phone and dial.", "bold"))
            detail.update(
                Content.assemble(
                    ("Enter", "bold $accent"),
                    " as you dial, or log how the call went.\n",
                    ("The next call does not know about the last one.", "$text-muted"),
                )
            )

    def _paint_tags(self, view: SessionView) -> None:
        no = view.last_no if view.last_no and view.last_no.id == self.ritual.no_id else None
        chosen = (
            [x for x in (no.reason, CAUSE_LABELS.get(no.cause or ""), quoted(no.note)) if x] if no else []
        )
        line = (
            Content.assemble(("Tagged  ", "bold"), (" · ".join(chosen), "$accent")) if chosen else Content("")
        )
        self.query_one("#ritual-tags", Static).update(Content("\n").join([tag_keys_text(), line]))

    def say(self, message: str, *, error: bool = False) -> None:
        self._counting_down = False  # a new line replaces the countdown
        self.query_one(StatusLine).say(message, self.app.ctx.clock.now(), error=error)

    # -- keys ----------------------------------------------------------------------------

    async def action_dial(self) -> None:
        now = self.app.ctx.clock.now()
        if not self.ritual.unlocked(now):
            return
        await self.app.ritual.finish(self.ritual.dialling(now))

    async def action_log(self, outcome: str) -> None:
        now = self.app.ctx.clock.now()
        if not self.ritual.unlocked(now):
            self.say(self._locked_text(now))
            self._counting_down = True
            return
        await self.app.ritual.finish(self.ritual.dialling(now), then_log=Outcome(outcome))

    def _locked_text(self, now: datetime) -> str:
        return f"Not logged: no call yet. Dial opens in {seconds(self._until_dial(now))}."

    async def action_skip(self) -> None:
        now = self.app.ctx.clock.now()
        self.ritual, ending = self.ritual.press_skip(now)
        if ending is None:
            self.say("Press s again to skip. It is noted as skipped.")
            return
        await self.app.ritual.finish(ending)

    async def action_end_block(self) -> None:
        """At Dial the rep may be done for now: the reset closes unmeasured and the block ends."""
        if self.ritual.unlocked(self.app.ctx.clock.now()):
            if await self.app.ritual.interrupt():
                await self.app.end_block()
            return
        self.say("e ends the block from the Dial step, or after s s.")

    def action_pause(self) -> None:
        verb = "resumes" if self.app.live.view().paused else "pauses"
        self.say(f"p {verb} the block once the reset ends.")

    def key_enter(self) -> None:
        """Enter before Dial (the binding is off until then): say when it opens."""
        if self.focused is not None:  # Enter in the note box saves the note
            return
        now = self.app.ctx.clock.now()
        if not self.ritual.unlocked(now):
            self.say(f"Enter marks dialling once Dial opens, in {seconds(self._until_dial(now))}.")

    async def action_undo(self) -> None:
        await self.app.ritual.cancel(self.ritual)

    async def action_reason(self, reason: str) -> None:
        await self.app.ritual.tag(self.ritual.no_id, reason=reason)

    async def action_cause(self, cause: str) -> None:
        await self.app.ritual.tag(self.ritual.no_id, cause=cause)

    async def action_note(self) -> None:
        await open_note_box(self, "A short note on this call; Enter saves, Esc closes")

    async def on_note_box_saved(self, event: NoteBox.Saved) -> None:
        await self.app.ritual.tag(self.ritual.no_id, note=event.text)

    def action_help(self) -> None:
        from companion.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def _until_dial(self, now: datetime) -> float:
        return max(0.0, (self.ritual.dial_from - now).total_seconds())


def review_text(view: SessionView) -> Content:
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
        ahead = round(pace.ahead)
        dials_left = max(0, t.dials - c.dials)
        if ahead < 0:
            parts.append(f"Pace: {plural(-ahead, 'dial')} behind · {dials_left} to go today.\n")
        else:
            parts.append(
                f"Pace: {'on pace' if ahead == 0 else f'+{ahead} ahead'} · {dials_left} to go today.\n"
            )
    parts.append(
        (
            f"This week: {plural(w.dials, 'dial')} · {plural(w.conversations, 'conversation')}"
            f" · {plural(w.meetings, 'meeting')}\n",
            "$text-muted",
        )
    )
    parts.append(trend_line(view.median_recovery_s, view.seven_day_median_recovery_s))
    return Content.assemble(*parts)


def trend_line(today: float | None, seven_days: float | None) -> str:
    if today is None and seven_days is not None:
        return f"Your median recovery, last 7 days: {seconds(seven_days)}. Every reset is practice."
    if today is None:
        return "Your recovery time is measured from this reset on."
    if seven_days is None or today >= seven_days:
        return f"Recovery today: median {seconds(today)}. Every reset is practice."
    return f"Recovery today: median {seconds(today)}, quicker than your 7-day {seconds(seven_days)}."
