"""Which share of a period's no's turned on what the rep does not control: the reasons the
sources name as the prospect's side (core.tags.OUTSIDE_CONTROL: budget, timing, the other
people who decide, fear of change), among the no's tagged with a reason. The no's without a
reason are counted beside it, so the rep sees what the share stands on. One sentence for the
summary screen, `companion summary` and the Markdown export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from companion.core.events import Event
from companion.core.ideas import Coached, Idea
from companion.core.outcomes import Outcome
from companion.core.tags import OUTSIDE_CONTROL, outside_control, reason_label
from companion.core.words import nos, percent

# The sentence's fixed words; the figures and the reasons are filled in.
SOME_OUTSIDE = Coached(
    Idea.OUTSIDE_CONTROL,
    "{outside} of {tagged} with a reason ({share}) turned on what is not yours to control",
)
NONE_OUTSIDE = Coached(
    Idea.OUTSIDE_CONTROL, "none of {tagged} with a reason turned on what is not yours to control"
)


@dataclass(frozen=True, slots=True)
class OutsideShare:
    """A period's no's: how many, how many with a reason, how many of those outside the rep's
    control, and the count of each such reason."""

    nos: int = 0
    tagged: int = 0
    outside: int = 0
    reasons: tuple[tuple[str, int], ...] = ()  # the outside reasons seen, most common first

    @classmethod
    def of(cls, calls: Iterable[Event]) -> OutsideShare:
        """From a period's calls (the no's among them count)."""
        said = [call.reason for call in calls if call.outcome is Outcome.NO]
        outside, tagged = outside_control(said)
        seen = Counter(reason for reason in said if reason in OUTSIDE_CONTROL)
        ordered = sorted(seen.items(), key=lambda kv: (-kv[1], OUTSIDE_CONTROL.index(kv[0])))
        return cls(len(said), tagged, outside, tuple(ordered))

    @property
    def untagged(self) -> int:
        return self.nos - self.tagged

    @property
    def share(self) -> float | None:
        """Outside / tagged; None with no reason to go on."""
        return self.outside / self.tagged if self.tagged else None

    def words(self) -> str:
        """`3 of 5 no's with a reason (60%) turned on what is not yours to control: budget 2,
        timing 1; 2 no's had no reason.`, or what there is to go on when it is nothing."""
        if not self.nos:
            return "no no's."
        if not self.tagged:
            return f"{nos(self.nos)}, none with a reason: nothing to go on."
        tagged = nos(self.tagged)
        if self.outside:
            named = ", ".join(f"{reason_label(name)} {n}" for name, n in self.reasons)
            share = percent(self.share)
            said = f"{SOME_OUTSIDE.text.format(outside=self.outside, tagged=tagged, share=share)}: {named}"
        else:
            every = ", ".join(reason_label(name) for name in OUTSIDE_CONTROL)
            said = f"{NONE_OUTSIDE.text.format(tagged=tagged)} ({every})"
        if self.untagged:
            said += f"; {nos(self.untagged)} had no reason"
        return f"{said}."

    def as_dict(self) -> dict[str, Any]:
        """The summary JSON's keys for it (flat, beside `rejections`)."""
        return {
            "nos_with_reason": self.tagged,
            "nos_outside_control": self.outside,
            "nos_outside_control_share": None if self.share is None else round(self.share, 3),
            "nos_outside_control_reasons": dict(self.reasons),
        }
