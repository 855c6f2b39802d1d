"""The share of no's outside the rep's control, said over a named window: the no's with a
reason (core.tags.outside_control), how many turned on budget, timing, the other people who
decide or fear of change, and which of those reasons, with their counts. The 24-hour review
says it over the last 28 days, the rejection resume over its whole span."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.core.around import ResumeEntry
from companion.core.calendar import Zone, day_bounds, day_of
from companion.core.events import Event
from companion.core.ideas import Coached, Idea
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.tags import OUTSIDE_CONTROL, outside_control, reason_label
from companion.core.words import nos, percent

OUTSIDE_SOME = Coached(
    Idea.OUTSIDE_CONTROL,
    "{window}: {outside} of {tagged} with a reason ({share}) were outside your control: {reasons}.",
)
OUTSIDE_NONE = Coached(
    Idea.OUTSIDE_CONTROL,
    "{window}: none of {tagged} with a reason turned on budget, timing, stakeholders or fear of change.",
)
OUTSIDE_UNTAGGED = Coached(
    Idea.OUTSIDE_CONTROL,
    "{window}: no reason tagged on a no yet; with reasons, this says how many were outside your control.",
)


@dataclass(frozen=True, slots=True)
class OutsideShare:
    """Over a named window: the no's with a reason, how many of them turned on what the rep
    does not control (tags.OUTSIDE_CONTROL), and those reasons with their counts, most first."""

    window: str  # as the rep reads it: "Last 28 days", "Since Mon 02 Mar 2026"
    outside: int
    tagged: int
    by_reason: tuple[tuple[str, int], ...]

    def line(self) -> str:
        if not self.tagged:
            return OUTSIDE_UNTAGGED.text.format(window=self.window)
        if not self.outside:
            return OUTSIDE_NONE.text.format(window=self.window, tagged=nos(self.tagged))
        reasons = ", ".join(f"{reason_label(reason)} {count}" for reason, count in self.by_reason)
        share = percent(self.outside / self.tagged)
        return OUTSIDE_SOME.text.format(
            window=self.window, outside=self.outside, tagged=nos(self.tagged), share=share, reasons=reasons
        )


def outside_share(calls: Iterable[Event], window: str) -> OutsideShare:
    """The share outside the rep's control among the no's of `calls` (tags applied)."""
    reasons = [call.reason for call in calls if call.outcome is Outcome.NO]
    outside, tagged = outside_control(reasons)
    counts = Counter(reason for reason in reasons if reason in OUTSIDE_CONTROL)
    order = sorted(counts, key=lambda reason: (-counts[reason], OUTSIDE_CONTROL.index(reason or "")))
    return OutsideShare(window, outside, tagged, tuple((reason or "", counts[reason]) for reason in order))


def resume_outside(
    ledger: Ledger, entries: tuple[ResumeEntry, ...], now: datetime, tz: Zone
) -> OutsideShare | None:
    """The share over the resume's whole span: every no from the day of its oldest entry to
    `now` (the ledger must hold them), or None for an empty resume."""
    if not entries:
        return None
    first = day_of(entries[-1].no.at, tz)
    calls = ledger.outcomes_between(day_bounds(first, tz)[0], now + timedelta(seconds=1))
    return outside_share(calls, f"Since {first:%a %d %b %Y}")


REVIEW_OUTSIDE_DAYS = 28  # the review's window for the share: the 28 days ending today


def review_outside(ledger: Ledger, now: datetime, tz: Zone) -> OutsideShare:
    """The share over the 28 days ending today (the ledger must hold them)."""
    start = day_bounds(day_of(now, tz) - timedelta(days=REVIEW_OUTSIDE_DAYS - 1), tz)[0]
    calls = ledger.outcomes_between(start, now + timedelta(seconds=1))
    return outside_share(calls, f"Last {REVIEW_OUTSIDE_DAYS} days")
