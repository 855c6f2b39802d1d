"""Times and dates as a rep types them: `--at` (HH:MM today, or ISO-8601) and `--date`,
`--since`, `--until` (YYYY-MM-DD). A bad one is one CompanionError line (exit 2)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from companion.core.calendar import FIRST_YEAR, LAST_YEAR, read_time, wall_instant
from companion.errors import CompanionError

if TYPE_CHECKING:
    from companion.context import Context

TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")


def parse_when(text: str, ctx: Context) -> tuple[datetime, str]:
    """ISO-8601 with or without offset (without: the configured zone); a bare HH:MM is today.
    Also the words for a clock change that made the wall time happen twice or never ("" when
    none did): which reading was taken is then said, never silently chosen."""
    bare = TIME_OF_DAY.fullmatch(text.strip())
    iso = text
    if bare:
        hours, minutes, *rest = text.strip().split(":")
        iso = f"{ctx.today().isoformat()}T{int(hours):02d}:{minutes}" + (f":{rest[0]}" if rest else "")
    try:
        given = read_time(iso)
    except ValueError as error:
        if not bare:
            raise CompanionError(str(error)) from None
        raise CompanionError(
            f"bad time {text!r}: use HH:MM for today, or ISO-8601 such as 2026-11-20T14:05"
        ) from None
    when, change = wall_instant(given, ctx.tz)
    if change is None:
        return when, ""
    if not change.went_back:
        return when, f" (there was no {given:%H:%M}: clocks went forward)"
    second = given.replace(tzinfo=timezone(change.after)).isoformat(timespec=_timespec(given))
    return when, (
        f" (the first {given:%H:%M}, {_utc(change.before)}: clocks went back, so it came twice;"
        f" the second is {second})"
    )


def _utc(offset: timedelta) -> str:
    """An offset as the clock shows it: UTC-04:00, UTC+05:30."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _timespec(moment: datetime) -> str:
    if moment.microsecond:
        return "microseconds"
    return "seconds" if moment.second else "minutes"


def parse_day(text: str) -> date:
    """A YYYY-MM-DD day in the years the calendar handles."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise CompanionError(f"bad date {text!r}: use YYYY-MM-DD such as 2026-11-20") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CompanionError(f"date {text!r} is out of range: use a year from {FIRST_YEAR} to {LAST_YEAR}")
    return day
