"""Small builders for hand-made events, so each test reads as a story of a calling day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from companion.core.calendar import zone
from companion.core.events import Event, EventKind, RitualEnd, new_id
from companion.core.outcomes import Outcome

BERLIN = zone("Europe/Berlin")
BERLIN_INFO = ZoneInfo("Europe/Berlin")  # the stdlib's view, independent of the code under test
# Monday 23 November 2026: the same test day as tests/conftest.py.
DAY = date(2026, 11, 23)


def t(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    """A Berlin wall-clock time on `day`, carried with its fixed offset as stored events are."""
    wall = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BERLIN_INFO)
    offset = wall.utcoffset()
    assert offset is not None
    return wall.astimezone(timezone(offset))


def event(kind: EventKind, at: datetime, **fields: Any) -> Event:
    fields.setdefault("id", new_id())
    return Event(at=at, kind=kind, **fields)


def outcome(what: Outcome, at: datetime, **fields: Any) -> Event:
    return event(EventKind.OUTCOME, at, outcome=what, **fields)


def void(target: Event | str, at: datetime) -> Event:
    return event(EventKind.VOID, at, target=target if isinstance(target, str) else target.id)


def tag(target: Event, at: datetime, **fields: Any) -> Event:
    return event(EventKind.TAG, at, target=target.id, **fields)


def block_start(session: str, at: datetime) -> Event:
    return event(EventKind.BLOCK_START, at, session=session)


def block_end(session: str, at: datetime) -> Event:
    return event(EventKind.BLOCK_END, at, session=session)


def pause(session: str, at: datetime) -> Event:
    return event(EventKind.PAUSE, at, session=session)


def resume(session: str, at: datetime) -> Event:
    return event(EventKind.RESUME, at, session=session)


def ritual(
    target: Event,
    at: datetime,
    end: RitualEnd = RitualEnd.COMPLETED,
    recovery_s: float | None = None,
    hesitation_s: float | None = None,
) -> Event:
    return event(
        EventKind.RITUAL,
        at,
        target=target.id,
        ritual=end,
        recovery_s=recovery_s,
        hesitation_s=hesitation_s,
    )


def many(what: Outcome, count: int, start: datetime, step_s: int = 60) -> list[Event]:
    """`count` outcomes a minute apart from `start`."""
    return [outcome(what, start + timedelta(seconds=i * step_s)) for i in range(count)]
