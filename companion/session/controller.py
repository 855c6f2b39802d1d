"""The session controller: the live day and the reset as one reducer, with no Textual and no I/O.

`handle(command, now)` takes one command and the moment it was asked for, and gives back a
Transition: at most one write (events to store durably, in order) and one immutable ViewState.
Nothing a write holds counts until the runner answers `Stored`; `NotStored` changes nothing but
the status line. The reset's rules live in companion.session.ritual; this module holds the day's:
opening, blocks, calls, undo, pause, tags, calls from elsewhere, midnight and the status line."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from companion.config import Config
from companion.core.calendar import Zone, day_bounds, day_of, local, seven_days_ending
from companion.core.events import Event, EventKind, RitualEnd, make_event, new_id
from companion.core.ledger import Block, Ledger
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, clean_note
from companion.core.view import DayView, day_view
from companion.core.words import hhmm
from companion.session.commands import (
    KEY_COMMANDS,
    Arrived,
    CloseSummary,
    Command,
    DayLoaded,
    DayUnreadable,
    EndBlock,
    LogOutcome,
    NotStored,
    Quit,
    Say,
    StartBlock,
    Stored,
    Tag,
    Tick,
    TogglePause,
    Undo,
)
from companion.session.line import Line
from companion.session.state import Phase, RitualView, Status, SummaryView, ViewState

if TYPE_CHECKING:
    # The reset's rules load with the first call (`from companion.session import ritual as
    # rules` where they are used), not on the way to the app's first frame.
    from companion.session.ritual import Close, Keep, LiveRitual

NO_BLOCK = "No block is open; Enter starts one."
WAIT_FOR_DAY = Line("Opening today's calls… that key counts in a moment.")


class Effect(StrEnum):
    BELL = "bell"  # only ever asked for when [ui] bell is on: a beep can leak into a call
    RELOAD = "reload"  # read today's window again (the day turned)
    TIDY = "tidy"  # the day is open: a good moment to fold a grown journal, off the loop
    EXIT = "exit"


class Write(NamedTuple):
    id: int
    events: tuple[Event, ...]


class Transition(NamedTuple):
    state: ViewState
    write: Write | None = None
    effects: tuple[Effect, ...] = ()


Then = Callable[[datetime], None]


class _Pending(NamedTuple):
    write: Write
    then: Then | None  # once stored
    otherwise: Then | None  # if not


class SessionController:
    def __init__(self, config: Config, tz: Zone, rng: random.Random | None = None) -> None:
        self.config = config
        self.tz = tz
        self._rng = rng or random.Random()
        self._phase = Phase.OPENING
        self._unreadable = ""
        self._unreadable_line: Line | None = None
        self._day: date | None = None
        self._events: dict[str, Event] = {}
        self._own: set[str] = set()  # ids this app wrote: never taken for another process's calls
        self.ledger = Ledger(())
        self._version = 0  # moves with the ledger, for the caches below
        self._ritual: LiveRitual | None = None
        self._last_reframe: str | None = None
        self._summary: Block | None = None
        self._line: tuple[Line, datetime] | None = None
        self._waiting: list[tuple[Command, datetime]] = []  # keys pressed while the day opened
        self._pending: _Pending | None = None
        self._writes = 0
        self._out: Write | None = None
        self._effects: list[Effect] = []
        self._day_cache: tuple[tuple[int, int], DayView] | None = None
        self._summary_cache: tuple[tuple[int, str], SummaryView] | None = None

    # -- the reducer -------------------------------------------------------------------------

    def handle(self, command: Command, now: datetime) -> Transition:
        """Apply `command`, asked for at `now`."""
        self._out, self._effects = None, []
        self._act(command, now)
        self._replay(now)
        return Transition(self.state(now), self._out, tuple(self._effects))

    def state(self, now: datetime) -> ViewState:
        return ViewState(
            now=now,
            tz=self.tz,
            phase=self._phase,
            day=self._day_view(now) if self._day is not None else None,
            ritual=self._ritual_view(now),
            summary=self._summary_view(now),
            status=self._status(now),
        )

    def _act(self, command: Command, at: datetime) -> None:
        if isinstance(command, Stored | NotStored):
            self._acknowledged(command, at)
        elif isinstance(command, DayLoaded):
            self._opened(command, at)
        elif isinstance(command, DayUnreadable):
            self._cannot_open(command.reason, at)
        elif isinstance(command, Arrived):
            self._arrived(command.events, at)
        elif isinstance(command, Tick):
            self._tick(at)
        elif isinstance(command, Say):
            self._say(Line(command.text, error=command.error), at)
        elif isinstance(command, Quit):
            self._quit(at)
        elif isinstance(command, CloseSummary):
            self._summary = None
        elif isinstance(command, KEY_COMMANDS):
            self._key(command, at)

    def _key(self, command: Command, at: datetime) -> None:
        if self._phase is Phase.UNREADABLE:
            self._say(Line(f"Not done: {self._unreadable}", error=True), at)
            return
        if self._phase is Phase.OPENING or self._pending is not None:
            self._waiting.append((command, at))
            if self._phase is Phase.OPENING:
                self._say(WAIT_FOR_DAY, at)
            return
        if self._ritual is not None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual, command, at, paused=self._paused(at))
            if not isinstance(decision, rules.NotMine):
                self._follow(decision, at)
                return
        if isinstance(command, LogOutcome):
            self._log(command.outcome, at)
        elif isinstance(command, Undo):
            self._undo(at)
        elif isinstance(command, TogglePause):
            self._toggle_pause(at)
        elif isinstance(command, EndBlock):
            self._end_block(at)
        elif isinstance(command, StartBlock):
            self._start_block(at)
        elif isinstance(command, Tag):
            self._tag(command, at)
        # MarkDialling and Skip mean nothing without a reset: a key from a screen just closing.

    def _replay(self, now: datetime) -> None:
        """Keys pressed while the day opened, in the order pressed, once it is open; each at the
        moment it was pressed. One write at a time: the rest wait for its acknowledgement."""
        while self._waiting and self._phase is Phase.OPEN and self._pending is None and self._out is None:
            command, at = self._waiting.pop(0)
            self._act(command, at)

    # -- writing -----------------------------------------------------------------------------

    def _store(
        self, events: Iterable[Event], then: Then | None = None, otherwise: Then | None = None
    ) -> None:
        assert self._pending is None, "one write at a time"
        self._writes += 1
        write = Write(self._writes, tuple(events))
        self._own.update(e.id for e in write.events)
        self._pending = _Pending(write, then, otherwise)
        self._out = write

    def _acknowledged(self, ack: Stored | NotStored, now: datetime) -> None:
        pending = self._pending
        if pending is None or pending.write.id != ack.write:
            return
        self._pending = None
        if isinstance(ack, Stored):
            self._add(pending.write.events)
            if pending.then is not None:
                pending.then(now)
            return
        self._say(Line(f"NOT saved: {ack.reason}. Nothing was logged.", error=True), now)
        if self.config.bell:
            self._effects.append(Effect.BELL)
        if pending.otherwise is not None:
            pending.otherwise(now)

    def _add(self, events: Iterable[Event]) -> None:
        for event in events:
            self._events[event.id] = event
        self.ledger = Ledger(self._events.values())
        self._version += 1

    # -- opening the day ---------------------------------------------------------------------

    def _opened(self, loaded: DayLoaded, now: datetime) -> None:
        """Today's window is read: at the start, at midnight, or again after a fold or an
        import changed the store. A block starts only when the app opens or the day turns."""
        starting = self._day is None or loaded.day != self._day
        new_day = self._day is not None and loaded.day != self._day
        self._day = loaded.day
        start, end = seven_days_ending(loaded.day, self.tz)
        # Ours are durable already; the read may have started before they landed.
        ours = [e for key, e in self._events.items() if key in self._own and start <= e.at < end]
        self._events = {e.id: e for e in loaded.events}
        self._add(ours)
        opening = [] if self._ritual is not None else self._unfinished_endings(now)
        if starting and self.ledger.open_block(*day_bounds(loaded.day, self.tz)) is None:
            opening.append(
                make_event(EventKind.BLOCK_START, local(now, self.tz), session=new_id(), source="app")
            )
        notices = " · ".join(loaded.notices)

        def ready(now: datetime) -> None:
            self._phase = Phase.OPEN
            if notices:
                self._say(Line(notices, error=True), now)
            elif new_day:
                self._say(Line("New day: new block. Yesterday's is kept."), now)
            elif self._line is not None and self._line[0] in (WAIT_FOR_DAY, self._unreadable_line):
                self._line = None
            self._effects.append(Effect.TIDY)

        if opening:
            self._store(opening, then=ready, otherwise=self._open_anyway)
        else:
            ready(now)

    def _open_anyway(self, now: datetime) -> None:
        """The opening write failed (a full disk): the day is read, so keys work; the status
        line says what was not saved."""
        self._phase = Phase.OPEN

    def _cannot_open(self, reason: str, now: datetime) -> None:
        """Opening (or the midnight reload) could not read the store; the runner retries."""
        self._unreadable = f"could not read your history ({reason})"
        self._phase = Phase.UNREADABLE
        self._unreadable_line = Line(f"Could not read your history: {reason}. Retrying…", error=True)
        self._say(self._unreadable_line, now)

    def _unfinished_endings(self, now: datetime) -> list[Event]:
        """Interrupted endings for resets this app started and never ended: it was closed or
        killed mid-reset."""
        ended = {r.no_id for r in self.ledger.rituals}
        follows = self.config.ritual.follows
        return [
            self._ending_event(no, RitualEnd.INTERRUPTED, now)
            for no in self.ledger.outcomes
            if no.source == "app" and follows(no.outcome) and no.id not in ended
        ]

    # -- the day's keys ----------------------------------------------------------------------

    def _open_block(self, at: datetime) -> Block | None:
        return self.ledger.open_block(*day_bounds(day_of(at, self.tz), self.tz))

    def _paused(self, at: datetime) -> bool:
        block = self._open_block(at)
        return block is not None and block.is_paused()

    def _new_call(self, outcome: Outcome, at: datetime) -> Event:
        block = self._open_block(at)
        return make_event(
            EventKind.OUTCOME, local(at, self.tz), outcome=outcome,
            session=block.id if block else None, source="app",
        )  # fmt: skip

    def _log(self, outcome: Outcome, at: datetime) -> None:
        call = self._new_call(outcome, at)

        def logged(now: datetime) -> None:
            said = f"Logged {outcome.value} · {hhmm(call.at, self.tz)}"
            block = self._open_block(call.at)
            if block is None:
                said += " · no block (Enter starts one)"
            elif block.is_paused():
                said += " · clock paused (p resumes)"
            self._say(Line(said), now)
            if self.config.ritual.follows(outcome):
                self._start_ritual(call, now)

        self._store([call], then=logged)

    def _undo(self, at: datetime) -> None:
        start, end = day_bounds(day_of(at, self.tz), self.tz)
        today = self.ledger.outcomes_between(start, end)
        if not today:
            self._say(Line("Nothing to undo today."), at)
            return
        call = today[-1]
        void = make_event(
            EventKind.VOID, local(at, self.tz), target=call.id, session=call.session, source="app"
        )
        said = Line(f"Undone: {call.outcome} at {hhmm(call.at, self.tz)}")
        self._store([void], then=lambda now: self._say(said, now))

    def _toggle_pause(self, at: datetime) -> None:
        block = self._open_block(at)
        if block is None:
            self._say(Line(NO_BLOCK), at)
            return
        kind = EventKind.RESUME if block.is_paused() else EventKind.PAUSE
        said = Line("Block clock paused." if kind is EventKind.PAUSE else "Block clock running.")
        event = make_event(kind, local(at, self.tz), session=block.id, source="app")
        self._store([event], then=lambda now: self._say(said, now))

    def _end_block(self, at: datetime) -> None:
        block = self._open_block(at)
        if block is None:
            self._say(Line(NO_BLOCK), at)
            return
        event = make_event(EventKind.BLOCK_END, local(at, self.tz), session=block.id, source="app")

        def ended(now: datetime) -> None:
            self._say(Line("Block ended. Enter starts a new one."), now)
            self._summary = next((b for b in self.ledger.blocks if b.id == block.id), block)

        self._store([event], then=ended)

    def _start_block(self, at: datetime) -> None:
        self._summary = None
        if self._open_block(at) is not None:
            self._say(Line("A block is open already; e ends it."), at)
            return
        event = make_event(EventKind.BLOCK_START, local(at, self.tz), session=new_id(), source="app")
        said = Line("New block started. The next call is a blank slate.")
        self._store([event], then=lambda now: self._say(said, now))

    def _tag(self, tag: Tag, at: datetime) -> None:
        target = self._tag_target(at)
        if target is None:
            self._say(Line("Tags go on today's last no, until the next call is logged."), at)
            return
        note = clean_note(tag.note) if tag.note is not None else None
        event = make_event(
            EventKind.TAG, local(at, self.tz), target=target, source="app",
            reason=tag.reason, cause=tag.cause, note=note,
        )  # fmt: skip
        in_reset = self._ritual is not None

        def tagged(now: datetime) -> None:
            if in_reset:
                return  # the reset shows its tags on a line of their own
            named = [CAUSE_LABELS.get(v, v) for v in (tag.reason, tag.cause) if v]
            self._say(Line(f"Tagged: {', '.join(named)}" if named else "Note saved."), now)

        self._store([event], then=tagged)

    def _tag_target(self, at: datetime) -> str | None:
        if self._ritual is not None:
            return self._ritual.no.id
        last = self._day_view(at).last_no
        return last.id if last is not None else None

    # -- the reset ---------------------------------------------------------------------------

    def _start_ritual(self, no: Event, now: datetime) -> None:
        from companion.core.reframes import next_reframe
        from companion.core.ritual import RitualSchedule
        from companion.session.ritual import LiveRitual

        r = self.config.ritual
        schedule = RitualSchedule(no.at, r.breathe_s, r.reframe_s, r.review_s)
        reframe = next_reframe(self._last_reframe, self._rng, self._day_view(now).nos_per_yes)
        self._last_reframe = reframe
        self._ritual = LiveRitual(no, schedule, reframe, announced=schedule.at(now).step)

    def _follow(self, decision: Keep | Close, now: datetime) -> None:
        from companion.session.ritual import Keep

        if isinstance(decision, Keep):
            self._ritual = decision.ritual
            if decision.line is not None:
                self._say(decision.line, now)
            if decision.bell and self.config.bell:
                self._effects.append(Effect.BELL)
            return
        self._close(decision, now)

    def _close(self, close: Close, now: datetime) -> None:
        """Store how the reset ended (with the void or the next call that goes with it); only
        then is it over."""

        assert self._ritual is not None
        closing = replace(self._ritual, closing=True, break_tried=True)
        self._ritual = closing
        no = closing.no
        events: list[Event] = []
        if close.void_no:
            events.append(
                make_event(EventKind.VOID, local(close.ending.at, self.tz), target=no.id, source="app")
            )
        ending = close.ending
        events.append(self._ending_event(no, ending.end, ending.at, ending.recovery_s, ending.hesitation_s))
        next_call = self._new_call(close.then_log, close.ending.at) if close.then_log else None
        if next_call is not None:
            events.append(next_call)

        def closed(now: datetime) -> None:
            if self._ritual is not None and self._ritual.no.id == no.id:
                self._ritual = None
            if close.said is not None:
                self._say(close.said, now)
            if next_call is not None and self.config.ritual.follows(next_call.outcome):
                self._start_ritual(next_call, now)
            if close.then_end_block:
                self._end_block(now)

        def kept(now: datetime) -> None:
            if self._ritual is not None and self._ritual.no.id == no.id:
                self._ritual = replace(self._ritual, closing=False)

        self._store(events, then=closed, otherwise=kept)

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

    # -- from elsewhere, and time ------------------------------------------------------------

    def _arrived(self, events: Iterable[Event], now: datetime) -> None:
        fresh = [e for e in events if e.id not in self._events]
        if not fresh:
            return
        self._add(fresh)
        calls = [
            e
            for e in fresh
            if e.id not in self._own and e.kind is EventKind.OUTCOME and e.id not in self.ledger.voided
        ]
        if not calls:
            return
        from companion.session import ritual as rules

        if self._ritual is not None:
            decision = rules.decide(self._ritual, Arrived(tuple(calls)), now, paused=self._paused(now))
            if isinstance(decision, rules.Keep | rules.Close):
                self._follow(decision, now)
            return
        latest = calls[-1]
        if self.config.ritual.follows(latest.outcome) and rules.fresh_enough(latest, now):
            self._start_ritual(latest, now)

    def _tick(self, now: datetime) -> None:
        if self._phase is Phase.OPEN and self._day is not None and day_of(now, self.tz) != self._day:
            self._phase = Phase.OPENING  # midnight: keys wait for the new day's window
            self._effects.append(Effect.RELOAD)
        if self._ritual is not None and self._pending is None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual, Tick(), now, paused=self._paused(now))
            if isinstance(decision, rules.Keep | rules.Close):
                self._follow(decision, now)

    def _quit(self, now: datetime) -> None:
        """Close a running reset as interrupted and save calls still waiting for the day (their
        block is not known yet), then exit, whether or not that could be stored."""

        def leave(_now: datetime) -> None:
            self._effects.append(Effect.EXIT)

        if self._pending is not None:
            leave(now)  # the runner finishes the write in flight before it lets go
            return
        events = []
        if self._ritual is not None and not self._ritual.closing:
            events.append(self._ending_event(self._ritual.no, RitualEnd.INTERRUPTED, now))
        if self._phase is not Phase.OPEN:
            events += self._waiting_calls()
        if events:
            self._store(events, then=leave, otherwise=leave)
        else:
            leave(now)

    def _waiting_calls(self) -> list[Event]:
        calls = [
            make_event(EventKind.OUTCOME, local(at, self.tz), outcome=c.outcome, source="app")
            for c, at in self._waiting
            if isinstance(c, LogOutcome)
        ]
        self._waiting = []
        return calls

    # -- the status line ---------------------------------------------------------------------

    def _say(self, line: Line, now: datetime) -> None:
        self._line = (line, now)

    def _status(self, now: datetime) -> Status | None:
        if self._line is None:
            return None
        line, said_at = self._line
        text = line.reads(said_at, now)
        if text is None:
            self._line = None
            return None
        return Status(text, line.error)

    # -- views -------------------------------------------------------------------------------

    def _day_view(self, now: datetime) -> DayView:
        """Built at most once per ledger and clock second: ticks come many times a second."""
        key = (self._version, int(now.timestamp()))
        if self._day_cache is None or self._day_cache[0] != key:
            c = self.config
            self._day_cache = (key, day_view(self.ledger, self.tz, c.targets, c.block_minutes, now))
        return self._day_cache[1]

    def _ritual_view(self, now: datetime) -> RitualView | None:
        ritual = self._ritual
        if ritual is None:
            return None
        moment = ritual.schedule.at(now)
        no = self.ledger.outcome(ritual.no.id) or ritual.no
        return RitualView(
            no_id=no.id,
            no_at=no.at,
            step=moment.step,
            left_s=moment.left_s,
            progress=moment.progress,
            step_elapsed_s=moment.step_elapsed_s,
            step_length_s=moment.step_length_s,
            cue=ritual.cue(now),
            reframe=ritual.reframe,
            reason=no.reason,
            cause=no.cause,
            note=no.note,
            skip_armed=ritual.skip_armed(now),
        )

    def _summary_view(self, now: datetime) -> SummaryView | None:
        block = self._summary
        if block is None or self._day is None:
            return None
        key = (self._version, block.id)
        if self._summary_cache is None or self._summary_cache[0] != key:
            from companion.core.insights import day_report  # with the first summary

            report = day_report(self.ledger, self._day, self.tz, now, block)
            self._summary_cache = (key, SummaryView(block, report))
        return self._summary_cache[1]
