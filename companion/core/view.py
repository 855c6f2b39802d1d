"""The day in numbers at one moment: what the session screen's counters, pace and recent calls
show. Widgets paint from it and keep no counts of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, seven_days_ending, week_bounds
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Block, Counts, Ledger
from companion.core.numbers import Pace, Targets, median_or_none, nos_per_yes, pace
from companion.core.outcomes import Outcome

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
    elapsed_s: float
    pace: Pace | None
    nos_per_yes: float | None
    recent: tuple[Event, ...]
    last_recovery_s: float | None  # today's latest timed reset: a new one changes it
    week: Counts
    last_no: Event | None  # today's latest outcome when it is a `no`: tags still go to it
    # The callus ladder's figure (core.calluses): time to dial once the timed steps were over,
    # over today's timed resets (a dial mark) and the 7 days'.
    median_hesitation_s: float | None = None
    measured: int = 0
    seven_day_median_hesitation_s: float | None = None
    # For the wide screen's charts: each call of the open block on the block clock (seconds,
    # pauses left out), and today's timed resets as (the no's time, time to dial).
    block_calls_s: tuple[float, ...] = ()
    timed_today: tuple[tuple[datetime, float], ...] = ()

    @property
    def left_s(self) -> float:
        """Block time left; negative once the block has run over."""
        return self.block_s - self.elapsed_s

    @property
    def paused(self) -> bool:
        return self.block is not None and self.block.is_paused()

    @property
    def time_up(self) -> bool:
        return self.block is not None and self.left_s <= 0


def day_view(ledger: Ledger, tz: Timezone, targets: Targets, block_minutes: int, now: datetime) -> DayView:
    """Build the snapshot for `now` from `ledger`."""
    today = day_of(now, tz)
    start, end = day_bounds(today, tz)
    day_outcomes = ledger.outcomes_between(start, end)
    block = ledger.open_block(start, end)
    block_s = block_minutes * 60.0
    elapsed = block.elapsed_s(now) if block else 0.0
    in_block = block_calls(ledger, block, end)
    block_pace = block_pace_at(block, day_outcomes, in_block, targets, elapsed, block_s)
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
        elapsed_s=elapsed,
        pace=block_pace,
        nos_per_yes=nos_per_yes(window.dials, window.meetings),
        recent=tuple(reversed(day_outcomes[-RECENT:])),
        last_recovery_s=timed[-1][1] if timed else None,
        week=ledger.counts_between(week_start, week_end),
        last_no=day_outcomes[-1] if day_outcomes and day_outcomes[-1].outcome is Outcome.NO else None,
        median_hesitation_s=median_or_none(h for _, _, h in timed),
        measured=len(timed),
        seven_day_median_hesitation_s=median_or_none(h for _, _, h in week_timed),
        block_calls_s=tuple(block.elapsed_s(call.at) for call in in_block) if block else (),
        timed_today=tuple((at, h) for at, _, h in timed),
    )


def block_calls(ledger: Ledger, block: Block | None, day_end: datetime) -> tuple[Event, ...]:
    """The calls that belong to `block` (none without one)."""
    return ledger.outcomes_between(*ledger.block_span(block, day_end)) if block is not None else ()


def block_pace_at(
    block: Block | None,
    day_outcomes: tuple[Event, ...],
    in_block: tuple[Event, ...],
    targets: Targets,
    elapsed_s: float,
    block_s: float,
) -> Pace | None:
    """The open block (with `in_block`, its calls) against an even spread of the dials still
    needed when it began."""
    if block is None:
        return None
    before = sum(1 for e in day_outcomes if e.at < block.started)
    return pace(targets.dials - before, len(in_block), elapsed_s, block_s)


def _timed(ledger: Ledger, start: datetime, end: datetime) -> list[tuple[datetime, float, float]]:
    """(the no's time, recovery, hesitation) of the resets in [start, end) timed by a dial mark."""
    return [
        (r.no_at, r.recovery_s, r.hesitation_s)
        for r in ledger.rituals_between(start, end)
        if r.end is RitualEnd.COMPLETED and r.recovery_s is not None and r.hesitation_s is not None
    ]
