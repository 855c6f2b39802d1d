"""Import files back to events: our JSON, our CSV, or a minimal CSV with only `timestamp` and
`outcome` columns. The file is read as a stream, a piece at a time, in memory that grows only
by the set of ids seen (to refuse an id used twice); the first bad row raises BadImportError
with the line it starts on, and the caller writes nothing unless every row is good. Every
event goes through the one validator (Event.from_dict); a line or a JSON item longer than
MAX_LINE_CHARS, or nested deeper than an event is, is a bad row, never a crash.

Where a spreadsheet's text differs from ours:
- a timestamp without an offset is wall-clock time in the configured zone (a time in a DST gap
  moves forward, as the clock did; one that came twice is the first), and each that fell in a
  clock change is counted for the import to say so; a date without a time of day is refused;
- an outcome may have any case and spaces ("No Answer"), or be a dialer's word for one
  ("Left Voicemail"), or the rep's own word mapped by `words` ([dispositions], --map); a word
  none of these knows does not stop the reading: every such row is counted by its word, and
  once the file is read UnknownWordsError names each word with its row count;
- a known reason is kept; an unknown one is not lost: the call gets the reason `other` and the
  text goes in front of its note ("reason: too pricey; ..."). An unknown cause goes into the
  note the same way, with no cause. Notes are cleaned as typed ones are (clean_note);
- columns we do not know (a dialer's `Contact`, `Duration`) are left out, and `ignored_columns`
  names them so the rep is told; common names a dialer uses for ours (`Notes`, `Disposition`,
  `Call time`) are read as ours when ours is not there;
- a row without an id gets uuid5(its cells as written, position among identical rows in the
  file) (row_fields.RowIds): the same file always gives the same ids, however its dates, zone or
  words are read, so importing it twice adds nothing, and two real calls in the same minute with
  the same outcome are both kept. Given what earlier imports left (earlier.Earlier), a row
  already here is counted in `already` and not given again; one here at another time (read
  then with another date order or zone) is a bad row naming the import to undo, and one here
  by the id an earlier version gave it (the same reading as then) is already here too;
- a cell our CSV export guarded against a spreadsheet formula (a `'` before a leading `=`, `+`,
  `-`, `@`, tab or carriage return) is read back as the text it was.

Here is the front door, ImportReader: it looks at the first line to choose JSON or CSV, and
refuses a time in the future or an id used twice, whichever rows they came from. The reading
itself, a module for each part:
- lines: the file's bytes as numbered lines of UTF-8, each bounded; BadImportError;
- json_rows: our JSON list of events, an item at a time;
- csv_rows: a CSV's header (delimiter, our columns and dialers' names for them) and its rows;
- row_fields: a CSV row's cells as a call's fields: tags, felt, hard, the row id (the outcome
  word is the core's OutcomeWords);
- earlier: what earlier imports left (their calls' ids and times, records, undos);
- unknown_words: the outcome words no table knows, counted by row;
- wall_clock: times as ISO-8601 or as dialers write them, in the rep's zone.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import BinaryIO

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import local
from companion.core.events import Event
from companion.core.outcomes import OutcomeWords
from companion.transfer.reading.csv_rows import (
    COLUMN_ALIASES,
    DATE_AND_TIME,
    DELIMITERS,
    IMPORT_SOURCE,
    REQUIRED_COLUMNS,
    csv_rows,
    ignored_columns,
)
from companion.transfer.reading.earlier import Earlier
from companion.transfer.reading.json_rows import json_rows
from companion.transfer.reading.lines import MAX_LINE_CHARS, BadImportError, Lines
from companion.transfer.reading.row_fields import DISPOSITION_HINT, DISPOSITIONS, ROW_NAMESPACE, RowIds
from companion.transfer.reading.unknown_words import UnknownWords, UnknownWordsError
from companion.transfer.reading.wall_clock import DATE_ORDERS, AmbiguousDatesError, WallClock

# The names this package had as one module, still importable from here. READ_BYTES is not among
# them: it is read in lines.py, so setting it here would change nothing.
__all__ = [
    "COLUMN_ALIASES",
    "DATE_AND_TIME",
    "DATE_ORDERS",
    "DELIMITERS",
    "DISPOSITIONS",
    "DISPOSITION_HINT",
    "FUTURE_LIMIT_S",
    "IMPORT_SOURCE",
    "MAX_LINE_CHARS",
    "REQUIRED_COLUMNS",
    "ROW_NAMESPACE",
    "AmbiguousDatesError",
    "BadImportError",
    "Earlier",
    "ImportReader",
    "UnknownWords",
    "UnknownWordsError",
    "ignored_columns",
    "is_json",
    "read_import",
]

FUTURE_LIMIT_S = 60.0  # as for `companion log --at`: a clock a little ahead is forgiven


def is_json(text: str, json_hint: bool = False) -> bool:
    """Read as JSON: the file is named so, or starts as JSON does."""
    return json_hint or text.lstrip().startswith(("[", "{"))


class ImportReader:
    """The events of one import file, in file order, read as a stream from `source` (bytes),
    outcome words read by `words` (ours and the dialers' we know, by default). Iterate once;
    BadImportError at the first bad row; UnknownWordsError at the end if any word was unknown.
    After the first look: `empty` (no text at all), `is_json`, and for a CSV the header cells
    no column of ours takes (`ignored`);
    once read, `clock_changes`: how many times without an offset fell in a clock change,
    `already`: how many rows `earlier` imports brought already (not given again), and
    `identified`: how many rows were given an id from their cells (source `source_name`; rows
    with an id of their own keep the source `import`)."""

    def __init__(
        self,
        source: BinaryIO,
        tz: Timezone,
        now: datetime,
        *,
        json_hint: bool = False,
        date_order: str | None = None,
        words: OutcomeWords | None = None,
        earlier: Earlier | None = None,
        source_name: str = IMPORT_SOURCE,
    ) -> None:
        self._lines = Lines(source)
        self._earlier = earlier or Earlier()
        self._source = source_name
        self.already = 0
        self.identified = 0  # rows given an id from their cells (they carry `source_name`)
        self._words = words or OutcomeWords()
        self.unknown = UnknownWords()
        self._clock = WallClock(tz, date_order)
        self._now = now
        head = self._lines.first_text()
        self.empty = head is None
        self.is_json = is_json(head or "", json_hint)
        self.ignored: list[str] = [] if self.is_json or head is None else ignored_columns(head)
        self._head = head or ""

    @property
    def clock_changes(self) -> int:
        return self._clock.changes

    @property
    def orders_seen(self) -> set[str]:
        """The day and month orders the file's slashed dates showed (DATE_ORDERS)."""
        return self._clock.seen

    @property
    def orders_shown(self) -> dict[str, tuple[int, str]]:
        """Each order the file's slashed dates showed, with the first line and date showing it."""
        return dict(self._clock.shown)

    def __iter__(self) -> Iterator[Event]:
        # An id is refused when an earlier event of the file has it. The ids rows were given
        # from their cells (RowIds) differ from each other by how they are made, so only the
        # ids rows carry themselves are kept here: a dialer's file, which has none, keeps no
        # second set of a million ids. A given id is the same as any other event's id.
        own: set[str] = set()
        self._given: set[str] = set()  # ids given (RowIds.seen), and given but not yielded
        self._not_yielded: set[str] = set()
        scan = self._clock.order == "scan"  # any reading will do: its times mean nothing yet
        latest = self._now + timedelta(seconds=FUTURE_LIMIT_S)
        try:
            for line, event, given in self._rows():
                if not scan and event.at > latest:
                    raise BadImportError(
                        line, f"time {event.at.isoformat()} is in the future; only calls that happened import"
                    )
                if event.id in own or (
                    not given and event.id in self._given and event.id not in self._not_yielded
                ):
                    raise BadImportError(line, f"id {event.id!r} is used by an earlier event in this file")
                if not given:
                    own.add(event.id)
                yield event
        finally:  # the ids are let go once the file is read: filing it needs the memory
            self._given, self._not_yielded = set(), set()
        if self.unknown.rows:
            raise UnknownWordsError(self.unknown)

    def _rows(self) -> Iterator[tuple[int, Event, bool]]:
        """The file's rows, less those earlier imports brought (counted in `already`), each
        with whether its id was given from its cells."""
        if self.is_json:
            for line, event in json_rows(self._lines, self._clock):
                yield line, event, False
            return
        earlier = self._earlier
        # Ids of earlier versions (RowIds.legacy) were only given to calls of the source
        # IMPORT_SOURCE: without one here, no row can be known by one.
        old_calls = any(source == IMPORT_SOURCE for _at, source in earlier.calls.values())
        ids = RowIds(earlier.undone.__contains__, legacy_wanted=old_calls)
        self._given = ids.seen
        rows = csv_rows(self._lines, self._head, self._clock, self._words, self.unknown, ids, self._source)
        for line, event, legacy in rows:
            if legacy is None:  # an id of its own: the store knows it again, as ever
                yield line, event, False
                continue
            here = earlier.calls.get(event.id)
            if here is not None and here[0] != event.at:
                raise BadImportError(line, self._read_otherwise(event, *here))
            if here is not None or legacy in earlier.calls:
                self.already += 1
                self._not_yielded.add(event.id)
                continue
            self.identified += 1
            yield line, event, True

    def _read_otherwise(self, event: Event, then: datetime, source: str | None) -> str:
        """Why a row already here at another time is refused, and how to read it anew."""
        tz = self._clock.tz
        record = self._earlier.record_of(source)
        when = f"{local(then, tz):%Y-%m-%d %H:%M}"
        now = f"{local(event.at, tz):%Y-%m-%d %H:%M}"
        if record is None:
            return (
                f"this row is already here as a call at {when}, and now reads as {now}: it would count twice"
            )
        token, what = record.id.removeprefix("import-"), record.note or "a file"
        return (
            f"this row came in on {local(record.at, tz):%Y-%m-%d} with import {token} ({what})"
            f" as a call at {when}, and now reads as {now}: it would count twice. To read it anew, first run "
            f"companion import --undo {token}"
        )


def read_import(
    text: str,
    tz: Timezone,
    now: datetime,
    *,
    json_hint: bool = False,
    date_order: str | None = None,
    words: OutcomeWords | None = None,
) -> list[Event]:
    """Every event in the text of an import file (tests, small files); BadImportError at the
    first bad row, UnknownWordsError after the last when words were unknown."""
    source = io.BytesIO(text.encode())
    return list(ImportReader(source, tz, now, json_hint=json_hint, date_order=date_order, words=words))
