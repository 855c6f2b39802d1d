"""The reset ritual after a bad call, as a state machine on deadlines.

Breathe, Reframe and Review target each run for a set time and advance by themselves; Dial waits
for the rep. Every question is answered from the clock (`now`), never from counted ticks, so a
stalled event loop cannot stretch or shrink a step."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from companion.core.events import RitualEnd

SKIP_WINDOW_S = 3.0  # the second `s` must follow the first within this
DIAL_WAIT_MAX_S = 600.0  # past this at Dial the rep has stepped away: the reset ends unmeasured


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


@dataclass(frozen=True, slots=True)
class Ending:
    """How a ritual ended, ready to be stored as a ritual event."""

    end: RitualEnd
    at: datetime
    recovery_s: float | None = None
    hesitation_s: float | None = None


@dataclass(frozen=True, slots=True)
class Ritual:
    """One reset, started by the `no` it follows."""

    no_id: str
    started: datetime
    breathe_s: float
    reframe_s: float
    review_s: float
    skip_armed_at: datetime | None = None

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
                return Moment(step, (end - now).total_seconds(), elapsed / length, elapsed)
        if now < self.started:  # a clock that stepped back: stay at the start
            return Moment(TIMED_STEPS[0], self.breathe_s, 0.0, 0.0)
        waited = max(0.0, (now - self.dial_from).total_seconds())
        return Moment(RitualStep.DIAL, waited, 1.0, waited)

    def unlocked(self, now: datetime) -> bool:
        """True once the Dial step is on: a call can have happened."""
        return self.at(now).step is RitualStep.DIAL

    def abandoned(self, now: datetime) -> bool:
        """True once Dial has waited longer than anyone takes to pick up the phone: a break,
        not a recovery, so it must not be measured as one."""
        return (now - self.dial_from).total_seconds() > DIAL_WAIT_MAX_S

    def dialling(self, now: datetime) -> Ending:
        """The rep marks dialling. Only valid in the Dial step."""
        if not self.unlocked(now):
            raise ValueError("dialling is marked in the Dial step")
        return Ending(
            RitualEnd.COMPLETED,
            now,
            recovery_s=round((now - self.started).total_seconds(), 1),
            hesitation_s=round((now - self.dial_from).total_seconds(), 1),
        )

    def press_skip(self, now: datetime) -> tuple[Ritual, Ending | None]:
        """First `s` arms the skip; a second within SKIP_WINDOW_S skips."""
        armed = self.skip_armed_at
        if armed is not None and 0 <= (now - armed).total_seconds() <= SKIP_WINDOW_S:
            return self, Ending(RitualEnd.SKIPPED, now)
        return replace(self, skip_armed_at=now), None

    def skip_armed(self, now: datetime) -> bool:
        armed = self.skip_armed_at
        return armed is not None and 0 <= (now - armed).total_seconds() <= SKIP_WINDOW_S

    def cancel(self, now: datetime) -> Ending:
        """The `no` was a mis-key: it is voided and the ritual ends without a recovery time."""
        return Ending(RitualEnd.CANCELLED, now)

    def interrupt(self, now: datetime) -> Ending:
        """Another call was logged elsewhere mid-ritual, or the app went away."""
        return Ending(RitualEnd.INTERRUPTED, now)
