"""The times of an import: one without an offset is wall-clock time in the zone; dialers' own
(US 12-hour, European dots, year first with slashes, Excel-style) with a slashed date's day and
month order from the file itself or asked for. One fixture file per date format, under
data/dialers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.calendar import local, wall_instant, zone
from companion.transfer import BadImportError, read_import
from companion.transfer.reading import AmbiguousDatesError
from companion.transfer.reading.wall_clock import WallClock
from tests.conftest import START
from tests.transfer.import_helpers import TZ, assert_named, each_bad, read_all

DIALERS = Path(__file__).parent / "data" / "dialers"
NOW = START.replace(year=2026, month=12, day=1)  # after every call in the fixture files


def read(name: str, **order: str) -> list[tuple[str, str, str | None]]:
    events = read_import((DIALERS / name).read_text(encoding="utf-8"), TZ, NOW, **order)  # type: ignore[arg-type]
    return [
        (f"{local(e.at, TZ):%Y-%m-%d %H:%M:%S}", e.outcome.value if e.outcome else "", e.reason)
        for e in events
    ]


def test_times_without_offset_are_wall_clock_in_the_zone_across_dst() -> None:
    text = "timestamp,outcome\n2026-07-01T09:00,no\n2026-03-29T02:30,no\n2026-10-25T01:30,no\n"
    assert [e.at.isoformat() for e in read_all(text)] == [
        "2026-07-01T09:00:00+02:00",
        "2026-03-29T03:30:00+02:00",  # in the spring gap: moved forward, as the clock did
        "2026-10-25T01:30:00+02:00",
    ]


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        (
            "us_12_hour.csv",
            [("2026-11-20 14:05:00", "no", "not-interested"), ("2026-11-20 00:10:00", "voicemail", None)],
        ),
        (
            "european_dots.csv",
            [("2026-11-20 14:05:00", "no", "hung-up"), ("2026-11-21 09:30:00", "not-fit", None)],
        ),
        (
            "year_first_slashes.csv",
            [("2026-11-20 14:05:07", "callback", None), ("2026-11-20 14:09:00", "no", None)],
        ),
        (
            "excel_style.csv",
            [("2026-11-20 14:05:00", "voicemail", None), ("2026-11-20 14:06:00", "not-fit", None)],
        ),
    ],
)
def test_each_dialer_format_reads_to_its_time_and_outcome(
    name: str, rows: list[tuple[str, str, str | None]]
) -> None:
    assert read(name) == rows


def test_a_file_that_cannot_tell_its_order_asks_and_takes_the_one_given() -> None:
    with pytest.raises(AmbiguousDatesError):
        read("ambiguous_order.csv")
    assert [r[0][:10] for r in read("ambiguous_order.csv", date_order="dmy")] == ["2026-04-03", "2026-03-04"]
    assert [r[0][:10] for r in read("ambiguous_order.csv", date_order="mdy")] == ["2026-03-04", "2026-04-03"]


def test_a_date_against_the_order_given_or_shown_is_refused_by_its_line() -> None:
    with pytest.raises(BadImportError) as refused:
        read_import("Call Time,Disposition\n20/11/2026 10:00,No\n", TZ, NOW, date_order="mdy")
    assert refused.value.line == 2 and "cannot be month first" in refused.value.why
    with pytest.raises(BadImportError) as mixed:
        read_import("Call Time,Disposition\n11/20/2026 10:00,No\n20/11/2026 11:00,No\n", TZ, NOW)
    assert mixed.value.line == 3 and "one file, one order" in mixed.value.why


@pytest.mark.parametrize(
    "stamp", ["13/13/2026 10:00", "11/20/26 10:00", "11/20/2026 13:00 PM", "31.02.2026 10:00", "11/20/2026"]
)
def test_a_time_no_dialer_writes_is_refused(stamp: str) -> None:
    with pytest.raises(BadImportError) as refused:
        read_import(f"Call Time,Disposition\n{stamp},No\n", TZ, NOW, date_order="mdy")
    assert refused.value.line == 2


BAD_TIMES: list[tuple[str, str, int, str]] = [
    ("bad time", "timestamp,outcome\n20 Nov 2026 14:05,no\n", 2, "bad time '20 Nov 2026 14:05'"),
    ("date only", "timestamp,outcome\n2026-11-20,no\n", 2, "has no time of day"),
    ("no time", "timestamp,outcome\n,no\n", 2, "no time given"),
]


@each_bad(BAD_TIMES)
def test_a_bad_time_is_named_by_its_line(text: str, line: int, why: str) -> None:
    assert_named(text, line, why)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu", "UTC"]),
    st.lists(
        st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2040, 12, 30)).map(
            lambda moment: moment.replace(second=0, microsecond=0)
        ),
        min_size=1,
        max_size=30,
    ),
    st.data(),
)
def test_times_read_an_hour_at_a_time_are_each_read_as_on_their_own(
    name: str, moments: list[datetime], data: st.DataObject
) -> None:
    """A dialer's file is read with each hour looked up in the zone once: every time, in a
    clock change or not, is still the instant wall_instant gives it, offset and all."""
    tz = zone(name)
    # Times close together: many in one hour, and some next to the zone's clock changes.
    moments += [m + timedelta(minutes=data.draw(st.integers(0, 150))) for m in moments]
    clock = WallClock(tz)
    changes = 0
    for moment in moments:
        expected, change = wall_instant(moment, tz)
        changes += change is not None
        got = clock.instant(moment.isoformat())
        assert (got, got.utcoffset(), got.fold) == (expected, expected.utcoffset(), expected.fold)
    assert clock.changes == changes


@pytest.mark.parametrize(
    ("name", "wall"),
    [
        ("Europe/Berlin", "2026-03-29T02:30"),
        ("Europe/Berlin", "2026-10-25T02:30"),
        ("Australia/Lord_Howe", "2026-10-04T02:15"),
        ("Australia/Lord_Howe", "2026-04-05T01:45"),  # clocks back half an hour, mid-hour,
    ],
)
def test_a_time_in_a_clock_change_after_others_in_its_hour_is_still_counted(name: str, wall: str) -> None:
    tz = zone(name)
    clock = WallClock(tz)
    hour = wall[:13]
    clock.instant(f"{hour}:00")  # the hour seen first at its start
    at = clock.instant(wall)
    assert at == wall_instant(datetime.fromisoformat(wall), tz)[0]
    assert clock.changes >= 1
