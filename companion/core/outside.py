"""Which share of a period's no's were outside the rep's control: the reasons the
sources name as the prospect's side (core.tags.OUTSIDE_CONTROL: budget, timing, the other
people who decide, fear of change), among the no's tagged with a reason. The no's without a
reason are counted beside it, so the rep sees what the share stands on. One sentence for the
summary screen, `companion summary` and the Markdown export; with its window named first for
the 24-hour review (the last 28 days) and the rejection resume (its whole span)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from companion.core.calendar import Zone, day_bounds, day_of
from companion.core.events import Event
from companion.core.ideas import Coached, Idea
from companion.core.outcomes import Outcome
from companion.core.tags import OUTSIDE_CONTROL, outside_control, reason_label
from companion.core.words import nos, percent

if TYPE_CHECKING:
    from companion.core.around import ResumeEntry
    from companion.core.ledger import Ledger

# The sentence's fixed words; the figures and the reasons are filled in.
SOME_OUTSIDE = Coached(
    Idea.OUTSIDE_CONTROL, "{outside} of {tagged} with a reason ({share}) {were} outside your control"
)
NONE_OUTSIDE = Coached(Idea.OUTSIDE_CONTROL, "none of {tagged} with a reason were outside your control")
UNTAGGED = "{nos} more had no reason tagged"  # what the share does not stand on
# With no reason at all there is no share: how to give it one (the z x c causes are not reasons).
NO_REASON_YET = (
    "{nos}, none with a reason yet. After a no, 1-8 tags why; in a terminal, companion log no --reason."
)


@dataclass(frozen=True, slots=True)
class OutsideShare:
    """A period's no's: how many, how many with a reason, how many of those outside the rep's
    control, and the count of each such reason."""

    nos: int = 0
    tagged: int = 0
    outside: int = 0
    reasons: tuple[tuple[str, int], ...] = ()  # the outside reasons seen, most common first
    window: str = ""  # as the rep reads it, when the screen does not say: "Last 28 days"

    @classmethod
    def of(cls, calls: Iterable[Event], window: str = "") -> OutsideShare:
        """From a period's calls (the no's among them count)."""
        said = [call.reason for call in calls if call.outcome is Outcome.NO]
        outside, tagged = outside_control(said)
        seen = Counter(reason for reason in said if reason in OUTSIDE_CONTROL)
        ordered = sorted(seen.items(), key=lambda kv: (-kv[1], OUTSIDE_CONTROL.index(kv[0])))
        return cls(len(said), tagged, outside, tuple(ordered), window)

    @property
    def untagged(self) -> int:
        return self.nos - self.tagged

    @property
    def share(self) -> float | None:
        """Outside / tagged; None with no reason to go on."""
        return self.outside / self.tagged if self.tagged else None

    def words(self) -> str:
        """`3 of 5 no's with a reason (60%) were outside your control: budget 2, timing 1; 2
        more had no reason tagged.`, or how to tag a reason when none is."""
        if not self.nos:
            return "no no's."
        if not self.tagged:
            return NO_REASON_YET.format(nos=nos(self.nos))
        tagged = nos(self.tagged)
        if self.outside:
            named = ", ".join(f"{reason_label(name)} {n}" for name, n in self.reasons)
            share = percent(self.share)
            were = "was" if self.outside == 1 else "were"
            some = SOME_OUTSIDE.text.format(outside=self.outside, tagged=tagged, share=share, were=were)
            said = f"{some}: {named}"
        else:
            every = ", ".join(reason_label(name) for name in OUTSIDE_CONTROL)
            said = f"{NONE_OUTSIDE.text.format(tagged=tagged)} ({every})"
        if self.untagged:
            said += f"; {UNTAGGED.format(nos=self.untagged)}"
        return f"{said}."

    def line(self) -> str:
        """words() after the window it is over: `Last 28 days: 3 of 5 no's with a reason ...`."""
        return f"{self.window}: {self.words()}" if self.window else self.words()

    def as_dict(self) -> dict[str, Any]:
        """The summary JSON's keys for it (flat, beside `rejections`)."""
        return {
            "nos_with_reason": self.tagged,
            "nos_outside_control": self.outside,
            "nos_outside_control_share": None if self.share is None else round(self.share, 3),
            "nos_outside_control_reasons": dict(self.reasons),
        }


def resume_outside(
    ledger: Ledger, entries: tuple[ResumeEntry, ...], now: datetime, tz: Zone
) -> OutsideShare | None:
    """The share over the resume's whole span: every no from the day of its oldest entry to
    `now` (the ledger must hold them), or None for an empty resume."""
    if not entries:
        return None
    first = day_of(entries[-1].no.at, tz)
    calls = ledger.outcomes_between(day_bounds(first, tz)[0], now + timedelta(seconds=1))
    return OutsideShare.of(calls, f"Since {first:%a %d %b %Y}")


REVIEW_OUTSIDE_DAYS = 28  # the review's window for the share: the 28 days ending today


def review_outside(ledger: Ledger, now: datetime, tz: Zone) -> OutsideShare:
    """The share over the 28 days ending today (the ledger must hold them)."""
    start = day_bounds(day_of(now, tz) - timedelta(days=REVIEW_OUTSIDE_DAYS - 1), tz)[0]
    calls = ledger.outcomes_between(start, now + timedelta(seconds=1))
    return OutsideShare.of(calls, f"Last {REVIEW_OUTSIDE_DAYS} days")
