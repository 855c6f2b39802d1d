"""Every rule of the reset after a `no`, in one place.

A reset starts after each outcome listed in `[ritual] after` (RitualConfig.follows) that the
app logs, and after one logged by another process when it is fresh (a dialer hook's `no`, not a
back-filled call). Its
steps run on deadlines (core.ritual.RitualSchedule): Breathe, Reframe and Review target advance by
themselves, and Dial waits for the rep. While it runs:

- outcome keys are locked in the timed steps (no call can have happened yet), and a line counts
  down to Dial; at Dial an outcome key completes the reset and logs the call;
- Enter marks dialling at Dial (completed, with recovery and hesitation); earlier, it says when;
- `s` twice within SKIP_WINDOW_S skips it (stored as skipped);
- `u` says the no was a mis-key: the no is voided and the reset cancelled;
- `e` at Dial closes it as interrupted and ends the block; earlier, it says when it works;
- `p` says the clock pauses once the reset is over;
- a call logged by another process, quitting, and DIAL_WAIT_MAX_S at Dial close it as
  interrupted, without a recovery time (the last is tried once, so a failing disk is not retried
  on every tick);
- one ending at a time: a second ending while the first is being stored is ignored;
- a reset running at midnight goes on; it belongs to the day of its no.

`decide` answers each command with what to do; the controller stores what it says."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from companion.core.events import Event, RitualEnd
from companion.core.outcomes import Outcome
from companion.core.ritual import RitualSchedule, RitualStep
from companion.core.words import seconds
from companion.session.commands import (
    Arrived,
    Command,
    EndBlock,
    LogOutcome,
    MarkDialling,
    Quit,
    Skip,
    Tick,
    TogglePause,
    Undo,
)
from companion.session.line import Line

SKIP_WINDOW_S = 3.0  # the second `s` must follow the first within this
DIAL_WAIT_MAX_S = 600.0  # past this at Dial the rep has stepped away: the reset ends unmeasured
FOREIGN_NO_FRESH_S = 60.0  # a no logged elsewhere starts the reset if it is this fresh
CUE_S = 1.0  # how long a step change is highlighted


@dataclass(frozen=True, slots=True)
class LiveRitual:
    """The reset on screen now."""

    no: Event  # the no it follows
    schedule: RitualSchedule
    reframe: str
    skip_armed_at: datetime | None = None
    announced: RitualStep = RitualStep.BREATHE  # the last step whose start was announced
    break_tried: bool = False  # closing it as a break was tried (once only)
    closing: bool = False  # an ending is being stored

    def step(self, now: datetime) -> RitualStep:
        return self.schedule.at(now).step

    def at_dial(self, now: datetime) -> bool:
        return self.step(now) is RitualStep.DIAL

    def cue(self, now: datetime) -> bool:
        """True for a moment after each step change (not at the start)."""
        step = self.step(now)
        if step is RitualStep.BREATHE:
            return False
        return (now - self.schedule.step_began(step)).total_seconds() < CUE_S

    def skip_armed(self, now: datetime) -> bool:
        armed = self.skip_armed_at
        return armed is not None and 0 <= (now - armed).total_seconds() <= SKIP_WINDOW_S

    def recovered(self, now: datetime) -> Ending:
        """Completed at `now`: the no to the dial mark, and how long Dial was on screen."""
        return Ending(
            RitualEnd.COMPLETED,
            now,
            recovery_s=round((now - self.schedule.started).total_seconds(), 1),
            hesitation_s=round((now - self.schedule.dial_from).total_seconds(), 1),
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
    line: Line | None = None
    bell: bool = False


@dataclass(frozen=True, slots=True)
class Close:
    """Store the ending (with what goes with it); only then is the reset over."""

    ending: Ending
    then_log: Outcome | None = None  # an outcome key pressed at Dial: the next call, logged too
    void_no: bool = False  # `u`: the no was a mis-key
    then_end_block: bool = False  # `e` at Dial
    said: Line | None = None  # what to tell the rep once it is stored


@dataclass(frozen=True, slots=True)
class NotMine:
    """Not a matter for the reset: the day handles it as it would without one."""


Decision = Keep | Close | NotMine

LOCKED = "Not logged: no call yet. Dial opens in {left}."


def fresh_enough(call: Event, now: datetime) -> bool:
    """A call logged elsewhere is recent enough to start a reset (not a back-filled one)."""
    return (now - call.at).total_seconds() < FOREIGN_NO_FRESH_S


def decide(ritual: LiveRitual, command: Command, now: datetime, *, paused: bool) -> Decision:
    """What `command` does to the reset at `now`. `paused`: the block clock is paused."""
    if ritual.closing and _ends(command):
        return Keep(ritual)  # its ending is being stored: one ending per reset
    at_dial = ritual.at_dial(now)
    opens = ritual.schedule.dial_from
    if isinstance(command, LogOutcome):
        if not at_dial:
            return Keep(ritual, Line(LOCKED, counts_to=opens))
        ending = ritual.recovered(now)
        logged = f"Recovered in {seconds(ending.recovery_s)} · logged {command.outcome.value}"
        return Close(ending, then_log=command.outcome, said=Line(logged))
    if isinstance(command, MarkDialling):
        if not at_dial:
            return Keep(ritual, Line("Enter marks dialling once Dial opens, in {left}.", counts_to=opens))
        ending = ritual.recovered(now)
        return Close(ending, said=Line(f"Recovered in {seconds(ending.recovery_s)}. Go get the next one."))
    if isinstance(command, Skip):
        if ritual.skip_armed(now):
            return Close(Ending(RitualEnd.SKIPPED, now), said=Line("Reset skipped. Next call: fresh start."))
        return Keep(
            replace(ritual, skip_armed_at=now), Line("Press s again to skip. It is noted as skipped.")
        )
    if isinstance(command, Undo):
        cancelled = Line("Undone: the no is voided and the reset cancelled.")
        return Close(Ending(RitualEnd.CANCELLED, now), void_no=True, said=cancelled)
    if isinstance(command, EndBlock):
        if at_dial:
            return Close(Ending(RitualEnd.INTERRUPTED, now), then_end_block=True)
        return Keep(ritual, Line("e ends the block from the Dial step, or after s s."))
    if isinstance(command, TogglePause):
        return Keep(ritual, Line(f"p {'resumes' if paused else 'pauses'} the block once the reset ends."))
    if isinstance(command, Quit):
        return Close(Ending(RitualEnd.INTERRUPTED, now))
    if isinstance(command, Arrived):
        calls = [e for e in command.events if e.outcome is not None]
        if not calls:
            return NotMine()
        elsewhere = Line(f"Reset ended: {calls[-1].outcome} logged elsewhere.")
        return Close(Ending(RitualEnd.INTERRUPTED, now), said=elsewhere)
    if isinstance(command, Tick):
        return _tick(ritual, now)
    return NotMine()


def _tick(ritual: LiveRitual, now: datetime) -> Decision:
    """A break at Dial ends the reset (once tried); a new step is announced once."""
    waited = (now - ritual.schedule.dial_from).total_seconds()
    if waited > DIAL_WAIT_MAX_S and not ritual.break_tried and not ritual.closing:
        minutes = round(DIAL_WAIT_MAX_S / 60)
        said = Line(f"Reset closed: {minutes} min at Dial is a break, not a recovery.", sticky=True)
        return Close(Ending(RitualEnd.INTERRUPTED, now), said=said)
    step = ritual.step(now)
    if _order(step) > _order(ritual.announced):
        return Keep(replace(ritual, announced=step), bell=True)
    return Keep(ritual)


def _ends(command: Command) -> bool:
    return isinstance(command, LogOutcome | MarkDialling | Skip | Undo | EndBlock | Quit | Arrived)


def _order(step: RitualStep) -> int:
    return list(RitualStep).index(step)
