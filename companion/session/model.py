"""What every module of the session controller does the same way: ask for a write (what follows
it is data on it, follow.py; nothing counts until it is acknowledged), say a line, take events
in, and build the events more than one module records. The state it works on is declared in
parts.py; the modules: opening.py (the day's opening), day.py (the day's keys and the reset
they start), around.py (the day around the block), controller.py (the tables,
acknowledgements, calls from elsewhere, time, quitting)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from companion.config import Config
from companion.core.around import concerns
from companion.core.calendar import Zone, day_bounds, day_of, local, seven_days_ending
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.ledger import Block, Ledger
from companion.core.view import DayView
from companion.core.words import hhmm
from companion.session.follow import (
    Follow,
    Write,
)
from companion.session.line import Line
from companion.session.parts import Around, Days, Lines, Out, Ritual
from companion.session.state import Status
from companion.session.views import Views

if TYPE_CHECKING:
    # The reset's rules load with the first call (`from companion.session import ritual as
    # rules` where they are used), not on the way to the app's first frame.
    from companion.session.ritual import BlockClock

WARMUP_S = 120.0  # about two minutes; then the counters have the screen to themselves again


class Effect(StrEnum):
    BELL = "bell"  # only ever asked for when [ui] bell is on: a beep can leak into a call
    RELOAD = "reload"  # read today's window again (the day turned)
    TIDY = "tidy"  # the day is open: a good moment to fold a grown journal, off the loop
    READ_AROUND = "read-around"  # read the last wins and old resume entries, off the loop
    EXIT = "exit"


class SessionModel:
    """The controller's state (parts.py), and what its modules share."""

    def __init__(self, config: Config, tz: Zone, rng: random.Random | None = None) -> None:
        self.config = config
        self.tz = tz
        self._rng = rng or random.Random()
        self._views = Views(config, tz)
        self._days = Days()
        self._ritual = Ritual()
        self._around = Around()
        self._lines = Lines()
        self._out = Out()

    @property
    def ledger(self) -> Ledger:
        """The week ending today, as the controller holds it now."""
        return self._days.ledger

    # -- writing -----------------------------------------------------------------------------

    def _store(self, events: Iterable[Event], follow: Follow) -> None:
        """Ask for `events` to be stored; `follow` is applied once the store answers
        (SessionController._acknowledged). Nothing of it counts until then."""
        self._out.writes += 1
        write = Write(self._out.writes, tuple(events), follow)
        self._days.own.update(e.id for e in write.events)
        self._out.pending = write
        self._out.write = write

    def _add(self, events: Iterable[Event]) -> None:
        """Take events in. The day's ledger holds the week the day needs, and is built again
        on every key; the session's whole window (the reviews' four weeks) only when an event
        the day around the block looks at arrives: most keys are a voicemail."""
        floor = self._week_floor()
        for event in events:
            self._days.events[event.id] = event
            if self._days.long is not None and concerns(event):
                self._days.long = None
        self._days.ledger = Ledger(e for e in self._days.events.values() if floor is None or e.at >= floor)
        self._days.version += 1

    def _week_floor(self) -> datetime | None:
        """Where the day's ledger starts: the 7 days ending today (None before the day is read)."""
        return seven_days_ending(self._days.day, self.tz)[0] if self._days.day is not None else None

    @property
    def long_ledger(self) -> Ledger:
        """Every event of the session's window (context.SESSION_DAYS), for the reviews due,
        wins and the warm-up's rate; built when first asked for after it changed."""
        if self._days.long is None:
            self._days.long = Ledger(self._days.events.values())
            self._days.long_version += 1
        return self._days.long

    # -- what the parts share ------------------------------------------------------------------

    def _open_block(self, at: datetime) -> Block | None:
        return self._days.ledger.open_block(*day_bounds(day_of(at, self.tz), self.tz))

    def _block_clock(self, at: datetime) -> BlockClock:
        from companion.session.ritual import BlockClock  # a reset is on: its rules are loaded

        block = self._open_block(at)
        if block is None:
            return BlockClock.NONE
        return BlockClock.PAUSED if block.is_paused() else BlockClock.RUNNING

    def _block_start(self, at: datetime, block_id: str) -> Event:
        """A block's start: with its first call (in the same write), or on Enter."""
        return make_event(EventKind.BLOCK_START, local(at, self.tz), session=block_id, source="app")

    def _void(self, call: Event, at: datetime) -> None:
        void = make_event(
            EventKind.VOID, local(at, self.tz), target=call.id, session=call.session, source="app"
        )
        said = Line(f"Undone: {call.outcome} at {hhmm(call.at, self.tz)}")
        self._store([void], Follow(said, failed="NOT undone: {reason}."))

    def _day_view(self, at: datetime) -> DayView:
        return self._views.day(self._days.ledger, self._days.version, at)

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

    # -- the warm-up -------------------------------------------------------------------------

    def _open_warmup(self, at: datetime) -> None:
        self._around.warmup_until = at + timedelta(seconds=WARMUP_S)

    def _close_warmup(self) -> None:
        self._around.warmup_until = None

    # -- the status line ---------------------------------------------------------------------

    def _say(self, line: Line, now: datetime) -> None:
        self._lines.last = (line, now)
        self._lines.count += 1

    def _status(self, now: datetime) -> Status | None:
        if self._lines.last is None:
            return None
        line, said_at = self._lines.last
        text = line.reads(said_at, now)
        return None if text is None else Status(text, line.error, self._lines.count)
