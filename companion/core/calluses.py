"""The callus ladder, on the source's scale: how long a no holds the rep before they dial again,
from "the morning" down to "at once". Practice moves no's down the ladder.

Every no gets a place when its time back is known (`back_times`):
- a timed reset (Enter at Dial, or `companion dial` at Dial): its recovery, the no to the mark;
- a dial mark from `companion dial` before Dial opened: the no to the mark;
- the next call came within a minute of the no (a reset cut short by a power dialer's next
  call, a key at Dial straight away): "at once", whatever else the reset did;
- a long stop after the no: the reset became a break at Dial (DIAL_WAIT_MAX_S, or it was left
  open as long), or the block was paused before the next call (`p` for a coffee). Its time runs
  from the no to the next call of that block (the call's own minutes are small beside the
  rungs);
- any other no is left out and counted as `untimed`: its next call came later than a minute
  without a dial mark or a stop, so the time to that call holds the whole call (a skipped reset,
  an outcome key at Dial, no reset at all); or nothing tells when the rep dialled again: no
  later call that day, or the block ended first (ending a block, or the day, is not the no's
  doing).

The events are read as they are stored (ritual endings, dial marks, pauses, block ends, calls)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from companion.core.calendar import Zone, day_bounds, day_of
from companion.core.events import Event, EventKind, RitualEnd
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.ritual import DIAL_WAIT_MAX_S
from companion.core.words import seconds


@dataclass(frozen=True, slots=True)
class Rung:
    name: str  # its key in `summary --json`
    words: str  # on screen
    floor_s: float  # from this many seconds between the no and dialling again


# From where practice takes a rep to where they start: a rung holds the times from its floor up
# to the next rung's.
RUNGS: tuple[Rung, ...] = (
    Rung("at_once", "at once", 0.0),  # within a minute
    Rung("minutes_5", "5 minutes", 60.0),
    Rung("minutes_15", "15 minutes", 300.0),
    Rung("hour", "an hour", 900.0),
    Rung("morning", "the morning", 3600.0),  # longer than an hour
)
MORNING = len(RUNGS) - 1
AT_ONCE_S = RUNGS[1].floor_s  # a next call this soon after the no: the rep dialled at once


def rung(seconds_back: float) -> tuple[int, str]:
    """The rung for the time from a no to dialling again: (0 for "at once" up to MORNING for
    "the morning"), and its words."""
    for n in range(MORNING, -1, -1):
        if seconds_back >= RUNGS[n].floor_s:
            return n, RUNGS[n].words
    return 0, RUNGS[0].words


@dataclass(frozen=True, slots=True)
class BackTime:
    """How long one no held the rep."""

    no: Event
    how: str  # "timed", "marked", "quick", "break", "stepped-away"
    seconds: float

    @property
    def rung(self) -> int:
        return rung(self.seconds)[0]


def back_times(ledger: Ledger, start: datetime, end: datetime, tz: Zone) -> tuple[list[BackTime], int]:
    """The no's logged in [start, end) that have a place on the ladder, and how many have none
    (untimed). The ledger should hold the day after `end`'s events too (as Context.window does)."""
    endings = {r.no_id: r for r in ledger.rituals}
    pauses = sorted(_utc(e.at) for e in ledger.events if e.kind is EventKind.PAUSE)
    block_ends = sorted(_utc(e.at) for e in ledger.events if e.kind is EventKind.BLOCK_END)
    found: list[BackTime] = []
    untimed = 0
    for no in ledger.outcomes_between(start, end):
        if no.outcome is not Outcome.NO:
            continue
        ending = endings.get(no.id)
        if ending is not None and ending.recovery_s is not None:
            found.append(BackTime(no, "timed", ending.recovery_s))
            continue
        mark = ledger.dial_marks.get(no.id)
        if mark is not None and mark.at >= no.at:
            found.append(BackTime(no, "marked", (mark.at - no.at).total_seconds()))
            continue
        day_end = day_bounds(day_of(no.at, tz), tz)[1]
        after = next((c for c in ledger.outcomes_between(no.at, day_end) if c.at > no.at), None)
        if after is None or _between(block_ends, _utc(no.at), _utc(after.at)):
            untimed += 1  # nothing says when the rep dialled again: the block or the day ended
            continue
        back_s = (after.at - no.at).total_seconds()
        broke = (
            ending is not None
            and ending.end is RitualEnd.INTERRUPTED
            and (ending.at - no.at).total_seconds() >= DIAL_WAIT_MAX_S
        )
        if back_s < AT_ONCE_S:
            found.append(BackTime(no, "quick", back_s))
        elif broke:
            found.append(BackTime(no, "break", back_s))
        elif _between(pauses, _utc(no.at), _utc(after.at)):
            found.append(BackTime(no, "stepped-away", back_s))
        else:
            untimed += 1
    return found, untimed


@dataclass(frozen=True, slots=True)
class Ladder:
    """How many no's stood on each rung (RUNGS' order), and how many had no known time."""

    counts: tuple[int, ...] = (0,) * len(RUNGS)
    untimed: int = 0

    @classmethod
    def of(cls, ledger: Ledger, start: datetime, end: datetime, tz: Zone) -> Ladder:
        times, untimed = back_times(ledger, start, end, tz)
        return cls.from_times(times, untimed)

    @classmethod
    def from_times(cls, times: Sequence[BackTime], untimed: int = 0) -> Ladder:
        counts = [0] * len(RUNGS)
        for back in times:
            counts[back.rung] += 1
        return cls(tuple(counts), untimed)

    @property
    def placed(self) -> int:
        return sum(self.counts)

    def as_dict(self) -> dict[str, int]:
        """Summary JSON's `ladder`: each rung's count under its own name."""
        return {r.name: n for r, n in zip(RUNGS, self.counts, strict=True)}

    def words(self) -> str:
        """`at once 12 · 5 minutes 3 · 15 minutes 0 · an hour 1 · the morning 0 (16 of 18 no's)`."""
        if not self.placed:
            if self.untimed:
                return f"none placed yet ({_nos(self.untimed)} without a time: Enter at Dial times one)"
            return "no no's yet"
        rungs = " · ".join(f"{r.words} {n}" for r, n in zip(RUNGS, self.counts, strict=True))
        of = f"{self.placed} of {self.placed + self.untimed} no's" if self.untimed else _nos(self.placed)
        return f"{rungs} ({of})"


def dial_words(median_hesitation_s: float | None, measured: int) -> str:
    """`8s once the steps were over (5 timed resets)`, or what is missing."""
    if median_hesitation_s is None or measured == 0:
        return "none timed yet (Enter at Dial times one)"
    over = f"{measured} timed reset{'s' if measured != 1 else ''}"
    return f"{seconds(median_hesitation_s)} once the steps were over ({over})"


def _between(times: Sequence[datetime], after: datetime, before: datetime) -> bool:
    """One of `times` (in order) in (after, before)."""
    i = bisect_right(times, after)
    return i < len(times) and times[i] < before


def _utc(moment: datetime) -> datetime:
    """`moment` as a plain UTC datetime: the times compared here come from events stored at
    several offsets (and, in tests, as pendulum's DateTime, whose arithmetic differs)."""
    return datetime.fromtimestamp(moment.timestamp(), UTC)


def _nos(count: int) -> str:
    return f"{count} no" if count == 1 else f"{count} no's"
