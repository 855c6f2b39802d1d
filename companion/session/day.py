"""The day's keys once it is open, and the reset a call starts: a call (stored, then its reset);
the reset as its rules decide (ritual.py), kept or closed (its ending stored, then what was
asked with it); undo, pause, ending and starting a block, tags."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from companion.core.calendar import day_bounds, day_of, local
from companion.core.events import Event, EventKind, make_event, new_id
from companion.core.ideas import Coached, Idea
from companion.core.ledger import Block
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, clean_note, reason_label
from companion.core.words import hhmm
from companion.session.commands import Tag
from companion.session.follow import (
    NOT_SAVED,
    EndBlockToo,
    Follow,
    HintSaid,
    Leave,
    Next,
    RitualOver,
    ShowSummary,
    StartElsewhere,
    StartRitual,
    TogglePauseToo,
)
from companion.session.line import NO_BLOCK, Line
from companion.session.model import Effect, SessionModel
from companion.session.state import NO_NOTE_TARGET, NO_TAG_TARGET, note_target, tag_target

if TYPE_CHECKING:
    from companion.session.ritual import Close, Keep

NOT_STARTED = "The block has not started: your first call starts it."
# What a new block says of its first call, after "New block started.".
NEW_BLOCK_FRESH = Coached(Idea.BLANK_SLATE, "The next call is a blank slate.")


class DayKeys(SessionModel):
    # -- a call, and the reset it starts ----------------------------------------------------

    def _log(self, outcome: Outcome, at: datetime, *, hard: bool = False) -> None:
        self._close_warmup()  # calling has begun: the counters have the screen
        events = self._new_call(outcome, at, hard=hard)
        call = events[-1]
        said = f"Logged {outcome.value}{' (hard)' if call.hard else ''} · {hhmm(call.at, self.tz)}"
        block = self._open_block(call.at)  # as it is before the write is stored: None, and
        if block is not None and block.is_paused():  # this call starts one (the bar shows it)
            said += " · clock paused (p resumes)"
        # Its reset starts once it is stored: the reframe reads the day with this call in it.
        then = (StartRitual(call),) if self.config.ritual.follows(call) else ()
        self._store(events, Follow(Line(said), then))

    def _new_call(self, outcome: Outcome, at: datetime, *, hard: bool = False) -> list[Event]:
        """The call, last; before it, in the same write, the BLOCK_START it begins when no
        block of its day is open: a block starts with its first call."""
        block = self._open_block(at)
        events = []
        if block is None:
            events.append(self._block_start(at, new_id()))
        call = make_event(
            EventKind.OUTCOME, local(at, self.tz), outcome=outcome,
            session=block.id if block else events[0].session, source="app",
            hard=True if hard and outcome is Outcome.NO else None,
        )  # fmt: skip
        return [*events, call]

    def _start_ritual(self, no: Event, now: datetime) -> None:
        from companion.core.reframes import next_reframe
        from companion.session.ritual import LiveRitual

        r = self.config.ritual
        schedule = r.schedule(no)
        assert schedule is not None  # only a call that starts a reset comes here
        ritual = self._ritual
        reframe = next_reframe(
            ritual.last_reframe, self._rng, self._day_view(now).nos_per_yes, r.own_reframes
        )
        ritual.last_reframe = reframe
        ritual.live = LiveRitual(
            no, schedule, reframe, announced=schedule.at(now).step, keys=self.config.keys,
            let_through=r.gate == "let-through",
        )  # fmt: skip

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
            events += self._new_call(close.then_log, ending.at, hard=close.then_hard)
            next_call = events[-1]
        self._store(events, self._after_close(close, no.id, next_call, leaving))

    def _after_close(self, close: Close, no_id: str, next_call: Event | None, leaving: bool) -> Follow:
        """What follows a reset's ending. Stored: the reset is over, its line said (the hint
        once a run), then the next reset (the next call's, or a fresh no's from elsewhere), the
        block ended or paused, the exit. Not stored: one ended from elsewhere is over anyway."""
        said = close.said
        then: list[Next] = [RitualOver(no_id)]
        if said is not None and close.hint is not None and not self._ritual.hinted:  # never a nag
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
            otherwise.append(RitualOver(no_id))
            if close.then_start is not None:
                otherwise.append(StartElsewhere(close.then_start))
        if leaving:
            then.append(Leave())
            otherwise.append(Leave())
        failed = NOT_SAVED if next_call is not None else "The reset's end is NOT saved: {reason}."
        return Follow(said, tuple(then), failed, tuple(otherwise))

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

    # -- undo, pause, blocks, tags ----------------------------------------------------------

    def _undo(self, at: datetime) -> None:
        """Void today's latest call up to `at`: a `u` kept while the day opened never takes
        back a call pressed after it."""
        start, end = day_bounds(day_of(at, self.tz), self.tz)
        today = [call for call in self._days.ledger.outcomes_between(start, end) if call.at <= at]
        if not today:
            self._say(Line("Nothing to undo today."), at)
            return
        self._void(today[-1], at)

    def _toggle_pause(self, at: datetime) -> None:
        block = self._open_block(at)
        if block is None:
            self._say(Line(NOT_STARTED), at)
            return
        kind = EventKind.RESUME if block.is_paused() else EventKind.PAUSE
        said = Line("Block clock paused." if kind is EventKind.PAUSE else "Block clock running.")
        event = make_event(kind, local(at, self.tz), session=block.id, source="app")
        failed = "NOT paused: {reason}." if kind is EventKind.PAUSE else "NOT resumed: {reason}."
        self._store([event], Follow(said, failed=failed))

    def _end_block(self, at: datetime, failed: str = "The block is NOT ended: {reason}.") -> None:
        block = self._open_block(at)
        if block is None:
            self._say(Line(NO_BLOCK), at)
            return
        event = make_event(EventKind.BLOCK_END, local(at, self.tz), session=block.id, source="app")
        said = Line("Block ended. Enter starts a new one.")
        self._store([event], Follow(said, (ShowSummary(block),), failed))

    def _show_summary(self, block: Block) -> None:
        """The summary of `block`, just ended: as the ledger has it now, with its end."""
        self._days.summary = next((b for b in self._days.ledger.blocks if b.id == block.id), block)

    def _close_summary(self) -> None:
        self._days.summary = None  # back to the session screen; the block stays ended

    def _start_block(self, at: datetime) -> None:
        self._days.summary = None
        if self._open_block(at) is not None:
            self._say(Line("A block is open already; e ends it."), at)
            return
        event = self._block_start(at, new_id())
        said = Line(f"New block started. {NEW_BLOCK_FRESH.text}")
        self._store([event], Follow(said, failed="No new block: {reason}."))

    def _tag(self, tag: Tag, at: datetime) -> None:
        """A note goes to the reset's no, else today's latest call, whatever it was; a reason,
        a cause or how bad it felt only ever to a no (the last one, until the next call)."""
        day = self._day_view(at)
        in_ritual = self._ritual.live is not None
        ritual_no = self._ritual.live.no.id if self._ritual.live is not None else None
        target_id: str | None
        if tag.target is not None:  # chosen when the box opened: that call, if it still counts
            chosen = self._days.ledger.outcome(tag.target)
            target_id = tag.target if chosen is not None or tag.target == ritual_no else None
            on_a_no = chosen is None or chosen.outcome is Outcome.NO
            missing = "Not saved: that call was undone while the note was typed."
        elif tag.note is not None:
            target = note_target(day) if not in_ritual else None
            target_id = ritual_no or (target.id if target else None)
            on_a_no = in_ritual or (target is not None and target.outcome is Outcome.NO)
            missing = NO_NOTE_TARGET
        else:
            target_id = tag_target(ritual_no, day)
            on_a_no, missing = True, NO_TAG_TARGET
        if target_id is None:
            self._say(Line(missing), at)
            return
        note = clean_note(tag.note) if tag.note is not None else None
        story = clean_note(tag.story) if tag.story is not None and on_a_no else None
        event = make_event(
            EventKind.TAG, local(at, self.tz), target=target_id, source="app",
            reason=tag.reason, cause=tag.cause, note=note, felt=tag.felt if on_a_no else None,
            story=story,
        )  # fmt: skip

        said = None if in_ritual else _tagged_line(tag, note, story, event.felt)
        self._store([event], Follow(said, failed="NOT tagged: {reason}."))


def _tagged_line(tag: Tag, note: str | None, story: str | None, felt: int | None) -> Line:
    """What the rep is told once a tag out of a reset is stored (the reset shows its tags on a
    line of its own)."""
    if story and not (tag.reason or tag.cause or note or felt):
        return Line("Story kept: it is in your resume.")
    named = reason_label(tag.reason) if tag.reason else CAUSE_LABELS.get(tag.cause or "")
    how = f"felt {felt}/5" if felt else ""
    if named:
        return Line(f"Tagged: {named}")
    if note:
        return Line("Note saved" + (f" · {how}." if how else "."))
    return Line(f"Noted: {how}.")
