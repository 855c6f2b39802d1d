"""The week against its dial target: the data reminder of the reset's Review target step, and
`on_track` in `companion status --json` and `summary --json`.

On track is judged on the working days already over, never on today: the week's dial target
spread evenly over Monday to Friday, the share of the days before today (rounded up) is what is
due, against every dial of the week so far, today's included. So a morning is never behind for
not having called yet, each call of the day makes up for the days before, and from Saturday the
whole target is due. A week is Monday 00:00 to Sunday 24:00 in the rep's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from companion.core.ideas import Coached, Idea
from companion.core.numbers import WORKDAYS, Targets
from companion.core.words import plural


class Verdict(StrEnum):
    NO_TARGET = "no-target"  # [targets] week_dials = 0: nothing to be on track for
    MET = "met"  # the week's dial target is reached
    ON_TRACK = "on-track"  # the dials due by the start of today are made
    BEHIND = "behind"  # they are not: `behind` dials short


# Every verdict ends on the next call: one call does not move the week either way, and behind
# is said as plainly as on track (the screen paints both alike).
ON_TRACK = Coached(Idea.ON_TRACK, "On track for the week. One call won't move that: dial.")
FIRST_DAY = Coached(Idea.ON_TRACK, "Monday: nothing due yet, on track. Dial the next one.")
BEHIND = Coached(Idea.ON_TRACK, "{behind} behind this week. Each call takes one off.")
MET = Coached(Idea.ON_TRACK, "The week's {target} dials are made. Dial the next one.")


@dataclass(frozen=True, slots=True)
class WeekStanding:
    """The week holding `today`, at a moment of `today`: its dial target and its dials so far."""

    today: date
    target: int  # the week's dial target
    done: int  # the week's dials so far, today's included
    days_over: int  # working days (Monday to Friday) of the week before today

    @property
    def monday(self) -> date:
        return self.today - timedelta(days=self.today.weekday())

    @property
    def due(self) -> int:
        """Dials due by the start of today: the target's even share of the working days over,
        rounded up (200 a week: 80 on Wednesday, 200 from Saturday)."""
        return -(-self.target * self.days_over // WORKDAYS)

    @property
    def behind(self) -> int:
        """How many dials short of `due` (0 when on track)."""
        return max(0, self.due - self.done)

    @property
    def verdict(self) -> Verdict:
        if self.target <= 0:
            return Verdict.NO_TARGET
        if self.done >= self.target:
            return Verdict.MET
        return Verdict.BEHIND if self.behind else Verdict.ON_TRACK

    def words(self) -> str:
        """The verdict in one line that ends on the next call; empty without a week target."""
        verdict = self.verdict
        if verdict is Verdict.NO_TARGET:
            return ""
        if verdict is Verdict.MET:
            return MET.text.format(target=self.target)
        if verdict is Verdict.BEHIND:
            return BEHIND.text.format(behind=plural(self.behind, "dial"))
        return FIRST_DAY.text if self.days_over == 0 else ON_TRACK.text

    def figures(self) -> str:
        """The standing in figures, for the summaries: `19/200 dials, 40 due by the end of
        Monday: 21 behind`."""
        head = f"{self.done}/{self.target} dials"
        verdict = self.verdict
        if verdict is Verdict.NO_TARGET:
            return plural(self.done, "dial")
        if verdict is Verdict.MET:
            return f"{head}: met"
        if not self.days_over:
            return f"{head}, none due yet: on track"  # no working day is over
        last_over = self.monday + timedelta(days=self.days_over - 1)
        where = "on track" if verdict is Verdict.ON_TRACK else f"{self.behind} behind"
        return f"{head}, {self.due} due by the end of {last_over:%A}: {where}"

    def as_dict(self) -> dict[str, Any]:
        """`on_track` in the JSON of `status` and `summary`."""
        return {
            "verdict": self.verdict.value,
            "as_of": self.today.isoformat(),
            "week_of": self.monday.isoformat(),
            "dials": self.done,
            "target": self.target,
            "due": self.due,
            "behind": self.behind,
        }


def week_standing(targets: Targets, done: int, today: date) -> WeekStanding:
    """The week holding `today` with `done` dials so far, against the week's dial target
    (`targets` are the day's: their week() is used)."""
    return WeekStanding(today, targets.week().dials, max(0, done), min(WORKDAYS, today.weekday()))
