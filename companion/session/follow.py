"""A write, and what follows it, as data.

A key decides everything at once: the events to store and what follows once the store answers.
The `Follow` a write carries says it: the line said once it is stored, what is done next
(`then`, in order), the line said if it is not (`failed`, with the disk's reason), and what is
done then (`otherwise`). The controller applies it when the acknowledgement comes (controller.
ON_NEXT says what each next step does); nothing here runs.

A step that needs the events in the ledger (the reset's reframe reads the day with the new no
in it; a block's summary its end) is a step, not a line worked out before the write."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from companion.session.commands import Bare
from companion.session.line import Line

if TYPE_CHECKING:
    from companion.core.events import Event
    from companion.core.ledger import Block

NOT_SAVED = "NOT saved: {reason}. Nothing was logged."


# -- what can be done next ---------------------------------------------------------------------


class StartRitual(NamedTuple):
    """The reset for a call this app just logged (a no, or what `[ritual] after` lists)."""

    call: Event


class StartElsewhere(NamedTuple):
    """A call logged by another process gets its own reset if it is a fresh no."""

    call: Event


class RitualOver(NamedTuple):
    """The reset after `no_id` is over (if it is still the one on screen)."""

    no_id: str


class HintSaid(Bare):
    """How to time a reset was said with the line: once a run, never a nag."""


class HoldEarly(NamedTuple):
    """A call logged before the day was read: counted in the block that opens with the day."""

    call: Event


class ShowSummary(NamedTuple):
    """The block just ended: its summary, as the ledger now has it."""

    block: Block


class SayDue(NamedTuple):
    """A review answered or dismissed: `said`, and how many are still due."""

    said: str


class EndBlockToo(NamedTuple):
    """`e` at Dial: the reset is closed, now the block ends."""

    failed: str


class TogglePauseToo(Bare):
    """`p` at Dial: the reset is closed, now the block clock pauses (or runs)."""


class DayOpen(NamedTuple):
    """The day is read (and what opening it writes is stored): keys work."""

    notices: str  # what the store had to say reading it
    new_day: bool  # midnight passed while the app ran
    offer_warmup: bool  # the day's first block: the warm-up opens once the window is in
    starting: bool  # a day not open before in this run


class OpenAnyway(Bare):
    """Opening the day could not store its block: the day is read, so keys work anyway."""


class Leave(Bare):
    """Quitting: the app exits."""


Next = (
    StartRitual
    | StartElsewhere
    | RitualOver
    | HintSaid
    | HoldEarly
    | ShowSummary
    | SayDue
    | EndBlockToo
    | TogglePauseToo
    | DayOpen
    | OpenAnyway
    | Leave
)


class Follow(NamedTuple):
    """What follows a write: once it is stored, `said` is told and `then` done, in order; if
    it is not, `failed` is told (`{reason}` is the disk's words) and `otherwise` done."""

    said: Line | None = None
    then: tuple[Next, ...] = ()
    failed: str = NOT_SAVED
    otherwise: tuple[Next, ...] = ()


class Write(NamedTuple):
    """Events to store durably, in order, and what follows once the store answers."""

    id: int
    events: tuple[Event, ...]
    follow: Follow = Follow()
