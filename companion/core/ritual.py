"""When each step of the reset ritual runs: Breathe, Reframe and Review target for set times, then
Dial until the rep marks it. After a hard no the long reset puts three steps first: Perspective,
So what (a week, a month, a career) and Story (naming the story one is telling oneself).
Every answer comes from the clock (`now`), never from counted ticks,
so a stalled event loop cannot stretch or shrink a step. The rules of what a key does during a
reset live with the session controller (companion.session.ritual)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.core.events import Event
    from companion.core.ledger import Ledger


class RitualStep(StrEnum):
    PERSPECTIVE = "perspective"  # the long reset's steps come first
    SO_WHAT = "so-what"
    STORY = "story"
    BREATHE = "breathe"
    REFRAME = "reframe"
    REVIEW = "review"
    DIAL = "dial"

    @property
    def heading(self) -> str:
        return STEP_TITLES[self]


STEP_TITLES = {
    RitualStep.PERSPECTIVE: "Perspective",
    RitualStep.SO_WHAT: "So what",
    RitualStep.STORY: "Story",
    RitualStep.BREATHE: "Breathe",
    RitualStep.REFRAME: "Reframe",
    RitualStep.REVIEW: "Review target",
    RitualStep.DIAL: "Dial",
}
# Past this long at Dial the rep has stepped away: a break, not a recovery (no time is stored).
DIAL_WAIT_MAX_S = 600.0
TIMED_STEPS = (RitualStep.BREATHE, RitualStep.REFRAME, RitualStep.REVIEW)
LONG_STEPS = (RitualStep.PERSPECTIVE, RitualStep.SO_WHAT, RitualStep.STORY)


@dataclass(frozen=True, slots=True)
class Moment:
    """Where the ritual stands at one instant."""

    step: RitualStep
    left_s: float  # seconds left in a timed step; seconds waited so far in Dial
    progress: float  # 0..1 through the current timed step (1 in Dial)
    step_elapsed_s: float
    step_length_s: float  # the timed step's length; 0 in Dial, which has none


@dataclass(frozen=True, slots=True)
class RitualSchedule:
    """The steps of one reset, laid out from the moment of the `no` it follows."""

    started: datetime
    breathe_s: float
    reframe_s: float
    review_s: float
    # The long reset's steps (a hard no), in LONG_STEPS order; empty for the usual reset.
    long_s: tuple[float, float, float] | None = None

    @property
    def is_long(self) -> bool:
        return self.long_s is not None

    @property
    def steps(self) -> tuple[RitualStep, ...]:
        """Every step of this reset, in order, Dial last (a step of 0 s is still listed)."""
        return (*(LONG_STEPS if self.is_long else ()), *TIMED_STEPS, RitualStep.DIAL)

    def _bounds(self) -> list[tuple[RitualStep, datetime, datetime]]:
        lengths = (*(self.long_s or ()), self.breathe_s, self.reframe_s, self.review_s)
        bounds = []
        start = self.started
        for step, length in zip(self.steps[:-1], lengths, strict=True):
            end = start + timedelta(seconds=length)
            bounds.append((step, start, end))
            start = end
        return bounds

    @property
    def dial_from(self) -> datetime:
        """When the Dial step begins: the deadline of the last timed step."""
        return self._bounds()[-1][2]

    def at(self, now: datetime) -> Moment:
        """The step and its countdown at `now`."""
        for step, start, end in self._bounds():
            if start <= now < end:
                length = (end - start).total_seconds()
                elapsed = (now - start).total_seconds()
                return Moment(step, (end - now).total_seconds(), elapsed / length, elapsed, length)
        if now < self.started:  # a clock that stepped back: stay at the start
            step, start, end = self._bounds()[0]
            length = (end - start).total_seconds()
            return Moment(step, length, 0.0, 0.0, length)
        waited = max(0.0, (now - self.dial_from).total_seconds())
        return Moment(RitualStep.DIAL, waited, 1.0, waited, 0.0)

    def step_began(self, step: RitualStep) -> datetime:
        """When `step` began (or begins)."""
        if step is RitualStep.DIAL:
            return self.dial_from
        return next(start for s, start, _ in self._bounds() if s is step)


# A box the rep wrote in (a note, a story): opened at, closed at (None while still open).
WritingSpan = tuple[datetime, datetime | None]


def waited_s(dial_from: datetime, now: datetime, writing: Sequence[WritingSpan] = ()) -> float:
    """Seconds Dial has been on screen by `now`, less the time a box for writing was open in it:
    the hesitation clock stops while the rep writes (the 24-hour rule asks them to) and runs on
    when the box closes. A box still open counts as writing up to `now`."""
    if now <= dial_from:
        return 0.0
    spans = sorted((max(start, dial_from), now if end is None else min(end, now)) for start, end in writing)
    written = 0.0
    reach = dial_from  # spans never overlap on screen; merged all the same, so none counts twice
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            written += (end - start).total_seconds()
            reach = end
    return max(0.0, (now - dial_from).total_seconds() - written)


def waiting_for_dial(
    ledger: Ledger, now: datetime, schedule_for: Callable[[Event], RitualSchedule | None]
) -> tuple[Event, RitualSchedule] | None:
    """The no whose reset a dial mark (`companion dial`) would close at `now`, with its
    schedule: the latest call up to now is a no that starts a reset (`schedule_for` gives its
    schedule, None when it starts none), the reset has not ended, dialling was not marked for it
    yet, and it is not past the break at Dial."""
    calls = [c for c in ledger.outcomes if c.at <= now]
    if not calls:
        return None
    no = calls[-1]
    schedule = schedule_for(no)
    if schedule is None or no.id in ledger.dial_marks or any(r.no_id == no.id for r in ledger.rituals):
        return None
    if (now - schedule.dial_from).total_seconds() > DIAL_WAIT_MAX_S:
        return None
    return no, schedule
