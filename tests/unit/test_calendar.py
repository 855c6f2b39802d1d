"""Days and weeks in the rep's zone, through midnight and DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.calendar import (
    ClockChange,
    clock_change_at,
    day_bounds,
    day_of,
    instant,
    local,
    parse_time,
    span_bounds,
    wall_instant,
    week_bounds,
    week_start,
    zone,
)
from companion.core.clock import FrozenClock, SystemClock

HOUR = 3600.0


def hours(bounds: tuple[datetime, datetime]) -> float:
    start, end = bounds
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / HOUR


def wall(text: str, name: str) -> datetime:
    """A wall-clock time in zone `name`, made with the stdlib (not the code under test)."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(name))


def test_zone_knows_place_names_and_refuses_the_rest() -> None:
    assert zone("Europe/Berlin").key == "Europe/Berlin"
    with pytest.raises(ValueError, match="Atlantis"):
        zone("Europe/Atlantis")
    with pytest.raises(ValueError):
        zone("+02:00")


# -- day_of --------------------------------------------------------------------------------


def test_day_of_turns_at_local_midnight_not_utc_midnight() -> None:
    berlin = zone("Europe/Berlin")
    assert day_of(wall("2026-11-23T00:00:00", "Europe/Berlin"), berlin) == date(2026, 11, 23)
    assert day_of(wall("2026-11-22T23:59:59.999999", "Europe/Berlin"), berlin) == date(2026, 11, 22)
    # 23:30 UTC on the 22nd is already half past midnight on the 23rd in Berlin...
    assert day_of(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), berlin) == date(2026, 11, 23)
    # ...and still the evening of the 22nd in New York.
    assert day_of(datetime(2026, 11, 22, 23, 30, tzinfo=UTC), zone("America/New_York")) == date(2026, 11, 22)


def test_local_keeps_the_instant_and_shows_the_wall_clock() -> None:
    moment = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    seen = local(moment, zone("Europe/Berlin"))
    assert seen == moment
    assert (seen.hour, seen.utcoffset()) == (14, timedelta(hours=2))


# -- day_bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "length"),
    [
        ("Europe/Berlin", date(2026, 11, 23), 24),
        ("Europe/Berlin", date(2026, 3, 29), 23),  # clocks go forward at 02:00
        ("Europe/Berlin", date(2026, 10, 25), 25),  # clocks go back at 03:00
        ("America/New_York", date(2026, 3, 8), 23),
        ("America/New_York", date(2026, 11, 1), 25),
        ("America/New_York", date(2026, 11, 2), 24),
        ("UTC", date(2026, 3, 29), 24),
    ],
)
def test_day_bounds_follow_dst(name: str, day: date, length: int) -> None:
    tz = zone(name)
    start, end = day_bounds(day, tz)
    assert hours((start, end)) == length
    assert start == wall(f"{day.isoformat()}T00:00", name)
    assert end == wall(f"{(day + timedelta(days=1)).isoformat()}T00:00", name)
    assert local(start, tz).time().hour == 0


def test_an_outcome_at_the_extra_hour_of_a_25_hour_day_counts_toward_that_day() -> None:
    berlin = zone("Europe/Berlin")
    # 02:30 happens twice on 25 October 2026 in Berlin: both belong to the 25th.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET
    start, end = day_bounds(date(2026, 10, 25), berlin)
    for moment in (first, second):
        assert day_of(moment, berlin) == date(2026, 10, 25)
        assert start <= moment < end


def test_midnight_belongs_to_the_day_it_starts() -> None:
    berlin = zone("Europe/Berlin")
    start, end = day_bounds(date(2026, 11, 23), berlin)
    assert day_of(start, berlin) == date(2026, 11, 23)
    assert day_of(end, berlin) == date(2026, 11, 24)
    assert day_of(end - timedelta(microseconds=1), berlin) == date(2026, 11, 23)


def test_a_repeated_midnight_starts_the_day_at_the_first_midnight() -> None:
    havana = zone("America/Havana")
    first_midnight = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 CDT, before clocks go back
    half_past = first_midnight + timedelta(minutes=30)
    assert day_of(half_past, havana) == date(2026, 11, 1)
    start, end = day_bounds(date(2026, 11, 1), havana)
    assert start <= half_past < end


# -- weeks ---------------------------------------------------------------------------------


def test_week_start_is_the_monday() -> None:
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # a Monday
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # the Sunday after
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)  # the next Monday
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across a new year


def test_week_bounds_run_monday_to_monday_for_every_day_of_the_week() -> None:
    berlin = zone("Europe/Berlin")
    expected = (wall("2026-11-23T00:00", "Europe/Berlin"), wall("2026-11-30T00:00", "Europe/Berlin"))
    for offset in range(7):
        assert week_bounds(date(2026, 11, 23) + timedelta(days=offset), berlin) == expected


