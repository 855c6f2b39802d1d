"""The day's keys once it is open: a call, undo, pause, ending and starting a block, tags."""

from __future__ import annotations

from datetime import datetime

from companion.core.calendar import day_bounds, day_of, local
from companion.core.events import EventKind, make_event, new_id
from companion.core.ledger import Block
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, clean_note, reason_label
from companion.core.words import hhmm
from companion.session.commands import Tag
from companion.session.follow import Follow, ShowSummary, StartRitual
from companion.session.line import NO_BLOCK, Line
from companion.session.model import SessionModel
from companion.session.state import NO_NOTE_TARGET, NO_TAG_TARGET, note_target, tag_target


class DayKeys(SessionModel):
    def _log(self, outcome: Outcome, at: datetime, *, hard: bool = False) -> None:
        self._close_warmup()  # calling has begun: the counters have the screen
        call = self._new_call(outcome, at, hard=hard)
        said = f"Logged {outcome.value}{' (hard)' if call.hard else ''} · {hhmm(call.at, self.tz)}"
        block = self._open_block(call.at)  # the call changes no block: as it will be once stored
        if block is None:
            said += " · no block (Enter starts one)"
        elif block.is_paused():
            said += " · clock paused (p resumes)"
        # Its reset starts once it is stored: the reframe reads the day with this call in it.
        then = (StartRitual(call),) if self.config.ritual.follows(call) else ()
        self._store([call], Follow(Line(said), then))

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
            self._say(Line(NO_BLOCK), at)
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
        event = make_event(EventKind.BLOCK_START, local(at, self.tz), session=new_id(), source="app")
        said = Line("New block started. The next call is a blank slate.")
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
