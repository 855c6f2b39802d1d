"""Import files back to events: our JSON, our CSV, or a minimal CSV with only `timestamp` and
`outcome` columns. Every row is checked before anything is written; the first bad one raises
BadImportError with the line it starts on.

Where a spreadsheet's text differs from ours:
- a timestamp without an offset is wall-clock time in the configured zone (a time in a DST gap
  moves forward, as the clock did); a date without a time of day is refused;
- an outcome may have any case and spaces ("No Answer");
- a known reason is kept; an unknown one is not lost: the call gets the reason `other` and the
  text goes in front of its note ("reason: too pricey; ..."). An unknown cause goes into the
  note the same way, with no cause. Notes are cleaned as typed ones are (clean_note);
- columns we do not know (a dialer's `Contact`, `Duration`) are left out, and `ignored_columns`
  names them so the rep is told; common names a dialer uses for ours (`Notes`, `Disposition`,
  `Call time`) are read as ours when ours is not there;
- a row without an id gets uuid5(content, position among identical rows in the file): the same
  file always gives the same ids, so importing it twice adds nothing, and two real calls in the
  same minute with the same outcome are both kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import parse_time
from companion.core.events import Event, EventKind, InvalidEventError
from companion.core.outcomes import VALID_NAMES, Outcome
from companion.core.tags import clean_note, parse_cause, parse_reason
from companion.transfer.export import CSV_COLUMNS

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
# A dialer's words for an outcome, read as ours (ours are read first, in any case).
DISPOSITIONS = {
    "busy": Outcome.NO_ANSWER,
    "no pickup": Outcome.NO_ANSWER,
    "unanswered": Outcome.NO_ANSWER,
    "left voicemail": Outcome.VOICEMAIL,
    "left vm": Outcome.VOICEMAIL,
    "vm": Outcome.VOICEMAIL,
    "voice mail": Outcome.VOICEMAIL,
    "left message": Outcome.VOICEMAIL,
    "answering machine": Outcome.VOICEMAIL,
    "not interested": Outcome.NO,
    "rejected": Outcome.NO,
    "declined": Outcome.NO,
    "meeting booked": Outcome.MEETING,
    "meeting set": Outcome.MEETING,
    "appointment set": Outcome.MEETING,
    "appointment": Outcome.MEETING,
    "demo booked": Outcome.MEETING,
    "call back": Outcome.CALLBACK,
    "callback requested": Outcome.CALLBACK,
    "follow up": Outcome.CALLBACK,
    "wrong number": Outcome.NOT_FIT,
    "wrong person": Outcome.NOT_FIT,
    "not a fit": Outcome.NOT_FIT,
    "bad fit": Outcome.NOT_FIT,
    "receptionist": Outcome.GATEKEEPER,
}
DISPOSITION_HINT = "dialer words such as Busy, Left Voicemail, Not Interested and Appointment Set work too"
DELIMITERS = (",", ";", "\t")
DATE_AND_TIME = ("date", "time")  # a dialer's two columns for one timestamp
FUTURE_LIMIT_S = 60.0  # as for `companion log --at`: a clock a little ahead is forgiven
IMPORT_SOURCE = "import"
ROW_NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-5e3a-9c61-0d2f8b4a7e15")

_SPACE = re.compile(r"\s*")
_KINDS = tuple(kind.value for kind in EventKind)


class BadImportError(ValueError):
    """A row (or the file) that cannot be imported; `line` is where it starts in the file."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(f"line {line}: {why}")
        self.line = line
        self.why = why


def is_json(text: str, json_hint: bool = False) -> bool:
    """Read as JSON: the file is named so, or starts as JSON does."""
    return json_hint or text.lstrip().startswith(("[", "{"))


def read_import(text: str, tz: Timezone, now: datetime, *, json_hint: bool = False) -> list[Event]:
    """Every event in an import file, in file order; BadImportError at the first bad row."""
    rows = _json_rows(text, tz) if is_json(text, json_hint) else _csv_rows(text, tz)
    events: list[Event] = []
    seen: dict[str, int] = {}
    for line, event in rows:
        if (event.at - now).total_seconds() > FUTURE_LIMIT_S:
            raise BadImportError(
                line, f"time {event.at.isoformat()} is in the future; only calls that happened import"
            )
        if event.id in seen:
            raise BadImportError(line, f"id {event.id!r} was already used on line {seen[event.id]}")
        seen[event.id] = line
        events.append(event)
    return events


# -- JSON --------------------------------------------------------------------------------


def _json_rows(text: str, tz: Timezone) -> Iterator[tuple[int, Event]]:
    for line, item in _json_items(text):
        if not isinstance(item, dict):
            raise BadImportError(line, "each event must be a JSON object")
        _check_names(item, line)
        if isinstance(item.get("at"), str):
            item = {**item, "at": _with_offset(item["at"], tz, line)}
        try:
            event = Event.from_dict(item)
        except InvalidEventError as error:
            raise BadImportError(line, str(error)) from None
        yield line, replace(event, note=clean_note(event.note)) if event.note else event


def _check_names(item: dict[str, Any], line: int) -> None:
    """Clearer words than an enum's for the two values people type by hand."""
    kind, outcome = item.get("kind"), item.get("outcome")
    if isinstance(kind, str) and kind not in _KINDS:
        raise BadImportError(line, f"unknown kind {kind!r}; valid kinds: {', '.join(_KINDS)}")
    if isinstance(outcome, str) and outcome not in VALID_NAMES:
        raise BadImportError(line, f"unknown outcome {outcome!r}; valid outcomes: {', '.join(VALID_NAMES)}")


