"""Every rule of the reset after a `no`, in one place.

When a reset starts
- after each outcome the app logs that `[ritual] after` lists (RitualConfig.follows);
- after one logged by another process, when it is fresh (FOREIGN_NO_FRESH_S: a dialer hook's
  `no`, not a back-filled call) and `[ritual] outside` is "reset" (the default; "count" only
  counts it). A reset already running is never restarted: a no from elsewhere during its timed
  steps is counted and the reset goes on (no call could have followed it yet: most likely the
  same call, logged twice); at Dial, the next call has happened: the reset ends as interrupted,
  and a fresh no gets its own reset, as `n` there does;
- after one logged while the day was still being read, if it is still fresh once it is.

While it runs (its steps advance on deadlines: core.ritual.RitualSchedule)
- a call in the timed steps follows `[ritual] gate` (LiveRitual.let_through), one rule for an
  outcome key and a call logged elsewhere:
  - "hold" (the default): an outcome key is not logged (no call can have happened yet), and a
    line naming the setting counts down to Dial; a call logged elsewhere is as below;
  - "let-through" (power dialers, which connect the next call during Breathe): the call is
    logged at once and the reset ends as cut short (RitualEnd.CUT_SHORT: counted, never
    timed); a no gets its own reset (one from elsewhere if `outside` is "reset"). A dial mark
    from elsewhere before Dial cuts it short too;
- at Dial an outcome key completes the reset and logs the call;
- while a box for writing is open (a note, a story: `Writing`), the hesitation clock stops;
  it runs on when the box closes (core.ritual.waited_s). Recovery is from the no to the dial
  mark, writing included: writing it down is part of getting over it;
- Enter marks dialling at Dial (completed, with recovery and hesitation); earlier, it says when;
  `companion dial` from another process (a dialer's "call started" hook) marks it the same way,
  at the moment it was run; one run before Dial opened ends the reset as interrupted;
- an outcome key at Dial completes the reset unmeasured: no dial mark, so no recovery time (the
  time to that key would be the whole next call); `N` there logs a hard no and its long reset;
- `s` twice within SKIP_WINDOW_S skips it (stored as skipped); the prompt lasts that long;
- `u` says the no was a mis-key: the no is voided and the reset cancelled;
- `e` at Dial closes it as interrupted and ends the block; `p` at Dial closes it as interrupted
  and pauses (or resumes) the block clock: the rep is stepping away; before Dial, each says
  when it works;
- a call logged by another process for a time after the no ends it as interrupted (one
  back-filled for earlier does not), and so does quitting;
- DIAL_WAIT_MAX_S at Dial is a break, not a recovery: it ends as interrupted, tried once on a
  tick (a failing disk is not retried on every tick), and a dial mark or a call after it never
  completes the reset: no recovery time is ever longer than the break;
- a reset ended from elsewhere (a call logged there, quitting) is over even if its ending
  cannot be stored: it never completes later across that call (the next start stores it);
- a reset running at midnight goes on, and belongs to the day of its `no`
  (Ledger.rituals_between counts a reset on the day its `no` was logged).

When the app opens, a reset it left open today (closed or killed mid-reset) is stored as
interrupted (`left_open`).

`decide` answers each command with what to do; the controller stores what it says."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from companion.config import own_key
from companion.core.calendar import Zone
from companion.core.events import Event, RitualEnd
from companion.core.ideas import Coached, Idea
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.ritual import DIAL_WAIT_MAX_S, RitualSchedule, RitualStep, WritingSpan, waited_s
from companion.core.words import hhmm, seconds
from companion.session.commands import (
    Arrived,
    Command,
    DialledElsewhere,
    EndBlock,
    LogOutcome,
    MarkDialling,
    Quit,
    Skip,
    Tick,
    TogglePause,
    Undo,
    Writing,
)
from companion.session.line import Line

SKIP_WINDOW_S = 3.0  # the second `s` must follow the first within this
FOREIGN_NO_FRESH_S = 120.0  # a no logged elsewhere starts a reset if it is this fresh
CUE_S = 1.0  # how long a step change is highlighted
_SKIP_WINDOW = timedelta(seconds=SKIP_WINDOW_S)
_HELD = 'Not logged: Dial opens in {left} ([ritual] gate = "hold").'  # fits 60 columns
_NO_BLOCK_HERE = "No block is open; after the reset, {enter} starts one."  # Enter here is dialling
_BREAK_TEXT = f"Reset closed: {round(DIAL_WAIT_MAX_S / 60)} min at Dial is a break, not a recovery."
# The words that close a reset, after what it did ("Recovered in 24s from the no.", "Reset
# skipped."): on to the next call, which starts clean.
NEXT_ONE = Coached(Idea.MOVE_ON, "Next one.")
SKIPPED_FRESH = Coached(Idea.BLANK_SLATE, "Next call: fresh start.")


@dataclass(frozen=True, slots=True)
class LiveRitual:
    """The reset on screen now."""

    no: Event  # the no it follows
    schedule: RitualSchedule
    reframe: str
    skip_armed_at: datetime | None = None
    announced: RitualStep = RitualStep.BREATHE  # the last step whose start was announced
    break_tried: bool = False  # closing it as a break was tried (once only)
    keys: tuple[tuple[str, str], ...] = ()  # [keys]: the rep's own keys, for the lines said
    let_through: bool = False  # `[ritual] gate = "let-through"`: a call in the timed steps cuts it short
    writing: tuple[WritingSpan, ...] = ()  # boxes the rep wrote in; the last still open if it ends None

    def key(self, binding_id: str, default: str) -> str:
        """The key the rep presses for `binding_id`: their own (the first given), or `default`."""
        return own_key(dict(self.keys), binding_id, default)

    def step(self, now: datetime) -> RitualStep:
        return self.schedule.at(now).step

    def at_dial(self, now: datetime) -> bool:
        return self.step(now) is RitualStep.DIAL

    def cue(self, now: datetime) -> bool:
        """True for a moment after each step change (not at the start)."""
        step = self.step(now)
        if step is self.schedule.steps[0]:
            return False
        return (now - self.schedule.step_began(step)).total_seconds() < CUE_S

    @property
    def is_writing(self) -> bool:
        return bool(self.writing) and self.writing[-1][1] is None

    def wrote(self, opened: bool, now: datetime) -> LiveRitual:
        """A box for writing opened (or closed) at `now`; the same reset if it already was."""
        if opened and not self.is_writing:
            return replace(self, writing=(*self.writing, (now, None)))
        if not opened and self.is_writing:
            return replace(self, writing=(*self.writing[:-1], (self.writing[-1][0], now)))
        return self

    def waited(self, now: datetime) -> float:
        """The hesitation clock: seconds at Dial by `now`, not counting time spent writing."""
        return waited_s(self.schedule.dial_from, now, self.writing)

    def on_a_break(self, now: datetime) -> bool:
        """Longer at Dial than anyone takes to pick up the phone."""
        return (now - self.schedule.dial_from).total_seconds() > DIAL_WAIT_MAX_S

    def recovered(self, now: datetime) -> Ending:
        """Completed at `now` (interrupted after a break): the no to the dial mark, and how
        long Dial was on screen, less the time spent writing."""
        if self.on_a_break(now):
            return Ending(RitualEnd.INTERRUPTED, now)
        return Ending(
            RitualEnd.COMPLETED,
            now,
            recovery_s=round((now - self.schedule.started).total_seconds(), 1),
            hesitation_s=round(self.waited(now), 1),
        )


@dataclass(frozen=True, slots=True)
class Ending:
    """How a reset ends, ready to be stored as its ritual event."""

    end: RitualEnd
    at: datetime
    recovery_s: float | None = None
    hesitation_s: float | None = None


@dataclass(frozen=True, slots=True)
class Keep:
    """The reset goes on (perhaps changed), with a line to show, and a bell for a new step."""

    ritual: LiveRitual
    said: Line | None = None  # what to tell the rep now
    bell: bool = False


@dataclass(frozen=True, slots=True)
class Close:
    """Store the ending (with what goes with it); only then is the reset over."""

    ending: Ending
    then_log: Outcome | None = None  # an outcome key pressed at Dial: the next call, logged too
    then_hard: bool = False  # that next call is a hard no (N)
    void_no: bool = False  # `u`: the no was a mis-key
    then_end_block: bool = False  # `e` at Dial
    then_toggle_pause: bool = False  # `p` at Dial
    then_start: Event | None = None  # a fresh no from elsewhere: its own reset next
    said: Line | None = None  # what to tell the rep once it is stored
    hint: str | None = None  # said after it the first time only (how to time a reset)
    a_break: bool = False  # ten minutes at Dial: tried once only
    over_anyway: bool = False  # ended from elsewhere: over even if the ending is not stored


@dataclass(frozen=True, slots=True)
class NotMine:
    """Not a matter for the reset: the day handles it as it would without one."""


Decision = Keep | Close | NotMine


def decide(ritual: LiveRitual, command: Command, now: datetime, *, block: BlockClock) -> Decision:
    """What `command` does to the reset at `now`; `block` is the state of the block clock."""
    at_dial = ritual.at_dial(now)
    opens = ritual.schedule.dial_from
    if isinstance(command, LogOutcome):
        if not at_dial and ritual.let_through:
            logged = f"Logged {command.outcome.value}" + (" (hard)" if command.hard else "")
            said = Line(f"{logged} · reset cut short")
            cut = Ending(RitualEnd.CUT_SHORT, now)
            return Close(cut, then_log=command.outcome, then_hard=command.hard, said=said)
        if not at_dial:
            said = Line(_HELD, counts_to=opens, afterwards="Dial is open now: log that call again.")
            return Keep(ritual, said)
        # No dial mark: done, but unmeasured. The time to this key holds the whole next call.
        end = RitualEnd.INTERRUPTED if ritual.on_a_break(now) else RitualEnd.COMPLETED
        logged = f"Logged {command.outcome.value}" + (" (hard)" if command.hard else "")
        untimed = end is RitualEnd.COMPLETED
        said = Line(logged + (" · not timed" if untimed else ""))
        hint = " (Enter at Dial times it)" if untimed else None  # fits 60 columns
        return Close(Ending(end, now), then_log=command.outcome, then_hard=command.hard, said=said, hint=hint)
    if isinstance(command, MarkDialling):
        if not at_dial:
            enter = ritual.key("dial", "Enter")
            return Keep(
                ritual, Line(f"{enter} marks dialling once Dial opens, in {{left}}.", counts_to=opens)
            )
        ending = ritual.recovered(now)
        if ending.recovery_s is None:
            return Close(ending, said=Line(_BREAK_TEXT, sticky=True), a_break=True)
        return Close(
            ending, said=Line(f"Recovered in {seconds(ending.recovery_s)} from the no. {NEXT_ONE.text}")
        )
    if isinstance(command, DialledElsewhere):
        return _dialled_elsewhere(ritual, command.at, now)
    if isinstance(command, Skip):
        armed = ritual.skip_armed_at
        if armed is not None and 0 <= (now - armed).total_seconds() <= SKIP_WINDOW_S:
            return Close(Ending(RitualEnd.SKIPPED, now), said=Line(f"Reset skipped. {SKIPPED_FRESH.text}"))
        again = f"Press {ritual.key('skip', 's')} again to skip. It is noted as skipped."
        prompt = Line(again, counts_to=now + _SKIP_WINDOW)
        return Keep(replace(ritual, skip_armed_at=now), prompt)
    if isinstance(command, Writing):
        return Keep(ritual.wrote(command.open, now))
    if isinstance(command, Undo):
        cancelled = Line("Undone: the no is voided and the reset cancelled.")
        return Close(Ending(RitualEnd.CANCELLED, now), void_no=True, said=cancelled)
    if isinstance(command, EndBlock | TogglePause) and block is BlockClock.NONE:
        return Keep(ritual, Line(_NO_BLOCK_HERE.format(enter=ritual.key("start-block", "Enter"))))
    if isinstance(command, EndBlock):
        if at_dial:
            return Close(Ending(RitualEnd.INTERRUPTED, now), then_end_block=True)
        end_key, skip_key = ritual.key("end-block", "e"), ritual.key("skip", "s")
        when = f"{end_key} ends the block from the Dial step, or after {skip_key} {skip_key}."
        return Keep(ritual, Line(when, counts_to=opens))
    if isinstance(command, TogglePause):
        if block is BlockClock.PAUSED:
            return NotMine()  # back at work: the clock runs on and the reset goes on
        if at_dial:
            return Close(Ending(RitualEnd.INTERRUPTED, now), then_toggle_pause=True)
        pause_key, skip_key = ritual.key("pause", "p"), ritual.key("skip", "s")
        when = f"{pause_key} pauses the block from the Dial step, or after {skip_key} {skip_key}."
        return Keep(ritual, Line(when, counts_to=opens))
    if isinstance(command, Quit):
        return Close(Ending(RitualEnd.INTERRUPTED, now), over_anyway=True)
    if isinstance(command, Arrived):
        return _from_elsewhere(ritual, command.events, now)
    if isinstance(command, Tick):
        return _tick(ritual, now)
    return NotMine()


class BlockClock(Enum):
    """The block clock, as the reset's rules ask about it."""

    NONE = "no block open"
    RUNNING = "running"
    PAUSED = "paused"


