"""The day in numbers at one moment: what the session screen's counters, pace and recent calls
show. Widgets paint from it and keep no counts of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, seven_days_ending, week_bounds
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Block, Counts, Ledger
from companion.core.numbers import Pace, Targets, median_or_none, nos_per_yes
from companion.core.outcomes import Outcome
from companion.core.standing import BlockStanding as BlockStanding
from companion.core.standing import open_block_at, target_at
from companion.core.standing import standing_of as standing_of

if TYPE_CHECKING:
    from companion.core.week import WeekStanding

RECENT = 40  # more than fit on any screen; the widget shows what fits


@dataclass(frozen=True, slots=True)
class DayView:
    """Today's numbers at `now`."""

    today: date
    now: datetime
    tz: Timezone
    targets: Targets
    counts: Counts
    block: Block | None
    block_s: float
    elapsed_s: float  # on the block clock: since the block started, pauses excluded
    pace: Pace | None  # None without a block
    nos_per_yes: float | None
    recent: tuple[Event, ...]
    last_recovery_s: float | None  # today's latest timed reset: a new one changes it
    week: Counts
    last_no: Event | None  # today's latest outcome when it is a `no`: tags still go to it
    # The wait at Dial (hesitation): how long Dial was on screen before the rep's mark, over
    # today's timed resets (a dial mark) and the 7 days'.
    median_hesitation_s: float | None = None
    measured: int = 0
    seven_day_median_hesitation_s: float | None = None
    # For the wide screen's charts: each call of the open block on its clock (as the pace
    # counts them: pauses left out), and today's timed resets as (the no's time, wait at Dial).
    block_calls_s: tuple[float, ...] = ()
    timed_today: tuple[tuple[datetime, float], ...] = ()
    block_target: int | None = None  # the open block's own dial target (None without one)
    next_target: int = 0  # without an open block: the target of one started now

    @property
    def left_s(self) -> float:
        """Block time left; negative once the block has run over."""
        return self.block_s - self.elapsed_s

    @property
    def week_standing(self) -> WeekStanding:
        """This week's dials against the week's target, on track or behind (core.week)."""
        from companion.core.week import week_standing  # (the reset's and the summary's: not the start's)

        return week_standing(self.targets, self.week.dials, self.today)

    @property
    def paused(self) -> bool:
        return self.block is not None and self.block.is_paused()

    @property
    def time_up(self) -> bool:
        return self.block is not None and self.left_s <= 0


def day_view(
    ledger: Ledger,
    tz: Timezone,
    targets: Targets,
    block_minutes: int,
    now: datetime,
    *,
    blocks_per_day: int = 2,
) -> DayView:
    """Build the snapshot for `now` from `ledger`."""
    today = day_of(now, tz)
    start, end = day_bounds(today, tz)
    day_outcomes = ledger.outcomes_between(start, end)
    block_s = block_minutes * 60.0
    standing = open_block_at(ledger, start, end, targets, block_s, blocks_per_day, now)
    block = standing.block if standing else None
    seven_days = seven_days_ending(today, tz)
    window = ledger.counts_between(*seven_days)
    timed = _timed(ledger, start, end)
    week_start, week_end = week_bounds(today, tz)
    week_timed = _timed(ledger, *seven_days)
    return DayView(
        today=today,
        now=now,
        tz=tz,
        targets=targets,
        counts=Counts.of(day_outcomes),
        block=block,
        block_s=block_s,
        elapsed_s=block.elapsed_s(now) if block else 0.0,
        pace=standing.pace if standing else None,
        nos_per_yes=nos_per_yes(window.dials, window.meetings),
        recent=tuple(reversed(day_outcomes[-RECENT:])),
        last_recovery_s=timed[-1][1] if timed else None,
        week=ledger.counts_between(week_start, week_end),
        last_no=day_outcomes[-1] if day_outcomes and day_outcomes[-1].outcome is Outcome.NO else None,
        median_hesitation_s=median_or_none(h for _, _, h in timed),
        measured=len(timed),
        seven_day_median_hesitation_s=median_or_none(h for _, _, h in week_timed),
        block_calls_s=standing.calls_s if standing else (),
        timed_today=tuple((at, h) for at, _, h in timed),
        block_target=standing.target if standing else None,
        next_target=0 if standing else target_at(ledger, now, start, targets, blocks_per_day),
    )


def _timed(ledger: Ledger, start: datetime, end: datetime) -> list[tuple[datetime, float, float]]:
    """(the no's time, recovery, hesitation) of the resets in [start, end) timed by a dial mark."""
    return [
        (r.no_at, r.recovery_s, r.hesitation_s)
        for r in ledger.rituals_between(start, end)
        if r.end is RitualEnd.COMPLETED and r.recovery_s is not None and r.hesitation_s is not None
    ]
