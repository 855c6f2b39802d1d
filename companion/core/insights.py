"""What a finished block and day mean: rates, the timed resets over blocks (the callus ladder's
trend), the reasons and causes behind the no's, and tomorrow's focus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from companion.core.after_no import AfterNo, after_no_to
from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, seven_days_ending, week_bounds
from companion.core.calluses import Ladder
from companion.core.due import reviewable
from companion.core.ledger import Block, Counts, Ledger
from companion.core.numbers import nos_per_yes
from companion.core.outcomes import Outcome
from companion.core.outside import OutsideShare
from companion.core.summary import RitualStats
from companion.core.tags import REASONS

TREND_BLOCKS = 30


@dataclass(frozen=True, slots=True)
class BlockResets:
    """A block's timed resets: median recovery and wait at Dial."""

    block: Block
    median_recovery_s: float | None
    median_hesitation_s: float | None = None
    measured: int = 0


def resets_by_block(ledger: Ledger, tz: Timezone, limit: int = TREND_BLOCKS) -> list[BlockResets]:
    """The last `limit` blocks that had a timed reset (a dial mark), with their medians."""
    found: list[BlockResets] = []
    for block in ledger.blocks:
        day_end = day_bounds(day_of(block.started, tz), tz)[1]
        stats = RitualStats.of(ledger, *ledger.block_span(block, day_end))
        if stats.measured:
            found.append(
                BlockResets(block, stats.median_recovery_s, stats.median_hesitation_s, stats.measured)
            )
    return found[-limit:]


@dataclass(frozen=True, slots=True)
class PastFigures:
    """What the summary reads from further back than the live day: the trend over the last
    blocks, and the after-effect of a no over the AFTER_NO_DAYS days to the day."""

    trend: tuple[BlockResets, ...]
    after_no: AfterNo


def past_figures(ledger: Ledger, day: date, tz: Timezone) -> PastFigures:
    return PastFigures(tuple(resets_by_block(ledger, tz)), after_no_to(ledger, day, tz))


def top(values: Iterable[str | None], n: int = 3) -> list[tuple[str, int]]:
    """The most common non-empty values, most common first (ties: alphabetical)."""
    counts = Counter(v for v in values if v)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


@dataclass(frozen=True, slots=True)
class DayReport:
    """Everything the summary screen shows about one day and its latest block."""

    day: date
    block: Block | None
    block_counts: Counts
    block_elapsed_s: float
    counts: Counts
    nos_per_yes: float | None  # 7 days ending with the day, over dials: the seed's "5% -> 19"
    rituals: RitualStats
    trend: tuple[BlockResets, ...]
    reasons: tuple[tuple[str, int], ...]
    causes: tuple[tuple[str, int], ...]
    focus: str | None  # the reason most often tagged a skill gap this week
    to_review: int  # the day's no's with a note or a skill gap: reviewed 24 hours on (core.around)
    nos_per_yes_conversations: float | None = None  # the same 7 days, over conversations: "20% -> 4"
    block_rituals: RitualStats = field(default_factory=RitualStats)  # the block's own resets
    ladder: Ladder = field(default_factory=Ladder)  # the day's no's on the callus ladder
    outside: OutsideShare = field(default_factory=OutsideShare)  # the day's no's by their reasons


def day_report(ledger: Ledger, day: date, tz: Timezone, now: datetime, block: Block | None) -> DayReport:
    """The day (and `block`, usually the one just ended) in numbers."""
    start, end = day_bounds(day, tz)
    outcomes = ledger.outcomes_between(start, end)
    if block is not None:
        span = ledger.block_span(block, end)
        block_counts = Counts.of(ledger.outcomes_between(*span))
        block_rituals = RitualStats.of(ledger, *span)
        elapsed = block.elapsed_s(now)
    else:
        block_counts, block_rituals, elapsed = Counts(), RitualStats(), 0.0
    window = ledger.counts_between(*seven_days_ending(day, tz))
    no_calls = [e for e in outcomes if e.outcome is Outcome.NO]
    week_start, week_end = week_bounds(day, tz)
    week_gaps = [
        e.reason
        for e in ledger.outcomes_between(week_start, week_end)
        if e.outcome is Outcome.NO and e.cause == "skill-gap"
    ]
    focus = top(week_gaps, 1)
    return DayReport(
        day=day,
        block=block,
        block_counts=block_counts,
        block_elapsed_s=elapsed,
        counts=Counts.of(outcomes),
        nos_per_yes=nos_per_yes(window.dials, window.meetings),
        rituals=RitualStats.of(ledger, start, end),
        trend=tuple(resets_by_block(ledger, tz)),
        reasons=tuple(top((e.reason for e in no_calls), len(REASONS))),  # all: the screen picks
        causes=tuple(top(e.cause for e in no_calls)),
        focus=focus[0][0] if focus else None,
        to_review=sum(1 for e in no_calls if reviewable(e)),
        nos_per_yes_conversations=nos_per_yes(window.conversations, window.meetings),
        block_rituals=block_rituals,
        ladder=Ladder.of(ledger, start, end, tz),
        outside=OutsideShare.of(no_calls),
    )


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    counts: Counts
    median_recovery_s: float | None
    median_hesitation_s: float | None = None
    measured: int = 0

    @property
    def nos_per_yes(self) -> float | None:
        return nos_per_yes(self.counts.dials, self.counts.meetings)


def day_rows(ledger: Ledger, first: date, last: date, tz: Timezone) -> list[DayRow]:
    """One row per calendar day from `first` to `last`, both included."""
    rows = []
    day = first
    while day <= last:
        start, end = day_bounds(day, tz)
        stats = RitualStats.of(ledger, start, end)
        counts = ledger.counts_between(start, end)
        rows.append(DayRow(day, counts, stats.median_recovery_s, stats.median_hesitation_s, stats.measured))
        day += timedelta(days=1)
    return rows


@dataclass(frozen=True, slots=True)
class WeekRow:
    monday: date
    counts: Counts
    median_recovery_s: float | None
    median_hesitation_s: float | None = None
    measured: int = 0
    ladder: Ladder = field(default_factory=Ladder)  # the week's no's on the callus ladder

    @property
    def nos_per_yes(self) -> float | None:
        return nos_per_yes(self.counts.dials, self.counts.meetings)


def week_rows(ledger: Ledger, mondays: Sequence[date], tz: Timezone) -> list[WeekRow]:
    rows = []
    for monday in mondays:
        start, end = week_bounds(monday, tz)
        stats = RitualStats.of(ledger, start, end)
        counts = ledger.counts_between(start, end)
        ladder = Ladder.of(ledger, start, end, tz)
        medians = (stats.median_recovery_s, stats.median_hesitation_s)
        rows.append(WeekRow(monday, counts, *medians, stats.measured, ladder))
    return rows
