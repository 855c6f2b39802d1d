"""Summaries of a day or a week: the flat JSON keys that `companion summary` prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from companion.core.after_no import AfterNo, after_no_to
from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, seven_days_ending, week_bounds, week_start
from companion.core.calluses import Ladder
from companion.core.ledger import Counts, Ledger
from companion.core.numbers import Targets, nos_per_yes
from companion.core.outcomes import Outcome
from companion.core.outside import OutsideShare
from companion.core.reset_stats import RitualStats as RitualStats
from companion.core.week import WeekStanding, week_standing


@dataclass(frozen=True, slots=True)
class Summary:
    """What a period did against its targets."""

    period: str  # "day" or "week"
    first: date
    last: date
    counts: Counts
    targets: Targets
    nos_per_yes: float | None  # over dials: the seed's "5% -> 19"
    rituals: RitualStats
    blocks: int
    days: tuple[tuple[date, Counts], ...] = ()
    after_no: AfterNo = field(default_factory=AfterNo)  # the AFTER_NO_DAYS days to `last`
    nos_per_yes_conversations: float | None = None  # the same window, over conversations: "20% -> 4"
    ladder: Ladder = field(default_factory=Ladder)  # the period's no's on the callus ladder
    week_targets: Targets = field(default_factory=Targets)  # the week's, whatever the period
    on_track: WeekStanding | None = None  # the week at the end of the day (a week: as of today)
    outside: OutsideShare = field(default_factory=OutsideShare)  # the period's no's by their reasons

    def as_dict(self) -> dict[str, Any]:
        """The flat JSON of design.md; integer counts, null where a rate has no base."""
        c = self.counts
        return {
            "period": self.period,
            "date": self.first.isoformat(),
            "until": self.last.isoformat(),
            "dials": c.dials,
            "conversations": c.conversations,
            "meetings": c.meetings,
            "rejections": c.rejections,
            **self.outside.as_dict(),
            "outcomes": {outcome.value: c.by_outcome.get(outcome, 0) for outcome in Outcome},
            "targets": self.targets.as_dict(),
            "week_targets": self.week_targets.as_dict(),
            "on_track": None if self.on_track is None else self.on_track.as_dict(),
            "nos_per_yes": self.nos_per_yes,  # the contract's name, kept for scripts: not no's
            "nos_per_yes_conversations": self.nos_per_yes_conversations,
            "other_dials_per_meeting": self.nos_per_yes,  # the same figures under names that say
            "other_conversations_per_meeting": self.nos_per_yes_conversations,  # what they count
            "connect_rate": _fraction(c.connect_rate),
            "meeting_rate": _fraction(c.meeting_rate),
            "rituals": self.rituals.as_dict(),
            "ladder": self.ladder.as_dict(),
            "ladder_untimed": self.ladder.untimed,
            "after_no": self.after_no.as_dict(),
            "blocks": self.blocks,
            **({"days": [_day_dict(day, counts) for day, counts in self.days]} if self.days else {}),
        }


def _fraction(value: float | None) -> float | None:
    """A rate to 3 places; null with nothing to divide by."""
    return None if value is None else round(value, 3)


def _day_dict(day: date, c: Counts) -> dict[str, Any]:
    per_meeting = nos_per_yes(c.dials, c.meetings)
    return {
        "date": day.isoformat(),
        "dials": c.dials,
        "conversations": c.conversations,
        "meetings": c.meetings,
        "rejections": c.rejections,
        "nos_per_yes": per_meeting,  # the contract's name, kept for scripts
        "other_dials_per_meeting": per_meeting,
    }


def summarize_day(ledger: Ledger, day: date, tz: Timezone, targets: Targets) -> Summary:
    """The day, with its week as it stood at the day's end (today: so far)."""
    start, end = day_bounds(day, tz)
    window = ledger.counts_between(*seven_days_ending(day, tz))
    calls = ledger.outcomes_between(start, end)
    week_so_far = len(ledger.outcomes_between(week_bounds(day, tz)[0], end))
    return Summary(
        period="day",
        first=day,
        last=day,
        counts=Counts.of(calls),
        targets=targets,
        nos_per_yes=nos_per_yes(window.dials, window.meetings),
        rituals=RitualStats.of(ledger, start, end),
        blocks=len(ledger.blocks_between(start, end)),
        after_no=after_no_to(ledger, day, tz),
        nos_per_yes_conversations=nos_per_yes(window.conversations, window.meetings),
        ladder=Ladder.of(ledger, start, end, tz),
        week_targets=targets.week(),
        on_track=week_standing(targets, week_so_far, day),
        outside=OutsideShare.of(calls),
    )


def summarize_week(
    ledger: Ledger, day: date, tz: Timezone, targets: Targets, today: date | None = None
) -> Summary:
    """The Monday-to-Sunday week holding `day`, against the week's targets ([targets] week_*,
    else five working days' worth). Its `on_track` is as of `today` when the week holds it, else
    as of its Sunday (a week to come: as of its Monday)."""

    start, end = week_bounds(day, tz)
    calls = ledger.outcomes_between(start, end)
    counts = Counts.of(calls)
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    as_of = sunday if today is None else min(sunday, max(monday, today))
    so_far = len(ledger.outcomes_between(start, day_bounds(as_of, tz)[1]))
    return Summary(
        period="week",
        first=monday,
        last=monday + timedelta(days=6),
        counts=counts,
        targets=targets.week(),
        nos_per_yes=nos_per_yes(counts.dials, counts.meetings),
        rituals=RitualStats.of(ledger, start, end),
        blocks=len(ledger.blocks_between(start, end)),
        after_no=after_no_to(ledger, monday + timedelta(days=6), tz),
        nos_per_yes_conversations=nos_per_yes(counts.conversations, counts.meetings),
        ladder=Ladder.of(ledger, start, end, tz),
        days=tuple(
            (monday + timedelta(days=n), ledger.counts_between(*day_bounds(monday + timedelta(days=n), tz)))
            for n in range(7)
        ),
        week_targets=targets.week(),
        on_track=week_standing(targets, so_far, as_of),
        outside=OutsideShare.of(calls),
    )
