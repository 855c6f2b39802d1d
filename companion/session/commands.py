"""What can be asked of the session controller. Each command goes in with the moment it was asked
for; keys become commands on the screens, the rest come from the runner (the clock, the store).

Commands are NamedTuples (or bare classes), not dataclasses: they load on the way to the app's
first frame, and a NamedTuple is five times quicker to build. They are immutable all the same."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from companion.core.events import Event
from companion.core.outcomes import Outcome

if TYPE_CHECKING:
    from companion.core.around import ResumeEntry, Win
    from companion.core.ledger import Ledger


class Bare:
    """A command (or a step that follows a write) that is all in its name."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


# -- the rep's keys ------------------------------------------------------------------------


class LogOutcome(NamedTuple):
    """An outcome key: the call just ended this way. `hard` (N): a no that landed hard,
    which gets the long reset."""

    outcome: Outcome
    hard: bool = False


class MarkDialling(Bare):
    """Enter at Dial: the rep is picking up the phone."""


class Skip(Bare):
    """`s` in a reset; two within a few seconds skip it."""


class Undo(Bare):
    """`u`: void today's latest outcome (in a reset: the no was a mis-key)."""


class TogglePause(Bare):
    """`p`: pause or resume the block clock."""


class EndBlock(Bare):
    """`e`: end the block and open its summary."""


class StartBlock(Bare):
    """Enter with no block open, or on the summary: a new block."""


class CloseSummary(Bare):
    """Esc on the summary: back to the session screen, the block still ended."""


class Tag(NamedTuple):
    """A reason, cause or how bad it felt, for the no tags go to now (ViewState.tag_target);
    a note, for today's latest call whatever it was (ViewState.note_target). `target` names
    the call when the rep chose it earlier (the note box names the call it opened on): the
    note goes there even if another call is logged while it is typed."""

    reason: str | None = None
    cause: str | None = None
    note: str | None = None
    felt: int | None = None
    target: str | None = None
    story: str | None = None  # the story named in a long reset's Story step


# -- the day around the block --------------------------------------------------------------


class Review(NamedTuple):
    """The 24-hour review of a no: one line of lesson, and how it feels now (optional)."""

    target: str
    lesson: str
    felt: int | None = None


class Dismiss(NamedTuple):
    """A due no needs no review."""

    target: str


class AddWin(NamedTuple):
    """A win worth remembering, in the rep's words."""

    text: str


class Notice(NamedTuple):
    """One line of what the rep notices now, reading the rejection resume back."""

    text: str


class PickFocus(NamedTuple):
    """The one skill to practise today."""

    text: str


class ReadBack(Bare):
    """The rep read the rejection resume back."""


class OpenWarmup(Bare):
    """`o`: the two-minute warm-up, beside the counters."""


class CloseWarmup(Bare):
    """Esc in the warm-up, or its two minutes are up."""


class Writing(NamedTuple):
    """A box for writing (a note, a story) opened or closed on the reset: the hesitation clock
    stops while one is open."""

    open: bool


class Say(NamedTuple):
    """A line for the status bar from outside the controller: an export's result, a hint, what
    the store had to say."""

    text: str
    error: bool = False


class Quit(Bare):
    """ctrl+q: close any reset as interrupted, then exit. The block stays open."""


# -- the clock and the store ---------------------------------------------------------------


class Tick(Bare):
    """Time passed: countdowns, the block clock, fading lines, midnight, the ten-minute break."""


class DayLoaded(NamedTuple):
    """The window of days the app keeps (today and the week before) was read from the store."""

    day: date
    events: tuple[Event, ...]
    notices: tuple[str, ...] = ()
    # The day's week and the whole window as ledgers, built where they were read (off the
    # loop): the controller takes them as they are when nothing of its own is newer.
    ledgers: tuple[Ledger, Ledger] | None = None


class DayUnreadable(NamedTuple):
    """Reading the window failed; the runner tries again."""

    reason: str


class AroundRead(NamedTuple):
    """What the day around the block needs from before the app's window: the last wins, and
    the oldest resume entry waiting to be read back, if the rep should hear of it."""

    wins: tuple[Win, ...]
    unread: ResumeEntry | None
    notices: tuple[str, ...] = ()  # what the store had to say reading them (a month set aside)


class DialledElsewhere(NamedTuple):
    """`companion dial` marked dialling at `at` for the reset on screen."""

    at: datetime


class Arrived(NamedTuple):
    """Events other processes appended to the journal (`companion log`, a dialer hook)."""

    events: tuple[Event, ...]


class Stored(NamedTuple):
    """A write the controller asked for is durable."""

    write: int


class NotStored(NamedTuple):
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
    | Review
    | Dismiss
    | AddWin
    | PickFocus
    | ReadBack
    | Notice
    | OpenWarmup
    | CloseWarmup
    | AroundRead
    | Writing
    | Say
    | Quit
    | Tick
    | DayLoaded
    | DayUnreadable
    | Arrived
    | DialledElsewhere
    | Stored
    | NotStored
)
# The rep's keys. While the day is being read, a call is written at once; the others wait.
KEY_COMMANDS = (
    LogOutcome,
    MarkDialling,
    Skip,
    Undo,
    TogglePause,
    EndBlock,
    StartBlock,
    Tag,
    Review,
    Dismiss,
    AddWin,
    PickFocus,
    ReadBack,
    Notice,
    OpenWarmup,
    CloseWarmup,
)
