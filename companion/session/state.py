"""The one immutable view state the controller hands out after every command. Screens paint from
it and nothing else; what a footer offers is derived from it, never remembered.

NamedTuples, like the commands: quick to build on the way to the first frame, and immutable."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from companion.core.calendar import Zone
    from companion.core.insights import DayReport
    from companion.core.ledger import Block
    from companion.core.ritual import RitualStep
    from companion.core.view import DayView


class Phase(StrEnum):
    OPENING = "opening"  # today's calls are being read: a call logs at once, other keys wait
    OPEN = "open"
    UNREADABLE = "unreadable"  # they could not be read: calls still log, other keys are refused


class Status(NamedTuple):
    """The status line: what just happened, or what went wrong."""

    text: str
    error: bool = False
    said: int = 0  # which line this is, counting from the start: the same words said again are news


class RitualView(NamedTuple):
    """The reset on screen at one moment."""

    no_id: str
    no_at: datetime
    step: RitualStep
    at_dial: bool
    left_s: float  # a timed step's seconds left; at Dial, the seconds waited so far
    progress: float  # 0..1 through a timed step
    step_elapsed_s: float
    cue: bool  # the step changed a moment ago: worth a highlight
    reframe: str
    reason: str | None  # the no's tags so far
    cause: str | None
    note: str | None


class SummaryView(NamedTuple):
    """The summary of a block just ended, from the days the controller holds."""

    block: Block
    report: DayReport


class ViewState(NamedTuple):
    now: datetime
    tz: Zone
    phase: Phase
    day: DayView | None  # None until today's calls are read
    ritual: RitualView | None
    summary: SummaryView | None
    status: Status | None

    @property
    def block_open(self) -> bool:
        return self.day is not None and self.day.block is not None

    @property
    def offers(self) -> frozenset[str]:
        """The actions that come and go with the state: `end_block` while a block is open,
        `start_block` once the day is read and none is, `dial` when the reset is at Dial."""
        offered = set()
        if self.block_open:
            offered.add("end_block")
        elif self.phase is Phase.OPEN:
            offered.add("start_block")
        if self.ritual is not None and self.ritual.at_dial:
            offered.add("dial")
        return frozenset(offered)

    @property
    def tag_target(self) -> str | None:
        return tag_target(self.ritual.no_id if self.ritual else None, self.day)

    def note_refusal(self) -> str | None:
        """Why a note cannot be taken now, in the rep's words; None when it can."""
        if self.phase is not Phase.OPEN:
            return "Opening today's calls… notes in a moment."
        if self.tag_target is None:
            return NO_TAG_TARGET
        return None


NO_TAG_TARGET = "Tags and notes go on the last no, until the next call."


def tag_target(ritual_no: str | None, day: DayView | None) -> str | None:
    """The call a reason, cause or note goes to now: the reset's no, else today's last
    outcome while it is a no (until the next call is logged)."""
    if ritual_no is not None:
        return ritual_no
    if day is not None and day.last_no is not None:
        return day.last_no.id
    return None
