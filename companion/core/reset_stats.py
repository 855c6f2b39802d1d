"""How the resets of a period ended, from the ledger alone: what the summary, the export's
report and `companion status` each show. Its own module, so that `status` (a status bar runs it
every few seconds) reads it without the summary's other parts (the ladder, the after-effect of
a no, the share outside the rep's control)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.core.events import RitualEnd
from companion.core.numbers import median_or_none

if TYPE_CHECKING:
    from companion.core.ledger import Ledger


@dataclass(frozen=True, slots=True)
class RitualStats:
    """How the resets of a period ended. Recovery and hesitation stand only on the `measured`
    ones: completed with a dial mark (Enter at Dial, or `companion dial`)."""

    completed: int = 0
    skipped: int = 0
    interrupted: int = 0
    cut_short: int = 0  # the next call came during the timed steps (`[ritual] gate = "let-through"`)
    median_recovery_s: float | None = None
    median_hesitation_s: float | None = None
    measured: int = 0

    @classmethod
    def of(cls, ledger: Ledger, start: datetime, end: datetime) -> RitualStats:
        rituals = ledger.rituals_between(start, end)
        done = [r for r in rituals if r.end is RitualEnd.COMPLETED]
        timed = [r for r in done if r.recovery_s is not None and r.hesitation_s is not None]
        return cls(
            completed=len(done),
            skipped=sum(r.end is RitualEnd.SKIPPED for r in rituals),
            interrupted=sum(r.end is RitualEnd.INTERRUPTED for r in rituals),
            cut_short=sum(r.end is RitualEnd.CUT_SHORT for r in rituals),
            median_recovery_s=median_or_none(r.recovery_s for r in timed if r.recovery_s is not None),
            median_hesitation_s=median_or_none(r.hesitation_s for r in timed if r.hesitation_s is not None),
            measured=len(timed),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "completed": self.completed,
            "skipped": self.skipped,
            "interrupted": self.interrupted,
            "cut_short": self.cut_short,
            "measured": self.measured,
            "median_recovery_s": self.median_recovery_s,
            "median_hesitation_s": self.median_hesitation_s,
        }
