"""Dialers' files in: the times they write (US 12-hour, European dots, year first with slashes,
Excel-style), the day and month order of a slashed date, and their words for how a call ended.
One fixture file per date format, under data/dialers."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.calendar import local, zone
from companion.core.outcomes import Outcome
from companion.transfer import BadImportError, read_import
from companion.transfer.reading import DISPOSITIONS, AmbiguousDatesError
from tests.conftest import START, ZONE

DIALERS = Path(__file__).parent / "data" / "dialers"
TZ = zone(ZONE)
NOW = START.replace(year=2026, month=12, day=1)


def read(name: str, **order: str) -> list[tuple[str, str, str | None]]:
    events = read_import((DIALERS / name).read_text(encoding="utf-8"), TZ, NOW, **order)  # type: ignore[arg-type]
    return [
        (f"{local(e.at, TZ):%Y-%m-%d %H:%M:%S}", e.outcome.value if e.outcome else "", e.reason)
        for e in events
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


def test_every_dialer_word_in_the_table_reads_as_its_outcome_and_reason() -> None:
    rows = "".join(f"2026-11-20T10:{n:02d},{word.title()}\n" for n, word in enumerate(DISPOSITIONS))
    events = read_import("timestamp,outcome\n" + rows, TZ, NOW)
    assert [(e.outcome, e.reason) for e in events] == list(DISPOSITIONS.values())
    assert DISPOSITIONS["hung up"] == (Outcome.NO, "hung-up")
    assert DISPOSITIONS["no answer left message"] == (Outcome.VOICEMAIL, None)