def test_a_week_with_a_dst_change_is_an_hour_longer_or_shorter() -> None:
    berlin = zone("Europe/Berlin")
    assert hours(week_bounds(date(2026, 10, 25), berlin)) == 7 * 24 + 1
    assert hours(week_bounds(date(2026, 3, 29), berlin)) == 7 * 24 - 1
    assert hours(week_bounds(date(2026, 11, 1), zone("America/New_York"))) == 7 * 24 + 1


def test_span_bounds_include_both_days() -> None:
    berlin = zone("Europe/Berlin")
    first, last = date(2026, 11, 17), date(2026, 11, 23)
    assert span_bounds(first, last, berlin) == (day_bounds(first, berlin)[0], day_bounds(last, berlin)[1])
    assert hours(span_bounds(first, last, berlin)) == 7 * 24


# -- every instant in exactly one day and one week -----------------------------------------

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "UTC",
    "Asia/Kolkata",  # a half-hour offset
    "Pacific/Chatham",  # a 45-minute offset with DST
    "Australia/Lord_Howe",  # a half-hour DST change
    "America/Santiago",  # DST changes at midnight: 00:00 does not exist some days
    "Asia/Beirut",
]
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC))


@settings(max_examples=100, database=None)
@given(moments, st.sampled_from(ZONES))
def test_every_instant_falls_in_exactly_one_day(moment: datetime, name: str) -> None:
    tz = zone(name)
    day = day_of(moment, tz)
    start, end = day_bounds(day, tz)
    assert start <= moment < end
    # Neighbouring days meet exactly, so no other day can hold the instant too.
    assert day_bounds(day - timedelta(days=1), tz)[1] == start
    assert day_bounds(day + timedelta(days=1), tz)[0] == end
    assert 22 <= hours((start, end)) <= 26


@settings(max_examples=100, database=None)
@given(moments, st.sampled_from(ZONES))
def test_every_instant_falls_in_exactly_one_week(moment: datetime, name: str) -> None:
    tz = zone(name)
    day = day_of(moment, tz)
    start, end = week_bounds(day, tz)
    assert start <= moment < end
    assert day_of(start, tz).weekday() == 0
    assert week_bounds(day - timedelta(days=7), tz)[1] == start
    assert week_bounds(day + timedelta(days=7), tz)[0] == end
    assert 7 * 24 - 2 <= hours((start, end)) <= 7 * 24 + 2


# -- clocks --------------------------------------------------------------------------------


def test_frozen_clock_moves_only_when_told() -> None:
    start = wall("2026-11-23T10:00", "Europe/Berlin")
    clock = FrozenClock(start)
    assert clock.now() == start
    assert clock.now().utcoffset() == timedelta(0)
    clock.advance(90)
    assert clock.now() == start + timedelta(seconds=90)
    clock.advance(-30)
    assert clock.now() == start + timedelta(seconds=60)
    later = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    clock.set(later)
    assert clock.now() == later


def test_frozen_clock_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError):
        FrozenClock(datetime(2026, 11, 23, 10, 0))


def test_system_clock_tells_aware_utc_time() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert now.utcoffset() == timedelta(0)
    assert before <= now <= datetime.now(UTC)


def test_a_typed_wall_time_in_the_spring_gap_moves_forward_as_the_clocks_did() -> None:
    moment = parse_time("2026-03-29T02:30", zone("Europe/Berlin"))
    assert moment.isoformat() == "2026-03-29T03:30:00+02:00"


def test_a_typed_wall_time_that_happens_twice_is_the_first() -> None:
    moment = parse_time("2026-10-25T02:30", zone("Europe/Berlin"))
    assert moment.isoformat() == "2026-10-25T02:30:00+02:00"
    assert parse_time("2026-10-25T02:30+01:00", zone("Europe/Berlin")).utcoffset() == timedelta(hours=1)


# -- wall times a clock change touches -------------------------------------------------------


def naive(text: str) -> datetime:
    return datetime.fromisoformat(text)


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


@pytest.mark.parametrize(
    ("name", "text", "change"),
    [
        # New York: clocks go back 02:00 EDT -> 01:00 EST, forward 02:00 EST -> 03:00 EDT.
        ("America/New_York", "2025-11-02T01:30", ClockChange(went_back=True, before=h(-4), after=h(-5))),
        ("America/New_York", "2025-11-02T01:00", ClockChange(went_back=True, before=h(-4), after=h(-5))),
        ("America/New_York", "2025-03-09T02:30", ClockChange(went_back=False, before=h(-5), after=h(-4))),
        ("America/New_York", "2025-03-09T02:00", ClockChange(went_back=False, before=h(-5), after=h(-4))),
        # Berlin: back 03:00 CEST -> 02:00 CET, forward 02:00 CET -> 03:00 CEST.
        ("Europe/Berlin", "2026-10-25T02:30", ClockChange(went_back=True, before=h(2), after=h(1))),
        ("Europe/Berlin", "2026-10-25T02:59:59", ClockChange(went_back=True, before=h(2), after=h(1))),
        ("Europe/Berlin", "2026-03-29T02:30", ClockChange(went_back=False, before=h(1), after=h(2))),
    ],
)
def test_a_wall_time_in_a_clock_change_is_told_twice_or_never(
    name: str, text: str, change: ClockChange
) -> None:
    assert clock_change_at(naive(text), zone(name)) == change


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("America/New_York", "2025-11-02T02:00"),  # the fold's end: 02:00 EST comes once
        ("America/New_York", "2025-11-02T00:59"),
        ("America/New_York", "2025-03-09T03:00"),  # what the clocks jumped to
        ("America/New_York", "2025-03-09T01:59"),
        ("America/New_York", "2025-07-04T14:05"),
        ("Europe/Berlin", "2026-10-25T03:00"),
        ("Europe/Berlin", "2026-03-29T01:59:59"),
        ("Europe/Berlin", "2026-11-23T10:00"),
    ],
)
def test_an_ordinary_wall_time_has_no_clock_change(name: str, text: str) -> None:
    assert clock_change_at(naive(text), zone(name)) is None


