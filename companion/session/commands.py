"""What can be asked of the session controller. Each command goes in with the moment it was asked
for; keys become commands on the screens, the rest come from the runner (the clock, the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.core.events import Event
from companion.core.outcomes import Outcome

# -- the rep's keys ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogOutcome:
    """An outcome key: the call just ended this way."""

    outcome: Outcome


@dataclass(frozen=True, slots=True)
class MarkDialling:
    """Enter at Dial: the rep is picking up the phone."""


@dataclass(frozen=True, slots=True)
class Skip:
    """`s` in a reset; two within a few seconds skip it."""


@dataclass(frozen=True, slots=True)
class Undo:
    """`u`: void today's latest outcome (in a reset: the no was a mis-key)."""


@dataclass(frozen=True, slots=True)
class TogglePause:
    """`p`: pause or resume the block clock."""


@dataclass(frozen=True, slots=True)
class EndBlock:
    """`e`: end the block and open its summary."""


@dataclass(frozen=True, slots=True)
class StartBlock:
    """Enter with no block open, or on the summary: a new block."""


@dataclass(frozen=True, slots=True)
class CloseSummary:
    """Esc on the summary: back to the session screen, the block still ended."""


@dataclass(frozen=True, slots=True)
class Tag:
    """A reason, cause or note for the call tags go to now (see ViewState.tag_target)."""

    reason: str | None = None
    cause: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Say:
    """A line for the status bar from outside the controller: an export's result, a hint, what
    the store had to say."""

    text: str
    error: bool = False


@dataclass(frozen=True, slots=True)
class Quit:
    """ctrl+q: close any reset as interrupted, then exit. The block stays open."""


# -- the clock and the store ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    """Time passed: countdowns, the block clock, fading lines, midnight, the ten-minute break."""


@dataclass(frozen=True, slots=True)
class DayLoaded:
    """The window of days the app keeps (today and the week before) was read from the store."""

    day: date
    events: tuple[Event, ...]
    notices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DayUnreadable:
    """Reading the window failed; the runner tries again."""

    reason: str


@dataclass(frozen=True, slots=True)
class Arrived:
    """Events other processes appended to the journal (`companion log`, a dialer hook)."""

    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Stored:
    """A write the controller asked for is durable."""

    write: int


@dataclass(frozen=True, slots=True)
class NotStored:
    """A write the controller asked for failed; nothing of it was stored."""

    write: int
    reason: str


Command = (
    LogOutcome
    | MarkDialling
    | Skip
    | Undo
    | TogglePause
    | EndBlock
    | StartBlock
    | CloseSummary
    | Tag
    | Say
    | Quit
    | Tick
    | DayLoaded
    | DayUnreadable
    | Arrived
    | Stored
    | NotStored
)
# Commands that act on today's calls: while the day is still opening they wait for it.
KEY_COMMANDS = (LogOutcome, MarkDialling, Skip, Undo, TogglePause, EndBlock, StartBlock, Tag)
