"""The numbers game: pace, no's per yes, and medians."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Targets:
    """The day's targets. Rejections have none: they are expected, not aimed at."""

    dials: int = 40
    conversations: int = 10
    meetings: int = 2

    def scaled(self, days: int) -> Targets:
        return Targets(self.dials * days, self.conversations * days, self.meetings * days)

    def as_dict(self) -> dict[str, int]:
        return {"dials": self.dials, "conversations": self.conversations, "meetings": self.meetings}


def nos_per_yes(dials: int, meetings: int) -> float | None:
    """The coaching's "19 for each yes": every dial that was not a meeting, for each meeting,
    (dials - meetings) / meetings; over conversations, pass those. Shown as "other dials for each
    meeting" (core.words.others), never as no's: those are the rejections alone. The name stays
    for the JSON key `nos_per_yes`. None when there are no meetings to divide by."""
    if meetings <= 0:
        return None
    return round((dials - meetings) / meetings, 1)


@dataclass(frozen=True, slots=True)
class Pace:
    """The block against an even spread of the dials still needed when it started."""

    needed: int  # dials still needed today when the block started
    expected: float  # dials an even spread would have made by now
    done: int  # dials made in the block so far

    @property
    def ahead(self) -> float:
        """Dials ahead of the spread (negative: behind)."""
        return self.done - self.expected


def pace(needed: int, done: int, elapsed_s: float, block_s: float) -> Pace:
    """Where the block stands after `elapsed_s` of `block_s` seconds."""
    needed = max(0, needed)
    share = 1.0 if block_s <= 0 else min(1.0, max(0.0, elapsed_s / block_s))
    return Pace(needed=needed, expected=needed * share, done=done)


def median_or_none(values: Iterable[float]) -> float | None:
    """The median, rounded to a tenth of a second, or None for no values."""
    items = sorted(values)  # by hand: the statistics module costs the start-up more than this
    if not items:
        return None
    middle = len(items) // 2
    value = items[middle] if len(items) % 2 else (items[middle - 1] + items[middle]) / 2
    return round(float(value), 1)
