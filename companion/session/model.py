"""What every module of the session controller does the same way: ask for a write (what follows
it is data on it, follow.py; nothing counts until it is acknowledged), say a line, take events
in, build the events a key or a reset records, and start, obey and close the reset. The state
it works on is declared in parts.py; the modules: opening.py (the day's opening), day.py and
around.py (the keys), controller.py (the tables, acknowledgements, calls from elsewhere, time,
quitting)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
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
from companion.session.follow import (
    NOT_SAVED,
    EndBlockToo,
    Follow,
    HintSaid,
    Leave,
    Next,
    RitualOver,
    StartElsewhere,
    StartRitual,
    TogglePauseToo,
    Write,
)
from companion.session.line import Line
from companion.session.parts import Around, Days, Lines, Out, Ritual
from companion.session.state import Status
from companion.session.views import Views

if TYPE_CHECKING:
    # The reset's rules load with the first call (`from companion.session import ritual as
    # rules` where they are used), not on the way to the app's first frame.
    from companion.session.ritual import BlockClock, Close, Keep

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

    def _start_ritual(self, no: Event, now: datetime) -> None:
        from companion.core.reframes import next_reframe
        from companion.session.ritual import LiveRitual

        r = self.config.ritual
        schedule = r.schedule(no)
        assert schedule is not None  # only a call that starts a reset comes here
        reframe = next_reframe(
            self._ritual.last_reframe, self._rng, self._day_view(now).nos_per_yes, r.own_reframes
        )
        self._ritual.last_reframe = reframe
        self._ritual.live = LiveRitual(
            no, schedule, reframe, announced=schedule.at(now).step, keys=self.config.keys
        )

    # -- the reset, obeyed and closed ---------------------------------------------------------

    def _obey(self, decision: Keep | Close, now: datetime) -> None:
        """Do what the reset's rules decided: keep it (changed), or close it."""
        from companion.session.ritual import Keep

        if isinstance(decision, Keep):
            self._ritual.live = decision.ritual
            if decision.said is not None:
                self._say(decision.said, now)
            if decision.bell and self.config.bell:
                self._out.effects.append(Effect.BELL)
            return
        self._close_ritual(decision, now)

    def _close_ritual(self, close: Close, now: datetime, *, leaving: bool = False) -> None:
        """Store how the reset ended (with the void or the next call that goes with it); only
        then is it over, and what was asked with it follows. One ended from elsewhere is over
        even if its ending cannot be stored (the next start stores it)."""
        assert self._ritual.live is not None
        if close.a_break:
            self._ritual.live = replace(self._ritual.live, break_tried=True)
        no = self._ritual.live.no
        ending = close.ending
        events: list[Event] = []
        if close.void_no:
            events.append(make_event(EventKind.VOID, local(ending.at, self.tz), target=no.id, source="app"))
        events.append(self._ending_event(no, ending.end, ending.at, ending.recovery_s, ending.hesitation_s))
        next_call = None
        if close.then_log is not None:
            next_call = self._new_call(close.then_log, ending.at, hard=close.then_hard)
            events.append(next_call)
        said = close.said
        then: list[Next] = [RitualOver(no.id)]
        if said is not None and close.hint is not None and not self._ritual.hinted:  # once a run: never a nag
            said = said._replace(text=said.text + close.hint)
            then.append(HintSaid())
        if next_call is not None and self.config.ritual.follows(next_call):
            then.append(StartRitual(next_call))
        elif close.then_start is not None:
            then.append(StartElsewhere(close.then_start))
        if close.then_end_block:
            then.append(EndBlockToo("The reset is closed, but the block is NOT ended: {reason}."))
        elif close.then_toggle_pause:
            then.append(TogglePauseToo())
        otherwise: list[Next] = []
        if close.over_anyway:
            otherwise.append(RitualOver(no.id))
            if close.then_start is not None:
                otherwise.append(StartElsewhere(close.then_start))
        if leaving:
            then.append(Leave())
            otherwise.append(Leave())
        failed = NOT_SAVED if next_call is not None else "The reset's end is NOT saved: {reason}."
        self._store(events, Follow(said, tuple(then), failed, tuple(otherwise)))

    def _ritual_over(self, no_id: str) -> None:
        if self._ritual.live is not None and self._ritual.live.no.id == no_id:
            self._ritual.live = None

    def _hint_said(self) -> None:
        self._ritual.hinted = True

    def _start_from_elsewhere(self, call: Event, now: datetime) -> bool:
        """A call logged by another process gets its own reset if it is a fresh no, and the
        rep is told why one opened; True if it did."""
        from companion.session import ritual as rules

        if self.config.ritual.outside == "count":
            return False  # the rep chose: a call from elsewhere is only counted
        if not rules.starts_from_elsewhere(call, now, self.config.ritual.follows):
            return False
        self._start_ritual(call, now)
        self._say(rules.started_elsewhere_line(call, self.tz), now)
        return True

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
