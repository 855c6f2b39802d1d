"""Days and weeks in the rep's time zone. A day is a calendar day there; a week runs Monday
00:00 to Sunday 24:00. Day lengths follow DST (23 or 25 hours on a change)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import timezone as fixed_offset
from functools import lru_cache
from zoneinfo import ZoneInfo

# A place's time zone, with its DST rules.
Zone = ZoneInfo


def zone(name: str) -> Zone:
    """The IANA time zone `name` (a place, with DST rules); ValueError if it is unknown."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError) as error:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"unknown time zone {name!r}") from error


def local(moment: datetime, tz: Zone) -> datetime:
    """`moment` on the rep's wall clock, carrying its fixed UTC offset rather than the zone:
    Python compares and subtracts datetimes that share a zone object by wall time, which is
    wrong across a DST change. Fixed offsets keep every comparison exact."""
    return _fixed(moment.astimezone(tz))


def day_of(moment: datetime, tz: Zone) -> date:
    """The calendar day, in `tz`, that `moment` counts toward."""
    return local(moment, tz).date()


@lru_cache(maxsize=512)
def day_bounds(day: date, tz: Zone) -> tuple[datetime, datetime]:
    """Start (inclusive) and end (exclusive) of `day` in `tz`, as aware datetimes."""
    following = day + timedelta(days=1)
    return _wall(datetime(day.year, day.month, day.day), tz), _wall(
        datetime(following.year, following.month, following.day), tz
    )


def _wall(naive: datetime, tz: Zone) -> datetime:
    """The instant a wall-clock time names in `tz`. fold=0 takes the earlier reading: where a
    time happens twice (clocks going back) the first one, and where it never happens (clocks
    going forward, even at midnight) the moment the clocks jumped to, as they did."""
    return _taken(naive, tz, *_readings(naive, tz))


def _readings(wall: datetime, tz: Zone) -> tuple[timedelta, timedelta]:
    """The UTC offsets of a naive wall time's first and second reading (PEP 495's fold=0 and
    fold=1): the same, but in a fold (the first larger) or a gap (the first smaller)."""
    before = wall.replace(tzinfo=tz, fold=0).utcoffset()
    after = wall.replace(tzinfo=tz, fold=1).utcoffset()
    assert before is not None and after is not None
    return before, after


def _taken(naive: datetime, tz: Zone, before: timedelta, after: timedelta) -> datetime:
    if before == after and type(naive) is datetime:  # the time happens once, as nearly every time does
        return naive.replace(tzinfo=_offset_zone(before), fold=0)
    return _fixed(datetime.fromtimestamp(naive.replace(tzinfo=tz, fold=0).timestamp(), tz))


@lru_cache(maxsize=64)
def _offset_zone(offset: timedelta) -> fixed_offset:
    return fixed_offset(offset)


def _fixed(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    assert offset is not None
    # Built afresh so no datetime subclass (a test's pendulum DateTime) leaks out: its
    # arithmetic differs from datetime's.
    return datetime.fromtimestamp(moment.timestamp(), fixed_offset(offset))


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def week_bounds(day: date, tz: Zone) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 in `tz`, for the week holding `day`."""
    monday = week_start(day)
    return day_bounds(monday, tz)[0], day_bounds(monday + timedelta(days=7), tz)[0]


def span_bounds(first: date, last: date, tz: Zone) -> tuple[datetime, datetime]:
    """From the start of `first` to the end of `last`, both days included."""
    return day_bounds(first, tz)[0], day_bounds(last, tz)[1]


def seven_days_ending(day: date, tz: Zone) -> tuple[datetime, datetime]:
    """The window for the live screen's and a day's other dials per meeting: the 7 days ending
    with `day` ("the last 7 days")."""
    return span_bounds(day - timedelta(days=6), day, tz)


def system_zone_name() -> str:
    """The machine's own IANA zone name, or UTC when it cannot be told. Only asked when the
    config names no zone: pendulum knows where each system keeps it."""
    import pendulum

    try:
        name = pendulum.tz.local_timezone().name
    except Exception:
        return "UTC"
    return name if isinstance(name, str) and name else "UTC"


FIRST_YEAR, LAST_YEAR = 1970, 9998  # dates a rep could mean; beyond them datetime overflows


def read_time(text: str) -> datetime:
    """An ISO-8601 time with a time of day, as given: naive when it carries no offset.
    ValueError naming the expected form."""
    raw = text.strip()
    if not raw:
        raise ValueError("no time given: use ISO-8601 such as 2026-11-20T14:05")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"bad time {raw!r}: use ISO-8601 such as 2026-11-20T14:05 or 2026-11-20T14:05+01:00"
        ) from None
    if "T" not in raw.upper() and " " not in raw:
        raise ValueError(f"time {raw!r} has no time of day: use ISO-8601 such as {raw}T14:05")
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"time {raw!r} is out of range: use a year from {FIRST_YEAR} to {LAST_YEAR}")
    return moment


def instant(moment: datetime, tz: Zone) -> datetime:
    """The instant `moment` names: itself when it carries an offset, else its reading on
    `tz`'s wall clock. A wall time in a DST gap moves forward, as the clocks did, and one that
    happens twice is the first (see `clock_change_at` to tell which); the result then carries
    a fixed offset (see `local`)."""
    return wall_instant(moment, tz)[0]


def parse_time(text: str, tz: Zone) -> datetime:
    """An ISO-8601 time with a time of day; without an offset it is wall-clock time in `tz`
    (see `instant`). ValueError naming the expected form."""
    return instant(read_time(text), tz)


@dataclass(frozen=True, slots=True)
class ClockChange:
    """A clock change a wall time falls in. `went_back`: the clocks went back over it, so it
    happened twice, first at UTC offset `before` and again at `after`. Otherwise they went
    forward over it, from `before` to `after`, and it never happened."""

    went_back: bool
    before: timedelta
    after: timedelta


def wall_instant(moment: datetime, tz: Zone) -> tuple[datetime, ClockChange | None]:
    """`instant` and `clock_change_at` at once, from one look at the zone's offsets."""
    if moment.tzinfo is not None:
        return moment, None
    before, after = _readings(moment, tz)
    change = None if before == after else ClockChange(went_back=before > after, before=before, after=after)
    return _taken(moment, tz, before, after), change


def clock_change_at(wall: datetime, tz: Zone) -> ClockChange | None:
    """The clock change that makes the naive wall time `wall` happen twice or never in `tz`;
    None when it happens once, as nearly every time does. A time with an offset names one
    instant, so it is never ambiguous: None too."""
    return wall_instant(wall, tz)[1]