def _from_elsewhere(ritual: LiveRitual, calls: tuple[Event, ...], now: datetime) -> Decision:
    """A call another process logged for a time after the no (the next call, made on the
    dialer) ends the reset; a fresh no among them gets its own. One back-filled for earlier
    is bookkeeping: it counts, and the reset goes on."""
    calls = tuple(c for c in calls if c.at >= ritual.no.at)
    if not calls:
        return NotMine()
    latest = calls[-1]
    if ritual.let_through and not ritual.at_dial(latest.at):  # a call made through the steps
        said = Line(f"{latest.outcome} logged elsewhere: reset cut short.")
        return Close(Ending(RitualEnd.CUT_SHORT, now), said=said, then_start=latest, over_anyway=True)
    if not ritual.at_dial(now) and all(c.outcome is Outcome.NO for c in calls):
        return Keep(ritual, Line("No logged elsewhere: counted. Same call? u after reset."))
    said = Line(f"Reset ended: {latest.outcome} logged elsewhere.")
    return Close(Ending(RitualEnd.INTERRUPTED, now), said=said, then_start=latest, over_anyway=True)


def _dialled_elsewhere(ritual: LiveRitual, at: datetime, now: datetime) -> Decision:
    """`companion dial` ran at `at`: at Dial, the reset completes as Enter would have then;
    before Dial opened, the rep is dialling anyway, and the reset ends unmeasured (cut short,
    with the gate let through: the dialer's pace)."""
    if ritual.at_dial(at):
        ending = ritual.recovered(at)
        if ending.recovery_s is None:
            return Close(ending, said=Line(_BREAK_TEXT, sticky=True), a_break=True, over_anyway=True)
        said = Line(f"Dial marked elsewhere · recovered in {seconds(ending.recovery_s)} from the no.")
        return Close(ending, said=said, over_anyway=True)
    if ritual.let_through:
        said = Line("Dialled elsewhere before Dial: reset cut short.")
        return Close(Ending(RitualEnd.CUT_SHORT, now), said=said, over_anyway=True)
    said = Line("Dialled elsewhere before Dial: reset closed, not timed.")
    return Close(Ending(RitualEnd.INTERRUPTED, now), said=said, over_anyway=True)


