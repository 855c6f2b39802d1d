"""The day around the block, read from further back than the app's window: the rejection resume
and the wins (the whole history, keeping only the kinds they need), and what the app asks for
once the day is open (the last wins, an old unread resume entry). Plain blocking functions, for
the commands and for the app's worker threads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from companion.context import Context
from companion.core.around import (
    ResumeEntry,
    Win,
    concerns,
    noticings,
    resume,
    resume_nudge,
    wins,
)
from companion.core.calendar import day_bounds, day_of
from companion.core.events import Event, EventKind
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.outside import OutsideShare, resume_outside
from companion.session.commands import AroundRead

# How far back the app looks, a month at a time, for wins and unread resume entries.
AROUND_MONTHS = 12
_MARKS = frozenset({EventKind.TAG, EventKind.VOID})
_RESUME_KINDS = _MARKS | {EventKind.REVIEW, EventKind.DISMISS, EventKind.READ_BACK, EventKind.NUDGE}
_WIN_KINDS = _MARKS | {EventKind.WIN}


def for_resume(event: Event) -> bool:
    """What the resume is made of: no's, what marks them (tags, voids), answers, read-backs."""
    return event.kind in _RESUME_KINDS or event.outcome is Outcome.NO


def for_wins(event: Event) -> bool:
    return event.kind in _WIN_KINDS or event.outcome is Outcome.MEETING


def read_resume(ctx: Context) -> tuple[Ledger, list[str]]:
    """Every rejection worth a resume entry, with its answers (core.around.resume), and the
    store's notices."""
    events, notices = ctx.store.all_events(for_resume)
    return Ledger(events), notices


def resume_entries(ctx: Context) -> tuple[tuple[ResumeEntry, ...], list[str]]:
    ledger, notices = read_resume(ctx)
    return resume(ledger), notices


class ResumeRead(NamedTuple):
    """The resume as the `l` screen and `companion resume` show it."""

    entries: tuple[ResumeEntry, ...]  # newest first
    noticed: tuple[Event, ...]  # what the rep noticed reading it back, newest first
    outside: OutsideShare | None  # over the resume's whole span; None when it is empty


def read_resume_back(ctx: Context, now: datetime) -> tuple[ResumeRead, list[str]]:
    """The resume, what was noticed reading it back, and the share of no's outside the
    rep's control over its span, as of `now`; and the store's notices."""
    ledger, notices = read_resume(ctx)
    entries = resume(ledger)
    return ResumeRead(entries, noticings(ledger), resume_outside(ledger, entries, now, ctx.tz)), notices


def read_wins(ctx: Context) -> tuple[tuple[Win, ...], list[str]]:
    """Every meeting and hand-added win, newest first."""
    events, notices = ctx.store.all_events(for_wins)
    return wins(Ledger(events)), notices


def read_around(ctx: Context, now: datetime) -> AroundRead:
    """The last three wins, and the oldest resume entry not read back if it is
    RESUME_AGE_MONTHS old and was never said: a month at a time backwards from today, for at
    most AROUND_MONTHS, stopping once both are known (three wins and the last read-back found:
    what came before it is read)."""
    kept: list[Event] = []
    notices: list[str] = []
    today = day_of(now, ctx.tz)
    end = day_bounds(today, ctx.tz)[1]
    first = today.replace(day=1)
    found_wins = 0
    read_back = False
    oldest = ctx.store.first_month()  # no month before it holds anything
    for _month in range(AROUND_MONTHS):
        start = day_bounds(first, ctx.tz)[0]
        if _month and (oldest is None or f"{end.astimezone(UTC):%Y-%m}" < oldest):
            break
        loaded = ctx.store.load(start, end)
        notices += loaded.notices
        month = [e for e in loaded.events if concerns(e)]
        kept += month
        found_wins += sum(1 for e in month if e.outcome is Outcome.MEETING or e.kind is EventKind.WIN)
        read_back = read_back or any(e.kind is EventKind.READ_BACK for e in month)
        if found_wins >= 3 and read_back:
            break
        end, first = start, (first - timedelta(days=1)).replace(day=1)
    ledger = Ledger(kept)
    return AroundRead(wins(ledger)[:3], resume_nudge(ledger, now, ctx.tz), tuple(notices))
