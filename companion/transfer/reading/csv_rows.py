"""The events of an import in CSV: ours, a minimal `timestamp,outcome`, or a dialer's or CRM's
export. The header decides which cell is which: the delimiter (comma, semicolon, tab), the other
names dialers give our columns, a `Date` and a `Time` column for one timestamp, and the columns
we leave out. Each row then becomes one call (row_fields reads its cells)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from companion.core.events import Event, EventKind, InvalidEventError
from companion.core.outcomes import Outcome, OutcomeWords, UnknownOutcomeError
from companion.transfer.export import CSV_COLUMNS, unguard
from companion.transfer.reading.lines import BadImportError, Lines
from companion.transfer.reading.row_fields import RowIds, clean, parse_felt, parse_hard, parse_tags, row_keys
from companion.transfer.reading.unknown_words import UnknownWords
from companion.transfer.reading.wall_clock import WallClock

REQUIRED_COLUMNS = ("timestamp", "outcome")
# Other names for our columns in dialer and CRM exports; ours wins when both are there.
COLUMN_ALIASES = {
    "datetime": "timestamp",
    "date time": "timestamp",
    "call time": "timestamp",
    "start time": "timestamp",
    "disposition": "outcome",
    "result": "outcome",
    "call result": "outcome",
    "notes": "note",
    "comment": "note",
    "comments": "note",
}
DELIMITERS = (",", ";", "\t")
DATE_AND_TIME = ("date", "time")  # a dialer's two columns for one timestamp
IMPORT_SOURCE = "import"
_OUTCOME = EventKind.OUTCOME.value


def _delimiter(text: str) -> str:
    """The first of comma, semicolon (a European spreadsheet) and tab that splits the header
    into cells naming a column we know; quotes are honoured, so `"Name; Title"` stays one
    cell. Comma when none does (the error then names the columns)."""
    known = {*CSV_COLUMNS, *COLUMN_ALIASES, *DATE_AND_TIME}
    for mark in DELIMITERS:
        try:
            header = _header_cells(text, mark)
        except csv.Error:
            continue
        if any(_name(cell) in known for cell in header):
            return mark
    return ","


def _header_cells(text: str, mark: str) -> list[str]:
    """The first row with any text, split at `mark`: the header."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=mark)
    return next((cells for cells in rows if any(cell.strip() for cell in cells)), [])


def _name(cell: str) -> str:
    """A header cell as we match it: case and runs of spaces do not matter."""
    return " ".join(cell.split()).lower()


def ignored_columns(text: str) -> list[str]:
    """The header cells of a CSV import that no column of ours takes (as they were written)."""
    try:
        cells = _header_cells(text, _delimiter(text))
        columns = _header(cells, 1)
    except (csv.Error, BadImportError):
        return []
    return [
        cell.strip() or f"column {n} (no name)"
        for n, (cell, name) in enumerate(zip(cells, columns, strict=True), start=1)
        if name is None
    ]


def csv_rows(
    lines: Lines,
    head: str,
    clock: WallClock,
    words: OutcomeWords,
    unknown: UnknownWords,
    ids: RowIds,
    source: str = IMPORT_SOURCE,
) -> Iterator[tuple[int, Event, str | None]]:
    """Each call of the file, after its header (the first row with any text), with the line
    it starts on and, for a row without an id of its own (given one by `ids` from its cells),
    the id an earlier version gave it ("" when `ids` says no such call can be here);
    BadImportError at the first bad row. A row whose outcome word `words` does not know is
    checked in every other cell, then counted in `unknown` instead of given."""
    from companion.core.wire import isoformat  # a file of rows: msgspec pays (not every command)

    reader = csv.reader(lines, strict=True, delimiter=_delimiter(head))
    columns: tuple[str | None, ...] | None = None
    taken: list[tuple[str, int]] = []  # each column of ours with its cell's place in a row
    names: list[str] = []
    key = row_keys(names)
    while True:
        start = lines.number + 1  # the line this row starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise BadImportError(start, f"not valid CSV ({error})") from None
        if not "".join(cells).strip():  # no cell with any text
            continue
        if columns is None:
            columns = _header(cells, start)
            taken = [(name, index) for index, name in enumerate(columns) if name is not None]
            names = [_name(cell) for cell in cells]
            key = row_keys(names)
        else:
            value = _cells(columns, taken, cells, start)
            clock.line = start
            data = _csv_data(value, start, clock, words, isoformat)
            if isinstance(data, str):
                unknown.add(data, start)
                continue
            own_id = data["id"] is not None  # a Companion export's row: its own id and source
            if own_id:
                data["source"] = IMPORT_SOURCE
            else:
                data["id"], data["source"] = ids.give(key(cells)), source
            try:
                event = Event.from_dict(data)
            except InvalidEventError as error:
                raise BadImportError(start, str(error)) from None
            if own_id:
                yield start, event, None
                continue
            legacy = ""  # no earlier version's call here for a legacy id to find
            if ids.legacy_wanted:
                legacy = ids.legacy(event.at, event.outcome or Outcome.NO, *_legacy_tags(event))
            yield start, event, legacy
    if columns is None:
        raise BadImportError(1, "no header line naming the columns (for example timestamp,outcome)")


