"""The session controller: the live day and the reset as one reducer, with no Textual and no I/O.

`handle(command, now)` takes one command and the moment it was asked for, and gives back a
Transition: at most one write (events to store durably, in order) and one immutable ViewState.
Nothing a write holds counts until the runner answers `Stored`; on `NotStored` nothing of it
counts, the status line says what was not saved, and what depended on it is undone or let
go. The runner answers each write before it sends the next command.

Three tables, at the end, say what happens: ON_COMMAND (each command), ON_KEY (the rep's keys,
once the reset's rules and the day's opening let them through) and ON_NEXT (each step of what
follows a write, which the write carries as data: follow.py). A no, top to bottom: `n` is
LogOutcome -> ON_KEY -> _log (day.py): a Write of the call whose Follow says "Logged no" and
StartRitual -> the runner stores it -> Stored -> _acknowledged -> ON_NEXT[StartRitual] ->
_start_ritual (day.py): the reset is on, and `state` paints it. At Dial, `n` goes to the
reset's rules first (_key): they Close it, and _close_ritual (day.py) stores the ending and
the next call with a Follow that starts the next reset.

The reset's rules live in companion.session.ritual; day.py has the day's keys and the reset
they start, obeyed and closed; opening.py the day's opening; around.py the day around the
block; parts.py the state they share. This module dispatches, applies what follows a write,
and holds calls from elsewhere, time and quitting. A no's whole path is here and in day.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from companion.core.calendar import day_of
from companion.core.events import Event, EventKind
from companion.core.words import when
from companion.session.around import AroundKeys
from companion.session.commands import (
    AddWin,
    AroundRead,
    Arrived,
    CloseSummary,
    CloseWarmup,
    Command,
    DayLoaded,
    DayUnreadable,
    DialledElsewhere,
    Dismiss,
    EndBlock,
    LogOutcome,
    MarkDialling,
    Notice,
    NotStored,
    OpenWarmup,
    PickFocus,
    Quit,
    ReadBack,
    Review,
    Say,
    Skip,
    StartBlock,
    Stored,
    Tag,
    Tick,
    TogglePause,
    Undo,
    Writing,
)
from companion.session.day import DayKeys
from companion.session.follow import (
    DayOpen,
    EndBlockToo,
    HintSaid,
    HoldEarly,
    Leave,
    OpenAnyway,
    RitualOver,
    SayDue,
    ShowSummary,
    StartElsewhere,
    StartRitual,
    TogglePauseToo,
    Write,
)
from companion.session.line import Line
from companion.session.model import Effect
from companion.session.opening import Opening
from companion.session.state import Phase, ViewState

if TYPE_CHECKING:
    pass

__all__ = ["Effect", "SessionController", "Transition", "Write"]


class Transition(NamedTuple):
    state: ViewState
    write: Write | None = None
    effects: tuple[Effect, ...] = ()


class SessionController(Opening, DayKeys, AroundKeys):
    # -- the reducer -------------------------------------------------------------------------

    def handle(self, command: Command, now: datetime) -> Transition:
        """Apply `command`, asked for at `now`. Every write must be answered (Stored or
        NotStored) before the next command."""
        acknowledging = isinstance(command, Stored | NotStored)
        if self._out.pending is not None and not acknowledging:
            raise RuntimeError("a write is unanswered: answer it before the next command")
        self._out.write, self._out.effects = None, []
        try:
            if acknowledging or not self._out.leaving:
                self._act(command, now)
                self._replay(now)
        except BaseException:
            if self._out.write is not None:  # a write decided on, never handed out: drop it
                self._out.pending, self._out.write = None, None
            raise
        return Transition(self.state(now), self._out.write, tuple(self._out.effects))

    def state(self, now: datetime) -> ViewState:
        """What the screens paint at `now`: built from the parts, through the views' caches."""
        days, views = self._days, self._views
        day = views.day(days.ledger, days.version, now) if days.day is not None else None
        around = None
        if day is not None:
            warmup = self._around.warmup_until
            around = views.around(self.long_ledger, days.long_version, now, self._around.earlier_wins, warmup)
        return ViewState(
            now=now,
            tz=self.tz,
            phase=days.phase,
            day=day,
            ritual=views.ritual(self._ritual.live, days.ledger, now),
            summary=views.summary(days.summary, days.ledger, days.version, now),
            status=self._status(now),
            around=around,
        )

    def _act(self, command: Command, at: datetime) -> None:
        """Do what `command` asks: ON_COMMAND says what, ON_KEY for the rep's keys (_key)."""
        handler = ON_COMMAND.get(type(command))
        if handler is not None:
            handler(self, command, at)
        elif type(command) in ON_KEY:
            self._key(command, at)

    def _key(self, command: Command, at: datetime) -> None:
        """A key: the reset's rules first, whatever the day is doing (midnight); then, before
        the day is open, it is logged early, kept or refused (opening.py); else ON_KEY."""
        if self._ritual.live is not None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual.live, command, at, block=self._block_clock(at))
            if not isinstance(decision, rules.NotMine):
                self._obey(decision, at)
                return
        if self._days.phase is not Phase.OPEN:
            self._before_the_day(command, at)
            return
        ON_KEY[type(command)](self, command, at)

    def _acknowledged(self, ack: Stored | NotStored, now: datetime) -> None:
        """The store answered the write handed out: what it carries follows (follow.py)."""
        write = self._out.pending
        if write is None or write.id != ack.write:
            return
        self._out.pending = None
        follow = write.follow
        if isinstance(ack, Stored):
            self._add(write.events)
            if follow.said is not None:
                self._say(follow.said, now)
            steps = follow.then
        else:
            self._say(Line(follow.failed.format(reason=ack.reason), error=True), now)
            if self.config.bell:
                self._out.effects.append(Effect.BELL)
            steps = follow.otherwise
        for step in steps:
            ON_NEXT[type(step)](self, step, now)

    def _replay(self, now: datetime) -> None:
        """Keys pressed while the day opened, in the order pressed, once it is open; each at the
        moment it was pressed. One write at a time: the rest wait for its acknowledgement."""
        days, out = self._days, self._out
        while days.waiting and days.phase is Phase.OPEN and out.pending is None and out.write is None:
            command, at = days.waiting.pop(0)
            self._act(command, at)

    # -- from elsewhere, time, quitting ------------------------------------------------------

    def _arrived(self, events: Iterable[Event], now: datetime) -> None:
        """Events other processes appended, taken in; then what they mean for the reset on
        screen (ended or undone in another window, dialling marked) and the calls among them."""
        fresh = [e for e in events if e.id not in self._days.events]
        if not fresh:
            return
        self._add(fresh)
        theirs = [e for e in fresh if e.id not in self._days.own]
        self._ended_elsewhere(theirs, now)
        voided = self._days.ledger.voided
        calls = tuple(e for e in theirs if e.kind is EventKind.OUTCOME and e.id not in voided)
        if self._dialled_elsewhere(theirs, calls, now):
            return
        if calls and self._days.phase is Phase.OPEN:
            self._logged_elsewhere(calls, now)

    def _ended_elsewhere(self, theirs: list[Event], now: datetime) -> None:
        """Another Companion on the same data ended this reset, or undid its no: over here too."""
        live = self._ritual.live
        ended = [e.kind for e in theirs if live is not None and e.target == live.no.id]
        if EventKind.RITUAL in ended or EventKind.VOID in ended:
            self._ritual.live = None
            undone = EventKind.VOID in ended
            said = "The no was undone in another window." if undone else "Reset ended in another window."
            self._say(Line(said), now)

    def _dialled_elsewhere(self, theirs: list[Event], calls: tuple[Event, ...], now: datetime) -> bool:
        """`companion dial` marked dialling for the reset on screen, before any call after it;
        the reset's rules hold whatever the day is doing (a mark read while midnight re-reads
        the day still times it). True if they closed the reset."""
        live = self._ritual.live
        if live is None:
            return False
        marks = [e for e in theirs if e.kind is EventKind.DIAL and e.target == live.no.id]
        if not marks:
            return False
        from companion.session import ritual as rules

        mark = rules.decide(live, DialledElsewhere(marks[0].at), now, block=self._block_clock(now))
        if not isinstance(mark, rules.Close):
            return False
        # A call in the same read came after the mark: counted; a fresh no, reset next.
        self._close_ritual(replace(mark, then_start=calls[-1]) if calls else mark, now)
        return True

    def _logged_elsewhere(self, calls: tuple[Event, ...], now: datetime) -> None:
        """Calls logged elsewhere, once the day is open: the reset's rules say what they do to
        one on screen; else a fresh no gets its own reset; else the rep is told of the latest."""
        from companion.session import ritual as rules

        latest = calls[-1]
        if self._ritual.live is not None:
            decision = rules.decide(self._ritual.live, Arrived(calls), now, block=self._block_clock(now))
            if isinstance(decision, rules.Keep | rules.Close):
                self._obey(decision, now)
                return
        elif self._start_from_elsewhere(latest, now):
            return
        self._say(Line(f"{latest.outcome} logged elsewhere · {when(latest.at, self.tz, now)}"), now)

    def _tick(self, now: datetime) -> None:
        if self._around.warmup_until is not None and now >= self._around.warmup_until:
            self._close_warmup()
        days = self._days
        if days.phase is Phase.OPEN and days.day is not None and day_of(now, self.tz) != days.day:
            self._days.phase = Phase.OPENING  # midnight: keys that need the day wait for the new one
            self._out.effects.append(Effect.RELOAD)
        if self._ritual.live is not None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual.live, Tick(), now, block=self._block_clock(now))
            if isinstance(decision, rules.Keep | rules.Close):
                self._obey(decision, now)

    def _to_the_reset(self, command: Command, now: datetime) -> None:
        """A command only the reset hears (a box for writing opened or closed on it): nothing
        without one, whatever the day is doing."""
        if self._ritual.live is not None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual.live, command, now, block=self._block_clock(now))
            if isinstance(decision, rules.Keep | rules.Close):
                self._obey(decision, now)

    def _quit(self, now: datetime) -> None:
        """Close a running reset as interrupted, then exit, whether or not that could be stored
        (the next start stores it). Nothing is done after a quit."""
        self._out.leaving = True
        if self._ritual.live is not None:
            from companion.session import ritual as rules

            decision = rules.decide(self._ritual.live, Quit(), now, block=self._block_clock(now))
            if isinstance(decision, rules.Close):
                self._close_ritual(decision, now, leaving=True)
                return
        self._out.effects.append(Effect.EXIT)


