"""The numbers game: a block's target and pace, other dials per meeting, and medians."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

WORKDAYS = 5  # Monday to Friday: a week's targets are five days' worth unless [targets] says


@dataclass(frozen=True, slots=True)
class Targets:
    """The day's targets, and the week's where [targets] sets them (None: five working days'
    worth of the day's). Rejections have none: they are expected, not aimed at."""

    dials: int = 40
    conversations: int = 10
    meetings: int = 2
    week_dials: int | None = None
    week_conversations: int | None = None
    week_meetings: int | None = None

    def week(self) -> Targets:
        """The week's targets (Monday to Sunday) as plain targets: 40 dials a day, 200 a week."""
        return Targets(
            self.dials * WORKDAYS if self.week_dials is None else self.week_dials,
            self.conversations * WORKDAYS if self.week_conversations is None else self.week_conversations,
            self.meetings * WORKDAYS if self.week_meetings is None else self.week_meetings,
        )

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


def block_target(day_target: int, dials_before: int, blocks_before: int, blocks_per_day: int) -> int:
    """A block's own dial target: the day's dials still needed when it starts, shared over the
    blocks left today (never fewer than one), rounded up."""
    needed = max(0, day_target - dials_before)
    left = max(1, blocks_per_day - max(0, blocks_before))
    return -(-needed // left)


@dataclass(frozen=True, slots=True)
class Pace:
    """The block against an even spread of its own dial target over the block's length, on
    the block clock (from its first call, or from Enter when the rep began it so)."""

    target: int  # the block's own dial target
    expected: float  # dials an even spread would have made by now
    done: int  # dials made in the block so far
    elapsed_s: float = 0.0  # since the block's first call, pauses excluded
    block_s: float = 0.0  # the block's length
    day_met: bool = False  # the day's dial target is reached (before or in this block)

    @property
    def ahead(self) -> float:
        """Dials ahead of the spread (negative: behind)."""
        return self.done - self.expected


def pace(target: int, done: int, elapsed_s: float, block_s: float, *, day_met: bool = False) -> Pace:
    """Where the block stands `elapsed_s` after its first call, of `block_s` seconds."""
    target = max(0, target)
    share = 1.0 if block_s <= 0 else min(1.0, max(0.0, elapsed_s / block_s))
    return Pace(
        target=target,
        expected=target * share,
        done=done,
        elapsed_s=max(0.0, elapsed_s),
        block_s=block_s,
        day_met=day_met,
    )


def median_or_none(values: Iterable[float]) -> float | None:
    """The median, rounded to a tenth of a second, or None for no values."""
    items = sorted(values)  # by hand: the statistics module costs the start-up more than this
    if not items:
        return None
    middle = len(items) // 2
    value = items[middle] if len(items) % 2 else (items[middle - 1] + items[middle]) / 2
    return round(float(value), 1)