def _header(cells: Sequence[str], line: int) -> tuple[str | None, ...]:
    """Our column for each header cell, None for one we leave out."""
    names = [_name(cell) for cell in cells]
    valid = f"valid columns: {', '.join(CSV_COLUMNS)} (timestamp and outcome are needed)"
    if not set(names) & {*CSV_COLUMNS, *COLUMN_ALIASES}:
        raise BadImportError(line, f"the first line must name the columns; {valid}")
    columns: list[str | None] = []
    for index, name in enumerate(names):
        if name in CSV_COLUMNS and name in names[:index]:
            raise BadImportError(line, f"column {name!r} appears twice")
        columns.append(name if name in CSV_COLUMNS else None)
    for index, name in enumerate(names):  # a dialer's name for a column, if ours is not there
        ours = COLUMN_ALIASES.get(name)
        if ours is not None and ours not in columns:
            columns[index] = ours
    if "timestamp" not in columns and all(part in names for part in DATE_AND_TIME):
        for part in DATE_AND_TIME:  # `Date` and `Time` columns make the timestamp together
            columns[names.index(part)] = part
    for name in REQUIRED_COLUMNS:
        if name not in columns and not (name == "timestamp" and "date" in columns):
            others = ", ".join(alias for alias, ours in COLUMN_ALIASES.items() if ours == name)
            if name == "timestamp":
                others += ", or date and time"
            raise BadImportError(line, f"no {name!r} column (or {others}); {valid}")
    return tuple(columns)


def _cells(
    columns: tuple[str | None, ...], taken: Sequence[tuple[str, int]], cells: Sequence[str], line: int
) -> dict[str, str]:
    """A row's cells by our column names (`taken`: each of ours with its place in `columns`)."""
    # Spreadsheets pad rows with empty cells; values with no column to go in are refused.
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        raise BadImportError(line, f"{len(cells)} values, but the header names {len(columns)} columns")
    width = len(cells)  # a short row has only its first cells
    return {name: cells[index] for name, index in taken if index < width}


def _legacy_tags(event: Event) -> tuple[str | None, str | None, str | None, str | None]:
    return event.reason, event.cause, event.note, event.session


def _csv_data(
    value: dict[str, str],
    line: int,
    clock: WallClock,
    words: OutcomeWords,
    isoformat: Callable[[datetime], str] = datetime.isoformat,
) -> dict[str, Any] | str:
    """The row's call as an event's fields for the validator (`id` None when the row has
    none), or the outcome word no table knows (its other cells checked). An empty cell reads
    as one that is not there, so a dialer's file pays only for the columns it fills.
    `isoformat` writes the time as datetime.isoformat does (core.wire's, quicker)."""
    get = value.get
    try:
        stamp = get("timestamp") or " ".join(get(part, "").strip() for part in DATE_AND_TIME)
        at = clock.instant(stamp.strip())
        outcome: Outcome | None = None
        said_reason: str | None = None
        unknown_word = ""
        try:
            outcome, said_reason = words.read(get("outcome", ""))
        except UnknownOutcomeError as error:
            unknown_word = error.word
        reason, cause, note = parse_tags(
            get("reason") or said_reason or "", get("cause", ""), get("note", "")
        )
        felt_cell, hard_cell, story_cell = get("felt"), get("hard"), get("story")
        felt = parse_felt(felt_cell) if felt_cell else None
        hard = parse_hard(hard_cell) if hard_cell else None
        story = (clean(unguard(story_cell)) or None) if story_cell else None
    except ValueError as error:
        raise BadImportError(line, str(error)) from None
    if outcome is None:
        return unknown_word
    session = get("session")
    event_id = get("id")
    data: dict[str, Any] = {
        "id": (unguard(event_id.strip()) or None) if event_id else None,
        "at": isoformat(at),
        "kind": _OUTCOME,
        "outcome": outcome.value,
    }
    # Only the fields the row sets: the validator reads no more than the call holds (one test
    # each, not a loop over seven: a dialer's row sets one or two).
    if reason is not None:
        data["reason"] = reason
    if cause is not None:
        data["cause"] = cause
    if note is not None:
        data["note"] = note
    if session and (session_id := unguard(session.strip())):
        data["session"] = session_id
    if felt is not None:
        data["felt"] = felt
    if hard is not None:
        data["hard"] = hard
    if story is not None:
        data["story"] = story
    return data