def test_a_time_with_an_offset_is_never_ambiguous() -> None:
    given = datetime.fromisoformat("2025-11-02T01:30-05:00")
    assert clock_change_at(given, zone("America/New_York")) is None
    assert instant(given, zone("America/New_York")) == given


def test_the_instant_taken_is_the_one_the_clock_change_names() -> None:
    new_york = zone("America/New_York")
    twice = naive("2025-11-02T01:30")
    assert instant(twice, new_york).isoformat() == "2025-11-02T01:30:00-04:00"
    never = naive("2025-03-09T02:30")
    assert instant(never, new_york).isoformat() == "2025-03-09T03:30:00-04:00"


def _transitions(name: str, year: int) -> list[datetime]:
    """The UTC hours at which `name`'s offset changes in `year`, found with the stdlib alone."""
    tz = ZoneInfo(name)
    start = datetime(year, 1, 1, tzinfo=UTC)
    found, last = [], start.astimezone(tz).utcoffset()
    for hour in range(1, 366 * 24):
        moment = start + timedelta(hours=hour)
        offset = moment.astimezone(tz).utcoffset()
        if offset != last:
            found.append(moment)
            last = offset
    return found


# Zones whose changes differ in kind: an hour either way, half an hour (Lord Howe), a "negative"
# summer time (Dublin's winter is its DST), and a southern-hemisphere year.
_CHANGES = [
    (name, moment)
    for name in ("America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Europe/Dublin")
    for moment in _transitions(name, 2026)
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_CHANGES), st.integers(min_value=-150, max_value=150))
def test_twice_and_never_match_a_count_of_the_instants_that_read_so(
    change_at: tuple[str, datetime], minutes: int
) -> None:
    name, moment = change_at
    tz = ZoneInfo(name)
    # A wall time within a couple of hours of a change, on either reading of it.
    wall = (moment.astimezone(tz) + timedelta(minutes=minutes)).replace(tzinfo=None, fold=0)
    # Every offset in use around it, and which of them put an instant on that wall reading.
    offsets = {(moment + timedelta(hours=k)).astimezone(tz).utcoffset() for k in range(-4, 5)}
    readings = sorted(
        o
        for o in offsets
        if o is not None and (wall - o).replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None) == wall
    )
    change = clock_change_at(wall, zone(name))
    if len(readings) == 1:
        assert change is None
    elif len(readings) == 2:
        assert change == ClockChange(went_back=True, before=readings[1], after=readings[0])
    else:
        assert readings == []
        assert change is not None and not change.went_back
        assert change.before < change.after


def _stdlib_reading(wall: datetime, name: str) -> tuple[datetime, bool]:
    """The instant the stdlib alone takes for a wall time (fold=0, then read back on the zone's
    clock), and whether the time comes other than once (its two readings differ)."""
    tz = ZoneInfo(name)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    return datetime.fromtimestamp(first.timestamp(), tz), first.utcoffset() != second.utcoffset()


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"]),
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)),
)
def test_wall_instant_takes_the_instant_the_stdlib_takes(name: str, wall: datetime) -> None:
    at, change = wall_instant(wall, zone(name))
    expected, changing = _stdlib_reading(wall, name)
    assert at.timestamp() == expected.timestamp() and at.utcoffset() == expected.utcoffset()
    assert (change is not None) == changing


@pytest.mark.parametrize(("name", "moment"), _CHANGES)
@pytest.mark.parametrize("minutes", [-61, -30, -1, 0, 1, 29, 30, 59, 61])
def test_wall_instant_around_each_change_takes_the_instant_the_stdlib_takes(
    name: str, moment: datetime, minutes: int
) -> None:
    tz = zone(name)
    for reading in (moment.astimezone(tz), (moment - timedelta(hours=1)).astimezone(tz)):
        wall = reading.replace(tzinfo=None) + timedelta(minutes=minutes)
        at, change = wall_instant(wall, tz)
        expected, changing = _stdlib_reading(wall, name)
        # Timestamps, not ==: PEP 495 makes a time in a fold unequal to any other zone's.
        assert at.timestamp() == expected.timestamp() and at.utcoffset() == expected.utcoffset()
        assert (change is not None) == changing
