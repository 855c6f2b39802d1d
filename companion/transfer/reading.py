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
- an outcome may have any case and spaces ("No Answer");
- a known reason is kept; an unknown one is not lost: the call gets the reason `other` and the
  text goes in front of its note ("reason: too pricey; ..."). An unknown cause goes into the
  note the same way, with no cause. Notes are cleaned as typed ones are (clean_note);
- columns we do not know (a dialer's `Contact`, `Duration`) are left out, and `ignored_columns`
  names them so the rep is told; common names a dialer uses for ours (`Notes`, `Disposition`,
  `Call time`) are read as ours when ours is not there;
- a row without an id gets uuid5(content, position among identical rows in the file): the same
  file always gives the same ids, so importing it twice adds nothing, and two real calls in the
  same minute with the same outcome are both kept;
- a cell our CSV export guarded against a spreadsheet formula (a `'` before a leading `=`, `+`,
  `-`, `@`, tab or carriage return) is read back as the text it was.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, BinaryIO

from companion.core.calendar import FIRST_YEAR, LAST_YEAR, read_time, wall_instant
from companion.core.calendar import Zone as Timezone
from companion.core.events import Event, EventKind, InvalidEventError
from companion.core.outcomes import VALID_NAMES, Outcome
from companion.core.tags import NOTE_MAX, clean_note, note_too_long, parse_cause, parse_reason
from companion.transfer.export import CSV_COLUMNS, unguard

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
# Dialers' own words for how a call ended, lower case with single spaces: the outcome, and the
# reason a no came with when the word says it. Ours are read first, in any case. One table: the
# tests read it whole.
DISPOSITIONS: dict[str, tuple[Outcome, str | None]] = {
    "busy": (Outcome.NO_ANSWER, None),
    "no pickup": (Outcome.NO_ANSWER, None),
    "unanswered": (Outcome.NO_ANSWER, None),
    "left voicemail": (Outcome.VOICEMAIL, None),
    "left vm": (Outcome.VOICEMAIL, None),
    "vm": (Outcome.VOICEMAIL, None),
    "voice mail": (Outcome.VOICEMAIL, None),
    "left message": (Outcome.VOICEMAIL, None),
    "no answer left message": (Outcome.VOICEMAIL, None),
    "answering machine": (Outcome.VOICEMAIL, None),
    "not interested": (Outcome.NO, "not-interested"),
    "rejected": (Outcome.NO, None),
    "declined": (Outcome.NO, None),
    "hung up": (Outcome.NO, "hung-up"),
    "do not call": (Outcome.NO, None),
    "meeting booked": (Outcome.MEETING, None),
    "meeting set": (Outcome.MEETING, None),
    "appointment set": (Outcome.MEETING, None),
    "appointment": (Outcome.MEETING, None),
    "demo booked": (Outcome.MEETING, None),
    "call back": (Outcome.CALLBACK, None),
    "call back later": (Outcome.CALLBACK, None),
    "callback requested": (Outcome.CALLBACK, None),
    "follow up": (Outcome.CALLBACK, None),
    "wrong number": (Outcome.NOT_FIT, None),
    "bad number": (Outcome.NOT_FIT, None),
    "wrong person": (Outcome.NOT_FIT, None),
    "not a fit": (Outcome.NOT_FIT, None),
    "bad fit": (Outcome.NOT_FIT, None),
    "receptionist": (Outcome.GATEKEEPER, None),
}
DISPOSITION_HINT = "dialer words such as Busy, Left Voicemail, Not Interested and Appointment Set work too"
DELIMITERS = (",", ";", "\t")
DATE_AND_TIME = ("date", "time")  # a dialer's two columns for one timestamp
FUTURE_LIMIT_S = 60.0  # as for `companion log --at`: a clock a little ahead is forgiven
IMPORT_SOURCE = "import"
ROW_NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-5e3a-9c61-0d2f8b4a7e15")
_NAMESPACE_BYTES = ROW_NAMESPACE.bytes

# A row of a dialer's CSV or one event of our JSON is far shorter: a note at its longest, in the
# widest characters, with room to spare. A longer line is refused, never held.
MAX_LINE_CHARS = 8 * NOTE_MAX + 4096

_SPACE = re.compile(r"\s*")
_LINE_END = re.compile(rb"\r\n|\r|\n")  # in bytes, to name the line of a byte that is not UTF-8
_LINE_END_ANY = re.compile(r"\r\n|\r|\n")  # in the text of a JSON list, to count its lines
# Where a line ends: a newline, a CRLF, or a carriage return alone (old Mac spreadsheets) that
# is not the last character read (it may be half of a CRLF still to come). Found without
# backtracking: a long line costs its length, never its square.
_LINE_END_TEXT = re.compile(r"\r\n|\n|\r(?=.)", re.DOTALL)
READ_BYTES = 1 << 16
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


class ImportReader:
    """The events of one import file, in file order, read as a stream from `source` (bytes).
    Iterate once; BadImportError at the first bad row. After the first look: `empty` (no text
    at all), `is_json`, and for a CSV the header cells no column of ours takes (`ignored`);
    once read, `clock_changes`: how many times without an offset fell in a clock change."""

    def __init__(
        self,
        source: BinaryIO,
        tz: Timezone,
        now: datetime,
        *,
        json_hint: bool = False,
        date_order: str | None = None,
    ) -> None:
        self._lines = _Lines(source)
        self._clock = _WallClock(tz, date_order)
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

    def __iter__(self) -> Iterator[Event]:
        rows = (
            _json_rows(self._lines, self._clock)
            if self.is_json
            else _csv_rows(self._lines, self._head, self._clock)
        )
        seen: set[str] = set()
        for line, event in rows:
            if (event.at - self._now).total_seconds() > FUTURE_LIMIT_S:
                raise BadImportError(
                    line, f"time {event.at.isoformat()} is in the future; only calls that happened import"
                )
            if event.id in seen:
                raise BadImportError(line, f"id {event.id!r} is used by an earlier event in this file")
            seen.add(event.id)
            yield event


def read_import(
    text: str, tz: Timezone, now: datetime, *, json_hint: bool = False, date_order: str | None = None
) -> list[Event]:
    """Every event in the text of an import file (tests, small files); BadImportError at the
    first bad row."""
    return list(ImportReader(io.BytesIO(text.encode()), tz, now, json_hint=json_hint, date_order=date_order))


class _Lines:
    """The lines of an import as they are read from its bytes, a piece at a time: each
    numbered, decoded as UTF-8 (a bad byte is named by its line) and bounded in length, with the
    first lines looked at before the reading proper starts. A line ends at a newline, a CRLF,
    or a carriage return alone (old Mac spreadsheets)."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._tail = ""  # decoded text after the last line end read
        self._ended = False
        self._ahead: deque[str] = deque()
        self._read_lines = 0  # lines taken from the text so far
        self.number = 0  # the line most recently handed out

    def first_text(self) -> str | None:
        """The first line with any text (kept for the reading proper), or None for a file of
        nothing but white space."""
        seen = 0
        while True:
            while seen < len(self._ahead):
                if self._ahead[seen].strip():
                    return self._ahead[seen]
                seen += 1
            if not self._fill():
                return None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while not self._ahead:
            if not self._fill():
                raise StopIteration
        self.number += 1
        return self._ahead.popleft()

    def _fill(self) -> bool:
        """Read and decode the next piece of the file into whole lines; False at its end."""
        if self._ended:
            return False
        chunk = self._source.read(READ_BYTES)
        pending = self._decoder.getstate()[0]  # the start of a character cut at the last piece
        try:
            text = self._tail + self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            # Where the bad byte is, counted in the bytes themselves (the decoder's own position
            # leaves out a byte-order mark): the lines before it, from the last one read.
            data = self._tail.encode() + pending + chunk
            try:
                data.decode()
                bad_at = len(data)
            except UnicodeDecodeError as error:
                bad_at = error.start
            line = self._read_lines + 1 + len(_LINE_END.findall(data, 0, bad_at))
            raise BadImportError(
                line,
                'not UTF-8 text; save the file as UTF-8 ("CSV UTF-8" in a spreadsheet) and import it again',
            ) from None
        if not chunk:
            self._ended = True
            self._tail = ""
            if text:
                self._take([text])
            return bool(text)
        ends = [end.end() for end in _LINE_END_TEXT.finditer(text)]
        lines = [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        self._take(lines)
        self._tail = text[ends[-1] :] if ends else text
        if len(self._tail) > MAX_LINE_CHARS:  # a line not ended yet, and already too long
            raise self._too_long()
        return True

    def _take(self, lines: list[str]) -> None:
        for line in lines:
            if len(line) > MAX_LINE_CHARS:
                raise self._too_long()
            self._read_lines += 1
        self._ahead.extend(lines)

    def _too_long(self) -> BadImportError:
        """The line after the last one taken is longer than any call's."""
        too_long = f"a line longer than {MAX_LINE_CHARS:,} characters, which no call is"
        return BadImportError(self._read_lines + 1, f"{too_long}; is this the right file?")


# -- JSON --------------------------------------------------------------------------------


def _json_rows(lines: _Lines, clock: _WallClock) -> Iterator[tuple[int, Event]]:
    for line, item in _json_items(lines):
        if not isinstance(item, dict):
            raise BadImportError(line, "each event must be a JSON object")
        _check_names(item, line)
        if isinstance(item.get("at"), str):
            item = {**item, "at": _with_offset(item["at"], clock, line)}
        item = _known_tags(item)
        if isinstance(item.get("note"), str):  # cleaned as a typed note is; never cut
            item = {**item, "note": clean_note(item["note"])}
        try:
            event = Event.from_dict(item)
        except InvalidEventError as error:
            raise BadImportError(line, str(error)) from None
        yield line, event


def _known_tags(item: dict[str, Any]) -> dict[str, Any]:
    """A JSON event's reason and cause as a CSV row's are read: a known one (in any spelling)
    kept, other text moved, cleaned, to the front of the note, the reason then `other`. An
    empty one (a tag clearing it) and one that is not text are left for the validator."""
    moved: list[str] = []
    item = dict(item)
    for name, parse in (("reason", parse_reason), ("cause", parse_cause)):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            item[name] = parse(value)
        except ValueError:
            moved.append(f"{name}: {clean_note(value)}")
            item[name] = "other" if name == "reason" else None
    note = item.get("note")
    if moved and (note is None or isinstance(note, str)):  # a note of another type is refused later
        item["note"] = "; ".join([*moved, note] if note and note.strip() else moved)
    return item


def _check_names(item: dict[str, Any], line: int) -> None:
    """Clearer words than an enum's for the two values people type by hand."""
    kind, outcome = item.get("kind"), item.get("outcome")
    if isinstance(kind, str) and kind not in _KINDS:
        raise BadImportError(line, f"unknown kind {kind!r}; valid kinds: {', '.join(_KINDS)}")
    if isinstance(outcome, str) and outcome not in VALID_NAMES:
        raise BadImportError(line, f"unknown outcome {outcome!r}; valid outcomes: {', '.join(VALID_NAMES)}")


def _with_offset(text: str, clock: _WallClock, line: int) -> str:
    """A JSON event's time, given the configured zone's offset when it has none."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # Event.from_dict says what is wrong
    if moment.tzinfo is not None:
        return text
    try:
        return clock.instant(text).isoformat()
    except ValueError as error:
        raise BadImportError(line, str(error)) from None


def _json_items(lines: _Lines) -> Iterator[tuple[int, Any]]:
    """The items of a JSON list, each with the line it starts on, read a line at a time: an
    item is decoded once its text is all there, and no item may be longer than a line may.
    An item spread over many lines is tried again only each time its text has doubled, so no
    layout makes the reading slower than linear."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    text = ""  # what has been read and not yet decoded
    first = 1  # the line `text` starts on
    ended = False

    def more() -> bool:
        nonlocal text, ended
        if ended:
            return False
        line = next(lines, "")
        if not line:
            ended = True
            return False
        text += line
        return True

    def lines_before(pos: int) -> int:
        return len(_LINE_END_ANY.findall(text, 0, pos))

    def forward(pos: int) -> None:
        """Drop what was decoded, counting its lines."""
        nonlocal text, first
        first += lines_before(pos)
        text = text[pos:]

    def next_mark() -> str:
        """The next character that is not white space ('' at the end), from the start."""
        while True:
            pos = _skip(text, 0)
            forward(pos)
            if text or not more():
                return text[:1]

    def too_long() -> BadImportError:
        return BadImportError(first, f"an event longer than {MAX_LINE_CHARS:,} characters, which no event is")

    if next_mark() != "[":
        raise BadImportError(
            first, "expected a JSON list of events, as `companion export --format json` writes"
        )
    forward(1)
    if next_mark() == "]":
        forward(1)
    else:
        while True:
            if not text:
                raise BadImportError(first, "not valid JSON (the list of events is not closed)")
            next_try = 0
            while True:
                if len(text) >= next_try or ended:
                    try:
                        item, end = decoder.raw_decode(text, 0)
                        break
                    except RecursionError:
                        raise BadImportError(first, "nested too deeply to be an event") from None
                    except json.JSONDecodeError as error:
                        if len(text) > MAX_LINE_CHARS:
                            raise too_long() from None
                        if ended:
                            where = first + lines_before(error.pos)
                            raise BadImportError(where, f"not valid JSON ({error.msg})") from None
                        next_try = min(2 * len(text), MAX_LINE_CHARS + 1)
                    except ValueError as error:  # NaN or Infinity
                        raise BadImportError(first, str(error)) from None
                more()
            if end > MAX_LINE_CHARS:
                raise too_long()
            yield first, item
            forward(end)
            mark = next_mark()
            if mark not in (",", "]"):
                raise BadImportError(first, "not valid JSON (expected ',' or ']' after an event)")
            forward(1)
            if mark == "]":
                break
            next_mark()
    if next_mark():
        raise BadImportError(first, "unexpected text after the list of events")


def _skip(text: str, pos: int) -> int:
    """The first position at or after `pos` that is not white space."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event can hold")


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


def _csv_rows(lines: _Lines, head: str, clock: _WallClock) -> Iterator[tuple[int, Event]]:
    reader = csv.reader(lines, strict=True, delimiter=_delimiter(head))
    columns: tuple[str | None, ...] | None = None
    seen: set[str] = set()
    while True:
        start = lines.number + 1  # the line this row starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise BadImportError(start, f"not valid CSV ({error})") from None
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns = _header(cells, start)
        else:
            yield start, _csv_event(_cells(columns, cells, start), start, clock, seen)
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


def _cells(columns: tuple[str | None, ...], cells: Sequence[str], line: int) -> dict[str, str]:
    """A row's cells by our column names."""
    # Spreadsheets pad rows with empty cells; values with no column to go in are refused.
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        raise BadImportError(line, f"{len(cells)} values, but the header names {len(columns)} columns")
    return {name: cell for name, cell in zip(columns, cells, strict=False) if name is not None}


def _csv_event(value: dict[str, str], line: int, clock: _WallClock, seen: set[str]) -> Event:
    try:
        stamp = value.get("timestamp") or " ".join(value.get(part, "").strip() for part in DATE_AND_TIME)
        at = clock.instant(stamp.strip())
        outcome, said_reason = _outcome(value.get("outcome", ""))
        reason, cause, note = _tags(
            value.get("reason", "") or (said_reason or ""), value.get("cause", ""), value.get("note", "")
        )
        felt = _felt(value.get("felt", ""))
        hard = _hard(value.get("hard", ""))
        story = clean_note(unguard(value.get("story", ""))) or None
    except ValueError as error:
        raise BadImportError(line, str(error)) from None
    session = unguard(value.get("session", "").strip()) or None
    event_id = unguard(value.get("id", "").strip())
    if not event_id:
        event_id = _row_id(at, outcome, reason, cause, note, session, seen)
    data = {
        "id": event_id,
        "at": at.isoformat(),
        "kind": EventKind.OUTCOME.value,
        "outcome": outcome.value,
        "reason": reason,
        "cause": cause,
        "note": note,
        "session": session,
        "source": IMPORT_SOURCE,
        "felt": felt,
        "hard": hard,
        "story": story,
    }
    try:
        return Event.from_dict(data)
    except InvalidEventError as error:
        raise BadImportError(line, str(error)) from None


def _felt(cell: str) -> int | None:
    """How bad a no felt, 1 to 5, or nothing; ValueError for anything else."""
    text = cell.strip()
    if not text:
        return None
    if text not in ("1", "2", "3", "4", "5"):
        raise ValueError(f"felt must be a whole number from 1 to 5, not {text[:20]!r}")
    return int(text)


def _hard(cell: str) -> bool | None:
    """A no that landed hard: yes (or true, 1) or nothing; ValueError for anything else."""
    text = cell.strip().lower()
    if text in ("", "no", "false", "0"):
        return None
    if text in ("yes", "true", "1"):
        return True
    raise ValueError(f"hard must be yes or empty, not {text[:20]!r}")


def _row_id(
    at: datetime,
    outcome: Outcome,
    reason: str | None,
    cause: str | None,
    note: str | None,
    session: str | None,
    seen: set[str],
) -> str:
    """uuid5 of the row's content and how many identical rows came before it: the first id of
    that content not yet given out (so the set of ids given is all that is kept)."""
    content = "\x1f".join(
        (at.astimezone(UTC).isoformat(), outcome.value, reason or "", cause or "", note or "", session or "")
    )
    count = 0
    while True:
        # uuid5, as uuid.uuid5 makes it (the same ids as ever), without its object on the way.
        digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{content}\x1e{count}".encode()).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        hexed = digest.hex()
        event_id = f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
        if event_id not in seen:
            seen.add(event_id)
            return event_id
        count += 1


DATE_ORDERS = ("dmy", "mdy")
# A dialer's time: 11/20/2026 2:05 PM, 20.11.2026 14:05, 2026/11/20 14:05:07.
_DIALER_TIME = re.compile(
    r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?"
)


class AmbiguousDatesError(Exception):
    """A date such as 03/04/2026, in a file whose day and month order is not known (yet)."""


class _WallClock:
    """Times read as the file gives them; one without an offset is wall-clock time in the
    rep's zone (see calendar.instant: the first of two, or moved on past a gap), and each that
    fell in a clock change is counted, for the import to say so. Besides ISO-8601 it reads the
    times dialers write; a slashed date's day and month order is `order` (DATE_ORDERS), or
    what its numbers show (20/11 is day first); "scan" only notes what they show."""

    def __init__(self, tz: Timezone, order: str | None = None) -> None:
        self.tz = tz
        self.changes = 0
        self.order = order
        self.seen: set[str] = set()  # the orders the file's dates showed

    def instant(self, text: str) -> datetime:
        """ValueError naming the expected form when `text` is not a time."""
        try:
            moment = read_time(text)
        except ValueError as not_iso:
            moment = self._dialer(text, not_iso)
        at, change = wall_instant(moment, self.tz)
        if change is not None:
            self.changes += 1
        return at

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
            self.seen.add(shows)
        if self.order == "scan":
            return (a, b) if shows != "mdy" else (b, a)  # only noting: any reading will do
        if self.order is None and len(self.seen) > 1:
            first, other = ("day", "month") if shows == "dmy" else ("month", "day")
            raise ValueError(
                f"date {text!r} is {first} first, and an earlier one {other} first: one file, one order"
            )
        order = self.order or shows or (next(iter(self.seen)) if self.seen else None)
        if order is None:
            raise AmbiguousDatesError(text)
        if shows is not None and shows != order:
            raise ValueError(f"date {text!r} cannot be {'day' if order == 'dmy' else 'month'} first")
        return (a, b) if order == "dmy" else (b, a)


def _outcome(text: str) -> tuple[Outcome, str | None]:
    """The outcome a cell names, and the reason its word says (a dialer's `Hung Up`); a dialer
    writes a handful of words a million times, so each word is read once."""
    known = _OUTCOME_WORDS.get(text)
    if known is not None:
        return known
    found = _read_outcome(text)
    if len(_OUTCOME_WORDS) < 1024:
        _OUTCOME_WORDS[text] = found
    return found


_OUTCOME_WORDS: dict[str, tuple[Outcome, str | None]] = {}


def _read_outcome(text: str) -> tuple[Outcome, str | None]:
    raw = text.strip()
    if not raw:
        raise ValueError(f"no outcome; valid outcomes: {', '.join(VALID_NAMES)}")
    try:
        return Outcome.parse("-".join(raw.split())), None
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
    if not (reason_text or cause_text or note_text):
        return None, None, None
    reason_text, cause_text, note_text = unguard(reason_text), unguard(cause_text), unguard(note_text)
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
    joined = clean_note("; ".join(kept)) or None
    too_long = note_too_long(joined or "")
    if too_long:
        raise ValueError(too_long)
    return reason, cause, joined
