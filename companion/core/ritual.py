"""When each step of the reset ritual runs: Breathe, Reframe and Review target for set times, then
Dial until the rep marks it. Every answer comes from the clock (`now`), never from counted ticks,
so a stalled event loop cannot stretch or shrink a step. The rules of what a key does during a
reset live with the session controller (companion.session.ritual)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class RitualStep(StrEnum):
    BREATHE = "breathe"
    REFRAME = "reframe"
    REVIEW = "review"
    DIAL = "dial"

    @property
    def heading(self) -> str:
        return STEP_TITLES[self]


STEP_TITLES = {
    RitualStep.BREATHE: "Breathe",
    RitualStep.REFRAME: "Reframe",
    RitualStep.REVIEW: "Review target",
    RitualStep.DIAL: "Dial",
}
TIMED_STEPS = (RitualStep.BREATHE, RitualStep.REFRAME, RitualStep.REVIEW)


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

    def _bounds(self) -> list[tuple[RitualStep, datetime, datetime]]:
        bounds = []
        start = self.started
        for step, length in zip(TIMED_STEPS, (self.breathe_s, self.reframe_s, self.review_s), strict=True):
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
            return Moment(TIMED_STEPS[0], self.breathe_s, 0.0, 0.0, self.breathe_s)
        waited = max(0.0, (now - self.dial_from).total_seconds())
        return Moment(RitualStep.DIAL, waited, 1.0, waited, 0.0)

    def step_began(self, step: RitualStep) -> datetime:
        """When `step` began (or begins)."""
        if step is RitualStep.DIAL:
            return self.dial_from
        return next(start for s, start, _ in self._bounds() if s is step)
