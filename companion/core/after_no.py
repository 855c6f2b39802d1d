"""Does a no follow the rep into the next call? One rule, one threshold, for every screen and
export.

Whether the next prospect picks up does not depend on the rep's mood; what a no drags into the
next call (tone, rushing, giving up at the first objection) shows in what the conversation
becomes. So the verdict compares meetings per conversation on the call that follows each no (the
next live call of the same day) with the rep's other calls; how often each call connected is
shown beside it as context only.

The verdict is one of four words (`Verdict`):
- `too-few` until each side has MIN_CONVERSATIONS conversations (the words say how many it has);
- `too-close` when the gap is within chance: a two-proportion z-test at 95% (|z| < Z_95), pooled,
  with a continuity correction so that a handful of meetings cannot look like a pattern; no
  meeting at all on either side (or nothing but meetings) is always too close;
- `follows` when the call after a no books clearly less, `does-not-follow` when it books clearly
  more."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from companion.core.calendar import Zone, day_bounds, day_of
from companion.core.events import Event, RitualEnd
from companion.core.ideas import Coached, Idea
from companion.core.ledger import Counts, Ledger
from companion.core.outcomes import Outcome
from companion.core.words import percent, plural

AFTER_NO_DAYS = 28  # the app, the history and `summary --json` look back over this many days
MIN_CONVERSATIONS = 20  # on each side, before any verdict
Z_95 = 1.959964  # two-sided 95%: a gap this far out comes by chance less than 1 time in 20
# The two verdicts that tell the rep something: whether a no is heard on the next call.
FOLLOWS = Coached(
    Idea.CARRY_OVER,
    "The no follows you: {after} of conversations booked after a no, {otherwise} otherwise."
    " The full reset is there for that.",
)
DOES_NOT_FOLLOW = Coached(
    Idea.CARRY_OVER,
    "The no is not following you: {after} of conversations booked after a no, {otherwise} otherwise.",
)
RESET_ENDS = ("completed", "skipped", "interrupted", "cut-short", "none")  # "none": no reset ran


class Verdict(StrEnum):
    FOLLOWS = "follows"
    DOES_NOT_FOLLOW = "does-not-follow"
    TOO_CLOSE = "too-close"
    TOO_FEW = "too-few"


def z_score(meetings_a: int, conversations_a: int, meetings_b: int, conversations_b: int) -> float | None:
    """The two-proportion z of rate a against rate b (pooled, continuity-corrected): negative
    when a is lower. 0.0 when the gap is no bigger than the correction; None when either side
    has no conversation or the pooled rate is 0 or 1 (no spread to test against)."""
    if conversations_a <= 0 or conversations_b <= 0:
        return None
    pooled = (meetings_a + meetings_b) / (conversations_a + conversations_b)
    spread = pooled * (1 - pooled) * (1 / conversations_a + 1 / conversations_b)
    if spread <= 0:
        return None
    gap = meetings_a / conversations_a - meetings_b / conversations_b
    corrected = max(0.0, abs(gap) - (1 / conversations_a + 1 / conversations_b) / 2)
    return math.copysign(corrected, gap) / math.sqrt(spread) if corrected else 0.0


def verdict(after: Counts, otherwise: Counts) -> Verdict:
    """The one decision: meetings per conversation after a no against the other calls."""
    if after.conversations < MIN_CONVERSATIONS or otherwise.conversations < MIN_CONVERSATIONS:
        return Verdict.TOO_FEW
    z = z_score(after.meetings, after.conversations, otherwise.meetings, otherwise.conversations)
    if z is None or abs(z) < Z_95:
        return Verdict.TOO_CLOSE
    return Verdict.FOLLOWS if z < 0 else Verdict.DOES_NOT_FOLLOW


@dataclass(frozen=True, slots=True)
class AfterNo:
    """The calls that followed a no, against the calls that did not, over `days` days."""

    next: Counts = field(default_factory=Counts)  # the calls that followed a no
    baseline: Counts = field(default_factory=Counts)  # every other call
    by_reset: dict[str, Counts] = field(default_factory=dict)  # RESET_ENDS -> the next calls
    days: int = AFTER_NO_DAYS

    @property
    def verdict(self) -> Verdict:
        return verdict(self.next, self.baseline)

    @property
    def z(self) -> float | None:
        n, b = self.next, self.baseline
        return z_score(n.meetings, n.conversations, b.meetings, b.conversations)

    def as_dict(self) -> dict[str, Any]:
        """Summary JSON's `after_no`: the verdict and the figures it stands on; rates as
        fractions to 3 places, null without data."""
        n, b, z = self.next, self.baseline, self.z
        return {
            "verdict": self.verdict.value,
            "window_days": self.days,
            "min_conversations": MIN_CONVERSATIONS,
            "calls_after_no": n.dials,
            "conversations_after_no": n.conversations,
            "meetings_after_no": n.meetings,
            "meeting_rate_after_no": _fraction(n.meeting_rate),
            "connect_rate_after_no": _fraction(n.connect_rate),
            "calls_otherwise": b.dials,
            "conversations_otherwise": b.conversations,
            "meetings_otherwise": b.meetings,
            "meeting_rate_otherwise": _fraction(b.meeting_rate),
            "connect_rate_otherwise": _fraction(b.connect_rate),
            "z": None if z is None else round(z, 2),
            "by_reset": {
                end: {"calls": c.dials, "conversations": c.conversations, "meetings": c.meetings}
                for end in RESET_ENDS
                for c in (self.by_reset.get(end, Counts()),)
            },
        }

    def window(self) -> str:
        """How long it looks back: `4 weeks`, `10 days`, `1 day`."""
        if self.days % 7 == 0:
            return f"{self.days // 7} week{'s' if self.days > 7 else ''}"
        return f"{self.days} day{'s' if self.days != 1 else ''}"

    def rates(self, over: str = "") -> str:
        """`Meetings per conversation: 9% (3 of 33) after a no, 22% (40 of 180) otherwise.`,
        with `over` (`the last 4 weeks`) after the measure's name when given."""
        after, otherwise = _booked(self.next), _booked(self.baseline)
        when = f", {over}" if over else ""
        return f"Meetings per conversation{when}: {after} after a no, {otherwise} otherwise."

    def words(self) -> str:
        """The verdict in a sentence, whichever it is."""
        n, b = self.next, self.baseline
        match self.verdict:
            case Verdict.TOO_FEW:
                short = []
                if n.conversations < MIN_CONVERSATIONS:
                    short.append(f"{MIN_CONVERSATIONS} conversations after a no (has {n.conversations})")
                if b.conversations < MIN_CONVERSATIONS:
                    what = "on your other calls" if short else "conversations on your other calls"
                    short.append(f"{MIN_CONVERSATIONS} {what} (has {b.conversations})")
                return "Not told yet: it needs " + " and ".join(short) + "."
            case Verdict.TOO_CLOSE:
                return (
                    f"Too close to call: {percent(n.meeting_rate)} after a no, {percent(b.meeting_rate)}"
                    " otherwise; a gap this size comes by chance more than 1 time in 20."
                )
            case Verdict.FOLLOWS:
                return FOLLOWS.text.format(after=percent(n.meeting_rate), otherwise=percent(b.meeting_rate))
            case Verdict.DOES_NOT_FOLLOW:
                return DOES_NOT_FOLLOW.text.format(
                    after=percent(n.meeting_rate), otherwise=percent(b.meeting_rate)
                )

    def context(self) -> str:
        """Connects, as context only: picking up is the prospect's doing, not the rep's mood."""
        n, b = self.next, self.baseline
        return (
            f"Connected {percent(n.connect_rate)} after a no ({plural(n.dials, 'call')}),"
            f" {percent(b.connect_rate)} otherwise ({b.dials}): context, not the verdict."
        )