def _tick(ritual: LiveRitual, now: datetime) -> Decision:
    """A break at Dial ends the reset (once tried); a new step is announced once."""
    if ritual.on_a_break(now) and not ritual.break_tried:
        return Close(Ending(RitualEnd.INTERRUPTED, now), said=Line(_BREAK_TEXT, sticky=True), a_break=True)
    step = ritual.step(now)
    if _ORDER[step] > _ORDER[ritual.announced]:
        return Keep(replace(ritual, announced=step), bell=True)
    return Keep(ritual)


_ORDER = {step: n for n, step in enumerate(RitualStep)}


def starts_from_elsewhere(call: Event, now: datetime, follows: Callable[[Event], bool]) -> bool:
    """A call another process logged (or this app logged before the day was read) starts a
    reset when it is a reset's kind of call and still fresh: not a back-filled one."""
    return follows(call) and (now - call.at).total_seconds() < FOREIGN_NO_FRESH_S


def started_elsewhere_line(call: Event, tz: Zone) -> Line:
    """What the rep is told when a reset opens for a call they did not log here."""
    if call.hard:
        return Line(f"A hard no logged elsewhere at {hhmm(call.at, tz)}: long reset.")
    return Line(f"A {call.outcome} logged elsewhere at {hhmm(call.at, tz)}: reset.")


def left_open(
    ledger: Ledger,
    start: datetime,
    end: datetime,
    follows: Callable[[Event], bool],
    ours: Collection[str],
) -> list[Event]:
    """The `no`s this app logged in [start, end) (today), before this run (`ours` holds this
    run's), whose reset never ended: the app was closed or killed mid-reset."""
    ended = {r.no_id for r in ledger.rituals}
    return [
        no
        for no in ledger.outcomes_between(start, end)
        if no.source == "app" and follows(no) and no.id not in ended and no.id not in ours
    ]
