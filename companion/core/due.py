"""When a no is due for its 24-hour review (core.around has the rest of the day around the
block): apart, so that `companion status`, run every few seconds by a status bar, reads the
rule without loading the warm-up's and the resume's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from companion.core.events import Event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome

REVIEW_AFTER = timedelta(hours=24)
# A no not looked at for four weeks is no longer asked about; if it has a note it stays in the
# resume all the same. This also bounds what the app reads to ask.
REVIEW_DAYS = 28
SKILL_GAP = "skill-gap"


def reviewable(call: Event) -> bool:
    """A no worth a second look tomorrow: one with a note, tagged as a skill gap, or that
    landed hard (with the story it named, if any)."""
    return call.outcome is Outcome.NO and bool(
        call.note or call.cause == SKILL_GAP or call.hard or call.story
    )


def due_at(call: Event) -> datetime:
    """Exactly 24 hours after the call, in elapsed time, on the call's own clock."""
    return (call.at.astimezone(UTC) + REVIEW_AFTER).astimezone(call.at.tzinfo)


@dataclass(frozen=True, slots=True)
class Reviews:
    """The reviews at one moment: `due` oldest first, and how many wait for their 24 hours."""

    due: tuple[Event, ...]
    waiting: int

    def find(self, event_id: str) -> Event | None:
        return next((no for no in self.due if no.id == event_id), None)


def reviews_from(now: datetime) -> datetime:
    """The oldest time a no due for review at `now` can have been logged."""
    return now - timedelta(days=REVIEW_DAYS) - REVIEW_AFTER


def matters_to_reviews(doc: dict[str, Any]) -> bool:
    """A stored event, still as its JSON object, that `reviews` could turn on: a no, or what
    notes, undoes or answers one. A reader that needs only the reviews skips the rest unparsed."""
    kind = doc.get("kind")
    return kind in _REVIEW_KINDS or (kind == "outcome" and doc.get("outcome") == "no")


_REVIEW_KINDS = frozenset({"tag", "void", "review", "dismiss"})


def reviews(ledger: Ledger, now: datetime) -> Reviews:
    """What is due at `now` (never a no younger than 24 hours), and how many are not yet.
    The ledger must hold what `matters_to_reviews` keeps from `reviews_from(now)` on."""
    start = reviews_from(now)
    due, waiting = [], 0
    for call in ledger.outcomes_between(start, now + timedelta(seconds=1)):
        if not reviewable(call) or call.id in ledger.answers:
            continue
        if due_at(call) <= now:
            due.append(call)
        elif call.at <= now:
            waiting += 1
    return Reviews(tuple(due), waiting)
