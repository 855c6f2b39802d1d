"""What the session controller keeps, and what every part of it does the same way: ask for a
write (what follows it is data on it, follow.py; nothing counts until it is acknowledged), say a
line, take events in, and build the events a key or a reset records. The parts: opening.py (the
day's opening), day.py and around.py (the keys), controller.py (the tables, acknowledgements,
the reset as it is followed and closed, calls from elsewhere, time, quitting)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from companion.config import Config
from companion.core.around import concerns
from companion.core.calendar import Zone, day_bounds, day_of, local, seven_days_ending
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.ledger import Block, Ledger
from companion.core.outcomes import Outcome
from companion.core.view import DayView
from companion.core.words import hhmm
from companion.session.commands import Command
from companion.session.follow import Follow, Write
from companion.session.line import Line
from companion.session.state import Phase, Status
from companion.session.views import Views

if TYPE_CHECKING:
    # The reset's rules load with the first call (`from companion.session import ritual as
    # rules` where they are used), not on the way to the app's first frame.
    from companion.core.around import Win
    from companion.session.ritual import BlockClock, LiveRitual

WARMUP_S = 120.0  # about two minutes; then the counters have the screen to themselves again


class Effect(StrEnum):
    BELL = "bell"  # only ever asked for when [ui] bell is on: a beep can leak into a call
    RELOAD = "reload"  # read today's window again (the day turned)
    TIDY = "tidy"  # the day is open: a good moment to fold a grown journal, off the loop
    READ_AROUND = "read-around"  # read the last wins and old resume entries, off the loop
    EXIT = "exit"


class SessionModel:
    """The controller's state, and the helpers its parts share."""

    def __init__(self, config: Config, tz: Zone, rng: random.Random | None = None) -> None:
        self.config = config
        self.tz = tz
        self._rng = rng or random.Random()
        self._views = Views(config, tz)
        self._phase = Phase.OPENING
        self._unreadable = ""
        self._unreadable_line: Line | None = None
        self._started: datetime | None = None  # when the app opened: a new block starts then
        self._day: date | None = None
        self._events: dict[str, Event] = {}
        self._own: set[str] = set()  # ids this run wrote: never taken for another process's calls
        self.ledger = Ledger(())
        self._version = 0  # moves with the ledger, for the views' caches
        self._long: Ledger | None = None  # see long_ledger
        self._long_version = 0
        self._ritual: LiveRitual | None = None
        self._last_reframe: str | None = None
        self._hinted = False  # how to time a reset was said once this run
        self._summary: Block | None = None
        self._line: tuple[Line, datetime] | None = None
        self._said = 0  # lines said so far: the same words said again are news again
        self._waiting: list[tuple[Command, datetime]] = []  # keys that need the day, pressed early
        self._early: list[Event] = []  # calls logged before the day was read
        self._pending: Write | None = None  # handed out, not yet answered
        self._writes = 0
        self._leaving = False
        self._out: Write | None = None
        self._effects: list[Effect] = []
        # The day around the block (session.around).
        self._warmup_until: datetime | None = None
        self._warmup_offered = False  # the day's first block began: open once the window is in
        self._earlier_wins: tuple[Win, ...] = ()
        self._nudged = False

    # -- writing -----------------------------------------------------------------------------

    def _store(self, events: Iterable[Event], follow: Follow) -> None:
        """Ask for `events` to be stored; `follow` is applied once the store answers
        (SessionController._acknowledged). Nothing of it counts until then."""
        self._writes += 1
        write = Write(self._writes, tuple(events), follow)
        self._own.update(e.id for e in write.events)
        self._pending = write
        self._out = write

    def _add(self, events: Iterable[Event]) -> None:
        """Take events in. The day's ledger holds the week the day needs, and is built again
        on every key; the session's whole window (the reviews' four weeks) only when an event
        the day around the block looks at arrives: most keys are a voicemail."""
        floor = self._week_floor()
        for event in events:
            self._events[event.id] = event
            if self._long is not None and concerns(event):
                self._long = None
        self.ledger = Ledger(e for e in self._events.values() if floor is None or e.at >= floor)
        self._version += 1

    def _week_floor(self) -> datetime | None:
        """Where the day's ledger starts: the 7 days ending today (None before the day is read)."""
        return seven_days_ending(self._day, self.tz)[0] if self._day is not None else None

    @property
    def long_ledger(self) -> Ledger:
        """Every event of the session's window (context.SESSION_DAYS), for the reviews due,
        wins and the warm-up's rate; built when first asked for after it changed."""
        if self._long is None:
            self._long = Ledger(self._events.values())
            self._long_version += 1
        return self._long

    # -- what the parts share ------------------------------------------------------------------

    def _open_block(self, at: datetime) -> Block | None:
        return self.ledger.open_block(*day_bounds(day_of(at, self.tz), self.tz))

    def _block_clock(self, at: datetime) -> BlockClock:
        from companion.session.ritual import BlockClock  # a reset is on: its rules are loaded

        block = self._open_block(at)
        if block is None:
            return BlockClock.NONE
        return BlockClock.PAUSED if block.is_paused() else BlockClock.RUNNING

    def _new_call(self, outcome: Outcome, at: datetime, *, hard: bool = False) -> Event:
        block = self._open_block(at)
        return make_event(
            EventKind.OUTCOME, local(at, self.tz), outcome=outcome,
            session=block.id if block else None, source="app",
            hard=True if hard and outcome is Outcome.NO else None,
        )  # fmt: skip

    def _void(self, call: Event, at: datetime) -> None:
        void = make_event(
            EventKind.VOID, local(at, self.tz), target=call.id, session=call.session, source="app"
        )
        said = Line(f"Undone: {call.outcome} at {hhmm(call.at, self.tz)}")
        self._store([void], Follow(said, failed="NOT undone: {reason}."))

    def _day_view(self, at: datetime) -> DayView:
        return self._views.day(self.ledger, self._version, at)

    def _ending_event(
        self,
        no: Event,
        end: RitualEnd,
        at: datetime,
        recovery_s: float | None = None,
        hesitation_s: float | None = None,
    ) -> Event:
        return make_event(
            EventKind.RITUAL, local(at, self.tz), target=no.id, session=no.session,
            ritual=end, recovery_s=recovery_s, hesitation_s=hesitation_s, source="app",
        )  # fmt: skip

    def _start_ritual(self, no: Event, now: datetime) -> None:
        from companion.core.reframes import next_reframe
        from companion.session.ritual import LiveRitual

        r = self.config.ritual
        schedule = r.schedule(no)
        assert schedule is not None  # only a call that starts a reset comes here
        reframe = next_reframe(self._last_reframe, self._rng, self._day_view(now).nos_per_yes, r.own_reframes)
        self._last_reframe = reframe
        self._ritual = LiveRitual(
            no, schedule, reframe, announced=schedule.at(now).step, keys=self.config.keys
        )

    # -- the warm-up -------------------------------------------------------------------------

    def _open_warmup(self, at: datetime) -> None:
        self._warmup_until = at + timedelta(seconds=WARMUP_S)

    def _close_warmup(self) -> None:
        self._warmup_until = None

    # -- the status line ---------------------------------------------------------------------

    def _say(self, line: Line, now: datetime) -> None:
        self._line = (line, now)
        self._said += 1

    def _status(self, now: datetime) -> Status | None:
        if self._line is None:
            return None
        line, said_at = self._line
        text = line.reads(said_at, now)
        return None if text is None else Status(text, line.error, self._said)
