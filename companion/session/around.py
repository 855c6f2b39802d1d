"""The day around the block, as keys: the 24-hour review (answered or dismissed), wins added by
hand, today's focus, reading the resume back, and the warm-up beside the counters. The rules
are in core.around; here they become events, stored like every other."""

from __future__ import annotations

from datetime import datetime

from companion.core.calendar import local
from companion.core.due import reviews
from companion.core.events import FELT_MAX, FELT_MIN, Event, EventKind, make_event
from companion.core.ideas import Coached, Idea
from companion.core.tags import clean_note, note_too_long
from companion.session.commands import AddWin, AroundRead, Dismiss, Notice, PickFocus, Review
from companion.session.follow import Follow, SayDue
from companion.session.line import Line
from companion.session.model import SessionModel

# Said once the rep picks today's practice in the warm-up.
PRACTICE_SET = Coached(Idea.WARMUP, "Today's practice is set. Each call gets a rep of it.")
NOT_DUE = "That no is not due for review (answered already, or not 24 hours old)."


class AroundKeys(SessionModel):
    def _due(self, target: str, at: datetime) -> Event | None:
        """The no `target` if it is due for review at `at`; else None, and the rep is told."""
        no = reviews(self.long_ledger, at).find(target)
        if no is None:
            self._say(Line(NOT_DUE, error=True), at)
        return no

    def _review(self, command: Review, at: datetime) -> None:
        no = self._due(command.target, at)
        if no is None:
            return
        lesson = clean_note(command.lesson)
        refusal = _text_refusal(lesson, "A lesson needs a few words (d dismisses instead).", "lesson")
        if refusal is None and command.felt is not None and not FELT_MIN <= command.felt <= FELT_MAX:
            refusal = f"How it feels now is {FELT_MIN} to {FELT_MAX}."
        if refusal is not None:
            self._say(Line(refusal, error=True), at)
            return
        event = make_event(
            EventKind.REVIEW, local(at, self.tz), target=no.id, lesson=lesson, felt=command.felt,
            session=no.session, source="app",
        )  # fmt: skip
        self._store([event], Follow(then=(SayDue("Lesson kept"),), failed="NOT saved: {reason}."))

    def _dismiss(self, command: Dismiss, at: datetime) -> None:
        no = self._due(command.target, at)
        if no is None:
            return
        event = make_event(EventKind.DISMISS, local(at, self.tz), target=no.id, source="app")
        said = f"Dismissed the no of {local(no.at, self.tz):%a %d %b %H:%M}"
        self._store([event], Follow(then=(SayDue(said),), failed="NOT dismissed: {reason}."))

    def _say_due(self, said: str, now: datetime) -> None:
        """`said`, and how many reviews are still due: once the answer is stored, it is not."""
        left = len(reviews(self.long_ledger, now).due)
        more = f" · {left} more due" if left else " · all caught up"
        self._say(Line(said + more + "."), now)

    def _add_win(self, command: AddWin, at: datetime) -> None:
        said = "Win saved. It will be there in the warm-up."
        self._add_text(EventKind.WIN, command.text, "A win needs a few words.", said, at)

    def _pick_focus(self, command: PickFocus, at: datetime) -> None:
        said = PRACTICE_SET.text
        self._add_text(EventKind.FOCUS, command.text, "Today's practice needs a few words.", said, at)

    def _notice(self, command: Notice, at: datetime) -> None:
        """What the rep notices reading the resume back: a read-back that keeps their line."""
        said = "Kept at the end of your resume: what you notice now."
        self._add_text(EventKind.READ_BACK, command.text, "What you notice needs a few words.", said, at)

    def _add_text(self, kind: EventKind, text: str, empty: str, said: str, at: datetime) -> None:
        """A win, today's focus or what the rep noticed reading the resume back: the rep's
        words, cleaned as a note is, stored as `kind`."""
        kept = clean_note(text)
        what = {EventKind.WIN: "win", EventKind.FOCUS: "focus"}.get(kind, "line")
        refusal = _text_refusal(kept, empty, what)
        if refusal is not None:
            self._say(Line(refusal, error=True), at)
            return
        event = make_event(kind, local(at, self.tz), note=kept, source="app")
        self._store([event], Follow(Line(said), failed="NOT saved: {reason}."))

    def _read_back(self, at: datetime) -> None:
        """The resume was read back: its entries so far are read. Quietly, and only once a run
        when nothing new was noted since."""
        event = make_event(EventKind.READ_BACK, local(at, self.tz), source="app")
        self._store([event], Follow(failed="Reading the resume back is NOT saved: {reason}."))

    # -- what the store had from before the window ---------------------------------------------

    def _around_read(self, command: AroundRead, at: datetime) -> None:
        """What was read from before the window, once the whole window is in: the last wins;
        what the store had to say; the warm-up, if the day's first block is waiting for it;
        and, once a run, an old unread resume entry: said quietly, never over a line that
        matters, and stored as said, so it is said once."""
        self._around.earlier_wins = command.wins
        if command.notices:
            self._say(Line(" · ".join(command.notices), error=True), at)
        if self._around.warmup_offered:
            self._around.warmup_offered = False
            day = self._day_view(at)
            if self._ritual.live is None and not day.counts.dials:  # not once calling has begun
                self._open_warmup(at)
        entry = command.unread
        if entry is None or self._around.nudged:
            return
        showing = self._status(at)
        if showing is not None and (
            showing.error or (self._lines.last is not None and self._lines.last[0].sticky)
        ):
            return  # not over news that matters; the next start says it
        self._around.nudged = True
        nudge = make_event(EventKind.NUDGE, local(at, self.tz), target=entry.no.id, source="app")
        month = f"{local(entry.no.at, self.tz):%B %Y}"
        said = Line(f"Your resume has no's from {month} you have not read back: l opens it.", sticky=True)
        failed = "The resume reminder is NOT saved: {reason}."
        self._store([nudge], Follow(said, failed=failed))


def _text_refusal(text: str, empty: str, what: str) -> str | None:
    if not text:
        return empty
    too_long = note_too_long(text, what)
    return f"{too_long[0].upper()}{too_long[1:]}." if too_long else None
