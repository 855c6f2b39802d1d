"""The time of an imported row: ISO-8601 as we write it, or as a dialer does (11/20/2026 2:05 PM,
20.11.2026 14:05, 2026/11/20 14:05:07). A time without an offset is wall-clock time in the
rep's zone; a slashed date's day and month order comes from the file, or is asked for."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Literal

from companion.core.calendar import FIRST_YEAR, LAST_YEAR, read_time, wall_instant
from companion.core.calendar import Zone as Timezone

DATE_ORDERS = ("dmy", "mdy")
# A dialer's time: 11/20/2026 2:05 PM, 20.11.2026 14:05, 2026/11/20 14:05:07.
_DIALER_TIME = re.compile(
    r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?"
)


class AmbiguousDatesError(Exception):
    """A date such as 03/04/2026 (`text`, on `line`), in a file whose day and month order is
    not known (yet)."""

    def __init__(self, text: str, line: int) -> None:
        super().__init__(text)
        self.text, self.line = text, line


class WallClock:
    """Times read as the file gives them; one without an offset is wall-clock time in the
    rep's zone (see calendar.instant: the first of two, or moved on past a gap), and each that
    fell in a clock change is counted, for the import to say so. Besides ISO-8601 it reads the
    times dialers write; a slashed date's day and month order is `order` (DATE_ORDERS), or
    what its numbers show (20/11 is day first); "scan" only notes what they show."""

    def __init__(self, tz: Timezone, order: str | None = None) -> None:
        self.tz = tz
        self.changes = 0
        self.order = order
        self.line = 0  # the line being read (set by the reader), to say where a date was
        # The orders the file's dates showed, each with the first line and date that showed it.
        self.shown: dict[str, tuple[int, str]] = {}
        # Each hour's one offset, or False for an hour a clock change falls in (_offset_all_hour).
        self._hours: dict[tuple[int, int, int, int], tzinfo | Literal[False]] = {}

    @property
    def seen(self) -> set[str]:
        """The orders the file's dates showed."""
        return set(self.shown)

    def instant(self, text: str) -> datetime:
        """ValueError naming the expected form when `text` is not a time."""
        try:
            moment = read_time(text)
        except ValueError as not_iso:
            moment = self._dialer(text, not_iso)
        if moment.tzinfo is None:
            hour = (moment.year, moment.month, moment.day, moment.hour)
            offset = self._hours.get(hour)
            if offset is None:
                offset = self._hours[hour] = self._offset_all_hour(moment)
            if offset is not False:
                return moment.replace(tzinfo=offset, fold=0)
        at, change = wall_instant(moment, self.tz)
        if change is not None:
            self.changes += 1
        return at

    def _offset_all_hour(self, moment: datetime) -> tzinfo | Literal[False]:
        """The offset (as wall_instant gives it) of every wall time in `moment`'s hour, or
        False when its first and last moments are read differently: a clock change falls in it
        (a change moves the offset, so the hour's ends differ; the zones' rules never change
        twice in an hour). A dialer's file has thousands of calls an hour: each hour is looked
        up in the zone once."""
        first = moment.replace(minute=0, second=0, microsecond=0)
        start, start_change = wall_instant(first, self.tz)
        end, end_change = wall_instant(first.replace(minute=59, second=59, microsecond=999999), self.tz)
        if start_change or end_change or start.utcoffset() != end.utcoffset() or start.tzinfo is None:
            return False
        if len(self._hours) > 100_000:  # a file over eleven years of hours: start again
            self._hours.clear()
        return start.tzinfo

    def _dialer(self, text: str, not_iso: ValueError) -> datetime:
        found = _DIALER_TIME.fullmatch(text.strip())
        if found is None:
            raise ValueError(f"{not_iso}, or as dialers write it: 11/20/2026 2:05 PM, 20.11.2026 14:05")
        first, sep, second, third, hour, minute, sec, half = found.groups()
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        elif len(third) == 4:
            year = int(third)
            day, month = self._day_month(int(first), int(second), sep, text)
        else:
            raise ValueError(f"bad time {text!r}: write the year in full (2026)")
        h = int(hour)
        if half is not None:  # 12-hour clock: 12 AM is midnight, 12 PM noon
            if not 1 <= h <= 12:
                raise ValueError(f"bad time {text!r}: {h} is not an hour of a 12-hour clock")
            h = h % 12 + (12 if half in "Pp" else 0)
        try:
            moment = datetime(year, month, day, h, int(minute), int(sec or 0))
        except ValueError:
            raise ValueError(f"bad time {text!r}: no such date or time of day") from None
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValueError(f"time {text!r} is out of range: use a year from {FIRST_YEAR} to {LAST_YEAR}")
        return moment

    def _day_month(self, a: int, b: int, sep: str, text: str) -> tuple[int, int]:
        """(day, month) of a date written a<sep>b<sep>year: dots put the day first, as they are
        written; slashes and dashes by the file's order."""
        if sep == ".":
            return a, b
        shows = "dmy" if a > 12 >= b else "mdy" if b > 12 >= a else None
        if shows is not None:
            self.shown.setdefault(shows, (self.line, text.strip()))
        if self.order == "scan":
            return (a, b) if shows != "mdy" else (b, a)  # only noting: any reading will do
        if self.order is None and len(self.shown) > 1 and shows is not None:
            first, other = ("day", "month") if shows == "dmy" else ("month", "day")
            line, earlier = self.shown["mdy" if shows == "dmy" else "dmy"]
            raise ValueError(
                f"date {text!r} is {first} first, and {earlier!r} on line {line} is {other} first:"
                " one file, one order"
            )
        order = self.order or shows or (next(iter(self.seen)) if self.seen else None)
        if order is None:
            raise AmbiguousDatesError(text.strip(), self.line)
        if shows is not None and shows != order:
            raise ValueError(f"date {text!r} cannot be {'day' if order == 'dmy' else 'month'} first")
        return (a, b) if order == "dmy" else (b, a)
