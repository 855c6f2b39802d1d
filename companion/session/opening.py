"""Opening the day: reading today's window (at the start, at midnight, after a fold or an
import), resets left open by a closed app, and the keys pressed before the day is read. A call
is written at once even then: writing a call never waits for the past. Opening starts no
block: a block starts with its first call (or Enter)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from companion.core.calendar import Zone, day_bounds, day_of, local, seven_days_ending
from companion.core.events import Event, EventKind, RitualEnd, make_event, new_id
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.words import hhmm, plural
from companion.session.commands import Command, DayLoaded, LogOutcome, Undo
from companion.session.day import DayKeys
from companion.session.follow import DayOpen, Follow, HoldEarly, OpenAnyway
from companion.session.line import Line
from companion.session.model import Effect
from companion.session.state import Phase

WAIT_FOR_DAY = Line("Opening today's calls… that key counts in a moment.")


class Opening(DayKeys):  # the day it opens may start the reset of a no logged early
    def _before_the_day(self, command: Command, at: datetime) -> None:
        """Today's calls are still being read (or cannot be). A call is written at once: it
        needs nothing from the past. Undo takes back such a call. Other keys need the day:
        they wait for it while it opens, and are refused while it cannot be read."""
        if isinstance(command, LogOutcome):
            self._log_early(command.outcome, at, hard=command.hard)
        elif isinstance(command, Undo) and (standing := self._early_standing()):
            self._void(standing[-1], at)
        elif self._days.phase is Phase.UNREADABLE:
            self._say(Line(f"Not done: {self._days.unreadable}", error=True), at)
        else:
            self._days.waiting.append((command, at))
            self._say(WAIT_FOR_DAY, at)

    def _log_early(self, outcome: Outcome, at: datetime, *, hard: bool = False) -> None:
        """A call logged before the day is read: stored now, counted once the day is open. The
        first one is stored with a BLOCK_START, in one write: if a block of the day is open
        already, the ledger reads that start as the same block (core.ledger); the calls
        after it name the same block."""
        hard_no = True if hard and outcome is Outcome.NO else None
        events: list[Event] = []
        if self._days.early_block is None:
            self._days.early_block = new_id()
            events.append(self._block_start(at, self._days.early_block))
        call = make_event(
            EventKind.OUTCOME, local(at, self.tz), outcome=outcome, session=self._days.early_block,
            source="app", hard=hard_no,
        )  # fmt: skip
        events.append(call)
        said = Line(f"Logged {outcome.value} · {hhmm(call.at, self.tz)} · opening today's calls…")
        self._store(events, Follow(said, (HoldEarly(call),)))

    def _opened(self, loaded: DayLoaded, now: datetime) -> None:
        """Today's window is read: at the start, at midnight, or again after a fold or an
        import changed the store. It starts no block: the first call does."""
        if loaded.day < day_of(now, self.tz):
            self._out.effects.append(Effect.RELOAD)  # read before midnight: read the new day
            return
        starting = self._days.day != loaded.day
        new_day = self._days.day is not None and starting
        self._days.day = loaded.day
        start, end = seven_days_ending(loaded.day, self.tz)
        # Ours are durable already; the read may have started before they landed.
        ours = [e for key, e in self._days.events.items() if key in self._days.own and start <= e.at < end]
        self._days.events = {e.id: e for e in loaded.events}
        if loaded.ledgers is not None and not ours:  # built off the loop, and nothing newer
            self._days.ledger, self._days.long = loaded.ledgers
            self._days.version += 1
            self._days.long_version += 1
        else:
            self._days.long = None  # the session's window, read again
            self._add(ours)
        writes = self._openers(loaded.day, now) if starting else []
        notices = " · ".join(loaded.notices)
        day_start, day_end = day_bounds(loaded.day, self.tz)
        # The warm-up is offered when the app opens a day with no block and no call yet: not
        # at midnight in the middle of calling, nor once a call was logged while it opened.
        offer_warmup = (
            self.config.warmup
            and starting
            and not new_day
            and not self._days.early
            and not self._days.ledger.blocks_between(day_start, day_end)
            and not self._days.ledger.outcomes_between(day_start, day_end)
        )

        opened = DayOpen(notices, new_day, bool(offer_warmup), starting)
        if writes:
            failed = "Could not save how the last resets ended: {reason}."
            failed += f" · {notices}" if notices else ""
            self._store(writes, Follow(then=(opened,), failed=failed, otherwise=(OpenAnyway(),)))
        else:
            self._day_open(opened, now)

    def _day_open(self, opened: DayOpen, now: datetime) -> None:
        """The day is read, and what opening it writes is stored: keys work."""
        self._days.phase = Phase.OPEN
        if opened.notices:
            self._say(Line(opened.notices, error=True), now)
        elif opened.new_day:
            self._say(Line("New day: first call starts its block. Yesterday's is kept."), now)
        elif (last := self._lines.last) is not None and last[0] in (WAIT_FOR_DAY, self._days.unreadable_line):
            self._lines.last = None
        self._start_early_ritual(now)
        # Beside the counters, never in their way; it opens once the whole window is read
        # (its rate needs four weeks), if no call has been logged by then. Only a start (or
        # a new day) decides: the same day read again (the whole window after the first
        # frame's week, a fold, an import) keeps the offer until the window's read-around
        # takes it.
        if opened.starting:
            self._around.warmup_offered = opened.offer_warmup
        self._out.effects.append(Effect.TIDY)
        if opened.starting:
            self._out.effects.append(Effect.READ_AROUND)

    def _openers(self, day: date, now: datetime) -> list[Event]:
        """What opening the day writes: interrupted endings for resets left open today, and
        for the `no`s logged before it was read that will not get one. Never a block."""
        start, end = day_bounds(day, self.tz)
        follows = self.config.ritual.follows
        openers = []
        if any(no.source == "app" and follows(no) for no in self._days.ledger.outcomes_between(start, end)):
            from companion.session import ritual as rules

            for no in rules.left_open(self._days.ledger, start, end, follows, self._days.own):
                openers.append(self._ending_event(no, RitualEnd.INTERRUPTED, now))
        for no in self._early_nos()[:-1]:  # only the latest can still get its reset
            openers.append(self._ending_event(no, RitualEnd.INTERRUPTED, now))
        return openers

    def _start_early_ritual(self, now: datetime) -> None:
        """The latest `no` logged before the day was read gets its reset, if still fresh and
        no call came after it."""
        early_nos = self._early_nos()
        self._days.early, self._days.early_block = [], None
        if not early_nos:
            return
        from companion.session import ritual as rules

        latest = early_nos[-1]
        since = latest.at + timedelta(microseconds=1)
        after = self._days.ledger.outcomes_between(since, since + timedelta(days=2))
        fresh = rules.starts_from_elsewhere(latest, now, self.config.ritual.follows)
        if self._ritual.live is None and not after and fresh:  # a call since: that no is behind us
            self._start_ritual(latest, now)
        else:  # too late for a reset, or one is running (the day turned during it)
            ending = self._ending_event(latest, RitualEnd.INTERRUPTED, now)
            self._store([ending], Follow(failed="The reset's end is NOT saved: {reason}."))

    def _early_standing(self) -> list[Event]:
        """The calls logged before the day was read that still stand (not undone)."""
        return [e for e in self._days.early if e.id not in self._days.ledger.voided]

    def _early_nos(self) -> list[Event]:
        """The calls logged before the day was read that start a reset, and still stand."""
        follows = self.config.ritual.follows
        return [e for e in self._days.early if follows(e) and e.id not in self._days.ledger.voided]

    def _open_anyway(self) -> None:
        """The opening write failed (a full disk): the day is read, so keys work; the status
        line says what was not saved."""
        self._days.phase = Phase.OPEN
        self._days.early, self._days.early_block = [], None

    def _cannot_open(self, reason: str, now: datetime) -> None:
        """Opening (or the midnight reload) could not read the store; the runner retries.
        Keys that needed the day are not kept for minutes: they are said to be dropped."""
        self._days.unreadable = f"could not read your history ({reason})"
        self._days.phase = Phase.UNREADABLE
        dropped = f" {plural(len(self._days.waiting), 'key')} not applied." if self._days.waiting else ""
        self._days.waiting = []
        self._days.unreadable_line = Line(
            f"Could not read your history: {reason}.{dropped} Calls still log; retrying…", error=True
        )
        self._say(self._days.unreadable_line, now)


def ledgers_for(day: date, events: Iterable[Event], tz: Zone) -> tuple[Ledger, Ledger]:
    """The ledgers a DayLoaded can carry, built by whoever read the events (a worker thread):
    the week the day needs and the session's whole window (see SessionModel._add)."""
    every = list(events)
    floor = seven_days_ending(day, tz)[0]
    week = [e for e in every if e.at >= floor]
    if len(week) == len(every):  # the first frame's read: a week is all there is
        both = Ledger(every)
        return both, both
    return Ledger(week), Ledger(every)
