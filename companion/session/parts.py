"""What the session controller holds between commands: its state, in five named parts.

Plain classes with slots, not dataclasses: they load on the way to the app's first frame, and a
dataclass takes thirty times longer to define. They change in place: the ledgers in them are
large, and a key must not copy them. What is small and changes as a whole is immutable inside
them (the reset on screen is a frozen LiveRitual, a line a Line, a write a Write)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from companion.core.ledger import Ledger
from companion.session.state import Phase

if TYPE_CHECKING:
    from companion.core.around import Win
    from companion.core.events import Event
    from companion.core.ledger import Block
    from companion.session.commands import Command
    from companion.session.follow import Write
    from companion.session.line import Line
    from companion.session.model import Effect
    from companion.session.ritual import LiveRitual


class Days:
    """The days the controller keeps: read from the store, and written since."""

    __slots__ = (
        "day", "early", "early_block", "events", "ledger", "long", "long_version", "own", "phase",
        "summary", "unreadable", "unreadable_line", "version", "waiting",
    )  # fmt: skip

    def __init__(self) -> None:
        self.phase = Phase.OPENING
        self.day: date | None = None  # today, once read
        self.events: dict[str, Event] = {}  # the session's window, by id
        self.own: set[str] = set()  # ids this run wrote: never taken for another process's calls
        self.ledger = Ledger(())  # the week ending today
        self.version = 0  # moves with the ledger, for the views' caches
        self.long: Ledger | None = None  # the whole window, built when asked for (long_ledger)
        self.long_version = 0
        self.early: list[Event] = []  # calls logged before the day was read
        self.early_block: str | None = None  # the block the first of them started (its id)
        self.waiting: list[tuple[Command, datetime]] = []  # keys that need the day, pressed early
        self.unreadable = ""  # why the day could not be read
        self.unreadable_line: Line | None = None  # what the rep was told of it
        self.summary: Block | None = None  # the block just ended: its summary is on screen


class Ritual:
    """The reset on screen (`live`), and what the resets of this run remember."""

    __slots__ = ("hinted", "last_reframe", "live")

    def __init__(self) -> None:
        self.live: LiveRitual | None = None
        self.last_reframe: str | None = None  # never the same line twice running
        self.hinted = False  # how to time a reset was said once this run


class Around:
    """The day around the block (around.py)."""

    __slots__ = ("earlier_wins", "nudged", "warmup_offered", "warmup_until")

    def __init__(self) -> None:
        self.warmup_until: datetime | None = None  # while the warm-up is open
        self.warmup_offered = False  # the day opened with no call yet: open once the window is in
        self.earlier_wins: tuple[Win, ...] = ()  # from before the window
        self.nudged = False  # an old unread resume entry was mentioned once this run


class Lines:
    """The last line said, and when."""

    __slots__ = ("count", "last")

    def __init__(self) -> None:
        self.last: tuple[Line, datetime] | None = None
        self.count = 0  # lines said so far: the same words said again are news again


class Out:
    """What goes out: the write and effects of the command being handled, and the write
    waiting for its answer."""

    __slots__ = ("effects", "leaving", "pending", "write", "writes")

    def __init__(self) -> None:
        self.write: Write | None = None  # decided on by this command, handed out with it
        self.effects: list[Effect] = []
        self.pending: Write | None = None  # handed out, not yet answered
        self.writes = 0  # writes asked for so far: each has its own id
        self.leaving = False  # quitting: nothing more is done
