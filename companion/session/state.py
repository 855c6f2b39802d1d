"""The one immutable view state the controller hands out after every command. Screens paint from
it and nothing else; what a footer offers is derived from it, never remembered.

NamedTuples, like the commands: quick to build on the way to the first frame, and immutable."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from companion.core.breath import DEFAULT_BREATH, DEFAULT_BREATHS
from companion.core.outcomes import Outcome

if TYPE_CHECKING:
    from companion.core.around import Warmup
    from companion.core.calendar import Zone
    from companion.core.events import Event
    from companion.core.insights import DayReport
    from companion.core.ledger import Block
    from companion.core.outside import OutsideShare
    from companion.core.ritual import RitualStep
    from companion.core.view import BlockStanding, DayView


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
    left_s: float  # a timed step's seconds left; at Dial, the seconds waited so far (not writing)
    progress: float  # 0..1 through a timed step
    step_elapsed_s: float
    cue: bool  # the step changed a moment ago: worth a highlight
    reframe: str
    reason: str | None  # the no's tags so far
    cause: str | None
    note: str | None
    steps: tuple[RitualStep, ...] = ()  # every step of this reset, in order (long after a hard no)
    step_length_s: float = 0.0  # the current timed step's length (0 at Dial)
    breath: tuple[float, float] = DEFAULT_BREATH  # the rep's pattern: seconds in, seconds out
    hard: bool = False  # the long reset after a hard no
    story: str | None = None  # the story named in its Story step
    writing: bool = False  # a box for writing is open: the wait at Dial (left_s) stands still
    let_through: bool = False  # `[ritual] gate = "let-through"`: a call before Dial cuts it short
    mantra: str = ""  # the script the Reframe step opens on, on every reset (core.reframes.SCRIPT)
    breaths: int = DEFAULT_BREATHS  # whole breaths in Breathe (0: as many of `breath` as fit)

    @property
    def asks_checklist(self) -> bool:
        """The post-rejection checklist is asked from Reframe on, until a cause answers it or the
        reset ends. Skippable: it blocks nothing."""
        from companion.core.ritual import RitualStep

        steps = self.steps or tuple(RitualStep)
        return self.cause is None and steps.index(self.step) >= steps.index(RitualStep.REFRAME)


class SummaryView(NamedTuple):
    """The summary of a block just ended, from the days the controller holds."""

    block: Block
    report: DayReport
    standing: BlockStanding | None = None  # the block against its own dial target, at its end


class AroundView(NamedTuple):
    """The day around the block at one moment: reviews due, today's focus, the warm-up."""

    due: tuple[Event, ...]  # nos due for their 24-hour review, oldest first
    waiting: int  # noted nos not 24 hours old yet
    focus: str | None  # the skill the rep picked to practise today
    warmup: Warmup | None  # while the warm-up is open
    warmup_left_s: float = 0.0
    changes: int = 0  # moves when an event these (and the resume and wins) look at arrives
    # The share of no's outside the rep's control over the last 28 days (the review says it).
    outside: OutsideShare | None = None


class ViewState(NamedTuple):
    now: datetime
    tz: Zone
    phase: Phase
    day: DayView | None  # None until today's calls are read
    ritual: RitualView | None
    summary: SummaryView | None
    status: Status | None
    around: AroundView | None = None  # None until today's calls are read

    @property
    def block_open(self) -> bool:
        return self.day is not None and self.day.block is not None

    @property
    def offers(self) -> frozenset[str]:
        """The actions that come and go with the state: `end_block` while a block is open,
        `start_block` once the day is read and none is (Enter), `warmup` while the warm-up is
        open (Enter takes its skill then), `dial` when the reset is at Dial."""
        offered = set()
        warming = self.around is not None and self.around.warmup is not None
        if warming:
            offered.add("warmup")
        if self.block_open:
            offered.add("end_block")
        elif self.phase is Phase.OPEN and not warming:
            offered.add("start_block")
        if self.ritual is not None and self.ritual.at_dial:
            offered.add("dial")
        return frozenset(offered)

    @property
    def tag_target(self) -> str | None:
        return tag_target(self.ritual.no_id if self.ritual else None, self.day)

    @property
    def note_target(self) -> NoteTarget | None:
        """The call a note goes to now: the reset's no, else today's latest call."""
        if self.ritual is not None:
            return NoteTarget(self.ritual.no_id, Outcome.NO, self.ritual.no_at)
        return note_target(self.day)

    def note_refusal(self) -> str | None:
        """Why a note cannot be taken now, in the rep's words; None when it can."""
        if self.phase is not Phase.OPEN:
            return "Opening today's calls… notes in a moment."
        if self.note_target is None:
            return NO_NOTE_TARGET
        return None


NO_TAG_TARGET = "Reasons and causes go on the last no, until the next call."
NO_NOTE_TARGET = "No call today yet: a note goes on today's latest call."


def tag_target(ritual_no: str | None, day: DayView | None) -> str | None:
    """The call a reason, cause or note goes to now: the reset's no, else today's last
    outcome while it is a no (until the next call is logged)."""
    if ritual_no is not None:
        return ritual_no
    if day is not None and day.last_no is not None:
        return day.last_no.id
    return None


class NoteTarget(NamedTuple):
    """The call a note would go to."""

    id: str
    outcome: Outcome
    at: datetime


def note_target(day: DayView | None) -> NoteTarget | None:
    """Out of a reset, a note goes to today's latest call, whatever it was."""
    call = day.recent[0] if day is not None and day.recent else None
    if call is None or call.outcome is None:
        return None
    return NoteTarget(call.id, call.outcome, call.at)