def _with_offset(text: str, tz: Timezone, line: int) -> str:
    """A JSON event's time, given the configured zone's offset when it has none."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # Event.from_dict says what is wrong
    if moment.tzinfo is not None:
        return text
    try:
        return parse_instant_text(text, tz).isoformat()
    except ValueError as error:
        raise BadImportError(line, str(error)) from None


def _json_items(text: str) -> Iterator[tuple[int, Any]]:
    """The items of a JSON list, each with the line it starts on."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    lines = _Lines(text)
    pos = _skip(text, 0)
    if text[pos : pos + 1] != "[":
        raise BadImportError(
            lines.at(pos), "expected a JSON list of events, as `companion export --format json` writes"
        )
    pos = _skip(text, pos + 1)
    if text[pos : pos + 1] == "]":
        pos = _skip(text, pos + 1)
    else:
        while True:
            try:
                item, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as error:
                raise BadImportError(error.lineno, f"not valid JSON ({error.msg})") from None
            except ValueError as error:  # NaN or Infinity
                raise BadImportError(lines.at(pos), str(error)) from None
            yield lines.at(pos), item
            pos = _skip(text, end)
            mark = text[pos : pos + 1]
            if mark not in (",", "]"):
                raise BadImportError(lines.at(pos), "not valid JSON (expected ',' or ']' after an event)")
            pos = _skip(text, pos + 1)
            if mark == "]":
                break
    if pos != len(text):
        raise BadImportError(lines.at(pos), "unexpected text after the list of events")


def _skip(text: str, pos: int) -> int:
    """The first position at or after `pos` that is not white space."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event can hold")


class _Lines:
    """Line numbers of positions met in increasing order, each newline counted once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1

    def at(self, pos: int) -> int:
        if pos < self._pos:
            return self._text.count("\n", 0, pos) + 1
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line


# -- CSV ---------------------------------------------------------------------------------


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


def _csv_rows(text: str, tz: Timezone) -> Iterator[tuple[int, Event]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=_delimiter(text))
    columns: tuple[str | None, ...] | None = None
    seen: Counter[str] = Counter()
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = _header(cells, start)
            else:
                yield start, _csv_event(dict(_cells(columns, cells, start)), start, tz, seen)
    except csv.Error as error:
        raise BadImportError(line, f"not valid CSV ({error})") from None
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


def _cells(columns: tuple[str | None, ...], cells: Sequence[str], line: int) -> Iterator[tuple[str, str]]:
    # Spreadsheets pad rows with empty cells; values with no column to go in are refused.
    if any(cell.strip() for cell in cells[len(columns) :]):
        raise BadImportError(line, f"{len(cells)} values, but the header names {len(columns)} columns")
    return ((name, cell) for name, cell in zip(columns, cells, strict=False) if name is not None)


def _csv_event(value: dict[str, str], line: int, tz: Timezone, seen: Counter[str]) -> Event:
    try:
        stamp = value.get("timestamp") or " ".join(value.get(part, "").strip() for part in DATE_AND_TIME)
        at = parse_instant_text(stamp.strip(), tz)
        outcome = _outcome(value.get("outcome", ""))
    except ValueError as error:
        raise BadImportError(line, str(error)) from None
    reason, cause, note = _tags(value.get("reason", ""), value.get("cause", ""), value.get("note", ""))
    session = value.get("session", "").strip() or None
    event_id = value.get("id", "").strip()
    if not event_id:
        content = "\x1f".join(
            (
                at.astimezone(UTC).isoformat(),
                outcome.value,
                reason or "",
                cause or "",
                note or "",
                session or "",
            )
        )
        event_id = str(uuid.uuid5(ROW_NAMESPACE, f"{content}\x1e{seen[content]}"))
        seen[content] += 1
    return Event(
        id=event_id,
        at=at,
        kind=EventKind.OUTCOME,
        session=session,
        outcome=outcome,
        reason=reason,
        cause=cause,
        note=note,
        source=IMPORT_SOURCE,
    )


def parse_instant_text(text: str, tz: Timezone) -> datetime:
    """An ISO-8601 time; without an offset it is wall-clock time in `tz`. ValueError if bad."""
    return parse_time(text, tz)


def _outcome(text: str) -> Outcome:
    raw = text.strip()
    if not raw:
        raise ValueError(f"no outcome; valid outcomes: {', '.join(VALID_NAMES)}")
    try:
        return Outcome.parse("-".join(raw.split()))
    except ValueError:
        pass
    spoken = " ".join(raw.lower().replace("-", " ").replace("_", " ").split())
    if spoken in DISPOSITIONS:
        return DISPOSITIONS[spoken]
    raise ValueError(
        f"unknown outcome {raw!r}; valid outcomes: {', '.join(VALID_NAMES)} ({DISPOSITION_HINT})"
    )


def _tags(reason_text: str, cause_text: str, note_text: str) -> tuple[str | None, str | None, str | None]:
    """A known reason and cause kept; unknown text moved into the note, so nothing is lost."""
    kept: list[str] = []
    reason = cause = None
    if reason_text.strip():
        try:
            reason = parse_reason(reason_text)
        except ValueError:
            reason = "other"
            kept.append(f"reason: {clean_note(reason_text)}")
    if cause_text.strip():
        try:
            cause = parse_cause(cause_text)
        except ValueError:
            kept.append(f"cause: {clean_note(cause_text)}")
    note = clean_note(note_text)
    if note:
        kept.append(note)
    return reason, cause, clean_note("; ".join(kept)) or None
