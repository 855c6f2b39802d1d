"""The queryable archive: one TinyDB file per month (UTC), written atomically.

TinyDB's own JSONStorage rewrites its file in place, so a kill or a full disk mid-write leaves
it corrupt; AtomicJSONStorage writes a temp file, fsyncs and renames instead. Callers hold the
store lock around every read-modify-write, so two processes never interleave.

Reads parse the month file straight (the same bytes TinyDB reads), without loading TinyDB: the
app's first read of the day is on the way to its first paint. A read of a window parses in full
only the events inside it.

Nothing read is trusted: a file that is not JSON tables of documents (or is a link, a folder, a
device) raises CorruptArchiveError; a document that is not a valid event, or a key or an event id
written twice (a plain JSON read would keep one and drop the other call without a word), raises
DamagedMonthError from `add` and is counted by `read`. The store moves either kind aside and
rebuilds the month."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from companion.core.events import Event, InvalidEventError, parse_instant
from companion.store.files import NotAFileError, read_file

if TYPE_CHECKING:
    from msgspec import Raw
    from tinydb import TinyDB

    from companion.store.tinydb_storage import AtomicJSONStorage

TABLE = "events"
Tables: TypeAlias = dict[str, dict[str, Any]]
# A document to file, with its event id: a valid event's dict, or its JSON bytes as they were
# checked (a journal line without its newline).
Doc: TypeAlias = tuple[str, "dict[str, Any] | Raw"]
_MONTH = re.compile(r"^(\d{4})-(\d{2})\.json$")
_DOC_ID = re.compile(r"[1-9][0-9]{0,17}")


class CorruptArchiveError(Exception):
    """An archive file that cannot be read as a month: not JSON, not tables of documents, or
    not a regular file."""

    def __init__(self, path: Path, why: str = "did not parse") -> None:
        super().__init__(f"{path} {why}")
        self.path = path
        self.why = why


class DamagedMonthError(Exception):
    """A month that parses, but holds documents that are not valid events (`bad`), or keys or
    event ids written twice (`twice`: each a call a plain read would drop)."""

    def __init__(self, path: Path, bad: int, twice: int = 0) -> None:
        super().__init__(f"{path} holds {bad} document(s) that are not events and {twice} written twice")
        self.path = path
        self.bad = bad
        self.twice = twice


class MonthRead(NamedTuple):
    """What a read of a month found: its events, how many documents are not valid events, and
    how many keys or event ids it holds twice."""

    events: list[Event]
    bad: int
    twice: int = 0


def read_month_file(path: Path) -> dict[str, dict[str, Any]] | None:
    """A month file's tables, or None when there is no file; CorruptArchiveError when it is not
    a regular file, does not parse, is not tables (objects) at the top, or holds a key twice
    (TinyDB, which reads through here, would keep one of the two and write the other away)."""
    data, twice = load_month_file(path)
    if twice:
        raise CorruptArchiveError(path, f"holds {twice} key(s) twice")
    return data


def load_month_file(path: Path) -> tuple[dict[str, dict[str, Any]] | None, int]:
    """A month file's tables (None when there is no file) and how many keys it writes twice
    in one object, the later of which a plain JSON read keeps silently. OSError when it cannot
    be read (its mode, the disk); CorruptArchiveError as read_month_file."""
    try:
        raw = read_file(path)
    except NotAFileError as error:
        raise CorruptArchiveError(path, f"is {error.what}") from None
    if raw is None:
        return None, 0
    twice = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal twice
        found = dict(items)
        twice += len(items) - len(found)
        return found

    try:
        # NaN and Infinity are read, for the validator to refuse the one document holding them.
        data = json.JSONDecoder(object_pairs_hook=pairs).decode(raw.decode())
    except (ValueError, RecursionError):  # not JSON or not UTF-8 (both ValueErrors), or too deep
        raise CorruptArchiveError(path) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptArchiveError(path, "is not a month of events")
    return data, twice


def encode_month(tables: Tables) -> bytes:
    """A month file's bytes: its tables as compact JSON, UTF-8 as it is (what TinyDB's
    JSONStorage writes with ensure_ascii=False and no spaces); a Raw document goes in as its
    bytes."""
    from companion.core.wire import encode_json  # writing a month: many events at once

    return encode_json(tables)


def _storage(path: Path) -> AtomicJSONStorage:
    """The month's TinyDB storage, which writes it atomically (imported with the first write)."""
    from companion.store.tinydb_storage import AtomicJSONStorage

    return AtomicJSONStorage(path)


def open_month(path: Path) -> TinyDB:
    """A month's TinyDB on the atomic storage, for writing. TinyDB is imported here, with the
    first fold or import, not on the way to the app's first paint."""
    from tinydb import TinyDB

    from companion.store.tinydb_storage import AtomicJSONStorage

    return TinyDB(path, storage=AtomicJSONStorage)


