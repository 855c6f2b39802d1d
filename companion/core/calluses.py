"""Calluses you can trust: how quickly the rep dials again once the reset's timed steps are
over (the callus ladder), and whether a no follows the rep into the next call (the after-effect).

The ladder stands on hesitation, the time Dial was on screen before the rep marked dialling: it
can reach zero, where recovery (no -> dial mark) never falls below the reset's own steps. Only
resets with a dial mark count (core.summary.RitualStats.measured).

The after-effect compares the call that follows each no (the next live outcome of the same day)
with the rep's other calls: the share that became a conversation (connect rate) and meetings per
conversation (meeting rate), split by how the no's reset ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.core.calendar import Zone, day_of
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Counts, Ledger
from companion.core.outcomes import Outcome
from companion.core.words import percent, seconds

# The ladder, from where a rep starts to where practice takes them: each rung's lower bound on
# the median hesitation, in seconds. A measured hesitation is never over ten minutes (a longer
# wait at Dial is a break), so the top rung means "minutes on end".
LADDER: tuple[tuple[float, str], ...] = (
    (300.0, "ruins the morning"),
    (60.0, "minutes, not seconds"),
    (20.0, "under a minute"),
    (5.0, "a few breaths"),
    (0.0, "immediately"),
)
AFTER_NO_DAYS = 28  # the after-effect is told in words over this many days...
AFTER_NO_MIN_CALLS = 20  # ...once this many calls followed a no in them
CLOSE_POINTS = 0.05  # within this of the other calls' rate, a no is not following the rep
RESET_ENDS = ("completed", "skipped", "interrupted", "none")  # "none": no reset ran


def rung(hesitation_s: float) -> tuple[int, str]:
    """The ladder's rung for a median hesitation: (0 for the bottom, "ruins the morning", up to
    len(LADDER) - 1 for "immediately"), and its words."""
    for n, (floor, words) in enumerate(LADDER):
        if hesitation_s >= floor:
            return n, words
    return len(LADDER) - 1, LADDER[-1][1]


def ladder_words(median_hesitation_s: float | None, measured: int) -> str:
    """`a few breaths, 8s (5 timed resets)`, or what is missing."""
    if median_hesitation_s is None or measured == 0:
        return "none timed yet (Enter at Dial times one)"
    over = f"{measured} timed reset{'s' if measured != 1 else ''}"
    return f"{rung(median_hesitation_s)[1]}, {seconds(median_hesitation_s)} ({over})"


@dataclass(frozen=True, slots=True)
class AfterNo:
    """The calls that followed a no, against the calls that did not."""

    next: Counts = field(default_factory=Counts)  # the calls that followed a no
    baseline: Counts = field(default_factory=Counts)  # every other call
    by_reset: dict[str, Counts] = field(default_factory=dict)  # RESET_ENDS -> the next calls

    def as_dict(self) -> dict[str, Any]:
        """Summary JSON's `after_no`: rates as fractions to 3 places, null without data."""
        return {
            "next_calls": self.next.dials,
            "next_connect_rate": _fraction(self.next.connect_rate),
            "baseline_calls": self.baseline.dials,
            "baseline_connect_rate": _fraction(self.baseline.connect_rate),
            "next_meeting_rate": _fraction(self.next.meeting_rate),
            "baseline_meeting_rate": _fraction(self.baseline.meeting_rate),
            "by_reset": {
                end: {
                    "next_calls": rates.dials,
                    "next_connect_rate": _fraction(rates.connect_rate),
                    "next_meeting_rate": _fraction(rates.meeting_rate),
                }
                for end in RESET_ENDS
                for rates in (self.by_reset.get(end, Counts()),)
            },
        }

    def words(self) -> str | None:
        """The after-effect in a sentence, once there are AFTER_NO_MIN_CALLS calls after a no
        (and other calls to compare them with); None before."""
        after, otherwise = self.next.connect_rate, self.baseline.connect_rate
        if self.next.dials < AFTER_NO_MIN_CALLS or after is None or otherwise is None:
            return None
        said = f"After a no you connect {percent(after)} of the time, otherwise {percent(otherwise)}: "
        if after >= otherwise - CLOSE_POINTS:
            return said + "the no is not following you."
        return said + "it follows you into the next call. The full reset is there for that."

    def meeting_words(self) -> str | None:
        """Meetings per conversation after a no and otherwise, once the words are said."""
        after, otherwise = self.next.meeting_rate, self.baseline.meeting_rate
        if self.words() is None or after is None or otherwise is None:
            return None
        return f"Meetings per conversation: {percent(after)} after a no, {percent(otherwise)} otherwise."

    def reset_words(self) -> str | None:
        """How the next call went by the way the reset ended, for the ends with 5 calls or more."""
        parts = [
            f"after a {end} reset {percent(rates.connect_rate)} ({rates.dials} calls)"
            for end in ("completed", "skipped", "interrupted")
            if (rates := self.by_reset.get(end)) is not None
            and rates.dials >= 5
            and rates.connect_rate is not None
        ]
        return "Connected " + ", ".join(parts) + "." if len(parts) > 1 else None


def after_no(ledger: Ledger, start: datetime, end: datetime, tz: Zone) -> AfterNo:
    """The after-effect of a no over the live calls in [start, end). The call after a no is the
    next live call of the same day; every other call is the baseline (a day's first call too)."""
    ended = {r.no_id: r.end for r in ledger.rituals}
    following: list[Event] = []
    baseline: list[Event] = []
    by_reset: dict[str, list[Event]] = {}
    previous: Event | None = None
    for call in ledger.outcomes_between(start, end):
        if previous is not None and day_of(previous.at, tz) != day_of(call.at, tz):
            previous = None  # a new day: the last call of yesterday is not followed
        if previous is not None and previous.outcome is Outcome.NO:
            following.append(call)
            how = ended.get(previous.id)
            key = how.value if how is not None and how is not RitualEnd.CANCELLED else "none"
            by_reset.setdefault(key, []).append(call)
        else:
            baseline.append(call)
        previous = call
    return AfterNo(Counts.of(following), Counts.of(baseline), {k: Counts.of(v) for k, v in by_reset.items()})


def _fraction(value: float | None) -> float | None:
    """A rate to 3 places; null with nothing to divide by."""
    return None if value is None else round(value, 3)