Handler = Callable[[SessionController, Any, datetime], object]  # what it gives back is let go

# What each command does. A row looks its method up when it runs, so a test can stand one in.
ON_COMMAND: dict[type[Any], Handler] = {
    Stored: lambda s, ack, at: s._acknowledged(ack, at),
    NotStored: lambda s, ack, at: s._acknowledged(ack, at),
    DayLoaded: lambda s, loaded, at: s._opened(loaded, at),
    DayUnreadable: lambda s, unreadable, at: s._cannot_open(unreadable.reason, at),
    Arrived: lambda s, arrived, at: s._arrived(arrived.events, at),
    Tick: lambda s, _, at: s._tick(at),
    Say: lambda s, say, at: s._say(Line(say.text, error=say.error), at),
    Quit: lambda s, _, at: s._quit(at),
    CloseSummary: lambda s, _, at: s._close_summary(),
    AroundRead: lambda s, read, at: s._around_read(read, at),
    Writing: lambda s, writing, at: s._to_the_reset(writing, at),
    # DialledElsewhere is only ever put to the reset's rules (_arrived): nothing on its own.
}

# The rep's keys once the day is open and the reset (if one runs) left them to the day.
ON_KEY: dict[type[Any], Handler] = {
    LogOutcome: lambda s, key, at: s._log(key.outcome, at, hard=key.hard),
    Undo: lambda s, _, at: s._undo(at),
    TogglePause: lambda s, _, at: s._toggle_pause(at),
    EndBlock: lambda s, _, at: s._end_block(at),
    StartBlock: lambda s, _, at: s._start_block(at),
    Tag: lambda s, tag, at: s._tag(tag, at),
    Review: lambda s, review, at: s._review(review, at),
    Dismiss: lambda s, dismiss, at: s._dismiss(dismiss, at),
    AddWin: lambda s, win, at: s._add_win(win, at),
    PickFocus: lambda s, focus, at: s._pick_focus(focus, at),
    ReadBack: lambda s, _, at: s._read_back(at),
    Notice: lambda s, notice, at: s._notice(notice, at),
    OpenWarmup: lambda s, _, at: s._open_warmup(at),
    CloseWarmup: lambda s, _, at: s._close_warmup(),
    # Without a reset these mean nothing: a key from a screen just closing.
    MarkDialling: lambda s, _, at: None,
    Skip: lambda s, _, at: None,
}

# What each step a write's Follow names does, once the store has answered.
ON_NEXT: dict[type[Any], Handler] = {
    StartRitual: lambda s, step, now: s._start_ritual(step.call, now),
    StartElsewhere: lambda s, step, now: s._start_from_elsewhere(step.call, now),
    RitualOver: lambda s, step, now: s._ritual_over(step.no_id),
    HintSaid: lambda s, _, now: s._hint_said(),
    HoldEarly: lambda s, step, now: s._days.early.append(step.call),
    ShowSummary: lambda s, step, now: s._show_summary(step.block),
    SayDue: lambda s, step, now: s._say_due(step.said, now),
    EndBlockToo: lambda s, step, now: s._end_block(now, failed=step.failed),
    TogglePauseToo: lambda s, _, now: s._toggle_pause(now),
    DayOpen: lambda s, opened, now: s._day_open(opened, now),
    OpenAnyway: lambda s, _, now: s._open_anyway(),
    Leave: lambda s, _, now: s._out.effects.append(Effect.EXIT),
}