def month_key(moment: datetime) -> str:
    """The archive file an event at `moment` lives in."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"


def months_between(start: datetime, end: datetime) -> list[str]:
    """Month keys from the month of `start` to the month of `end`, both included."""
    first, last = start.astimezone(UTC), end.astimezone(UTC)
    year, month = first.year, first.month
    keys = []
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


class Archive:
    """The folder of monthly TinyDB files."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def months(self) -> list[str]:
        """Every month that has a file, oldest first."""
        if not self.directory.exists():
            return []
        found = (_MONTH.match(p.name) for p in self.directory.iterdir())
        return sorted(f"{m[1]}-{m[2]}" for m in found if m)

    def read(
        self,
        key: str,
        start: datetime | None = None,
        end: datetime | None = None,
        wanted: Callable[[dict[str, Any]], bool] | None = None,
    ) -> MonthRead:
        """The month's events (those with start <= time < end, when given, and that `wanted`
        keeps, looking at the stored document), how many of the documents checked are not
        valid events, and how many keys or ids are written twice (of those checked)."""
        data, twice = load_month_file(self.path(key))
        return _events(data, twice, start, end, wanted)

    def add(self, key: str, docs: Iterable[Doc]) -> int:
        """Insert the documents (valid events' JSON, with their ids) not already in the month
        (by id); returns how many were new. DamagedMonthError, and nothing written, when the
        month holds a document that is not an event, or a key or id twice: such a month is
        never written back."""
        path = self.path(key)
        data, twice = load_month_file(path)
        stored, bad, twice = _events(data, twice)
        if bad or twice:
            raise DamagedMonthError(path, bad, twice)
        return self._insert(path, docs, {event.id for event in stored}, data)

    def write_new(self, path: Path, docs: Iterable[Doc]) -> int:
        """A month file at `path` (not yet there) holding `docs`, each id once."""
        return self._insert(path, docs, set(), None)

    def _insert(self, path: Path, docs: Iterable[Doc], known: set[str], tables: Tables | None) -> int:
        """The month with the fresh documents added as TinyDB inserts them (each under the next
        whole number after the table's highest), written atomically in one pass (the stored
        documents as they were, the fresh ones as their JSON bytes): the file TinyDB itself
        would write, without a Python dict made and encoded per event."""
        fresh: dict[str, dict[str, Any] | Raw] = {}
        for doc_id, doc in docs:
            if doc_id not in known and doc_id not in fresh:
                fresh[doc_id] = doc
        if fresh:
            self.directory.mkdir(mode=0o700, exist_ok=True)
            tables = dict(tables or {})
            table: dict[str, Any] = dict(tables.get(TABLE, {}))
            next_id = max(map(int, table), default=0) + 1
            for doc in fresh.values():
                table[str(next_id)] = doc
                next_id += 1
            tables[TABLE] = table
            _storage(path).write(tables)
        return len(fresh)


def _events(
    data: Tables | None,
    twice: int,
    start: datetime | None = None,
    end: datetime | None = None,
    wanted: Callable[[dict[str, Any]], bool] | None = None,
) -> MonthRead:
    """A month's tables read as Archive.read says."""
    if data is None:
        return MonthRead([], 0)
    events: list[Event] = []
    seen: set[str] = set()
    bad = 0
    window = _Window(start, end) if start is not None and end is not None else None
    for doc_id, doc in data.get(TABLE, {}).items():
        if not _DOC_ID.fullmatch(doc_id):  # TinyDB writes whole numbers, no leading zero
            bad += 1
            continue
        if window is not None and window.rules_out(doc):
            continue
        if wanted is not None and isinstance(doc, dict) and not wanted(doc):
            continue
        try:
            event = Event.from_dict(doc)
        except InvalidEventError:
            bad += 1
            continue
        if event.id in seen:  # never written so (ids are kept once): two calls under one id
            twice += 1
        seen.add(event.id)
        events.append(event)
    return MonthRead(events, bad, twice)


class _Window:
    """Which documents of a month a read for [start, end) can skip without parsing them."""

    def __init__(self, start: datetime, end: datetime) -> None:
        self.start, self.end = start, end
        # The calendar dates a time inside the window can carry on any clock: a day either
        # side of its UTC dates, since offsets stay within 14 hours of UTC.
        self.first = (start.astimezone(UTC) - timedelta(days=1)).date().isoformat()
        self.last = (end.astimezone(UTC) + timedelta(days=1)).date().isoformat()
        # ...and the dates whose every time, on any clock, lies inside it: two days in from
        # each end. Most of a month read for weeks is here, and needs no parse to be kept.
        self.inner_first = (start.astimezone(UTC) + timedelta(days=2)).date().isoformat()
        self.inner_last = (end.astimezone(UTC) - timedelta(days=2)).date().isoformat()

    def rules_out(self, doc: Any) -> bool:
        """True only for a document whose time is outside the window. Its date, at the front of
        its ISO time, rules out most of a month unparsed; a time that cannot be read is left
        for the full check, which counts it as a bad document."""
        try:
            text = doc["at"]
            # Only the extended form (2026-11-23T...) has its date at the front as text; any
            # other form a parser takes (20261123T...) is parsed in full.
            if text[4:5] == "-":
                date = text[:10]
                if not self.first <= date <= self.last:
                    return True
                if self.inner_first <= date <= self.inner_last:
                    return False  # inside; the full check still parses and validates it
            at = parse_instant(text)
        except (TypeError, KeyError, ValueError, IndexError):
            return False
        return not self.start <= at < self.end