def after_no(ledger: Ledger, start: datetime, end: datetime, tz: Zone, days: int = AFTER_NO_DAYS) -> AfterNo:
    """The after-effect of a no over the live calls in [start, end) (`days` days long, for the
    words). The call after a no is the next live call of the same day; every other call is the
    baseline (a day's first call too)."""
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
    return AfterNo(
        Counts.of(following), Counts.of(baseline), {k: Counts.of(v) for k, v in by_reset.items()}, days
    )


def after_no_to(ledger: Ledger, last: date, tz: Zone) -> AfterNo:
    """The after-effect over the AFTER_NO_DAYS days ending with `last`: the one window of the
    summary screen, the history and `summary --json`."""
    start = day_bounds(last - timedelta(days=AFTER_NO_DAYS - 1), tz)[0]
    return after_no(ledger, start, day_bounds(last, tz)[1], tz)


def _booked(counts: Counts) -> str:
    """`9% (3 of 33)`, or `no conversation yet`."""
    if counts.meeting_rate is None:
        return "no conversation yet"
    return f"{percent(counts.meeting_rate)} ({counts.meetings} of {counts.conversations})"


def _fraction(value: float | None) -> float | None:
    """A rate to 3 places; null with nothing to divide by."""
    return None if value is None else round(value, 3)
