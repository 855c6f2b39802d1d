"""The queryable archive: one TinyDB file per month (UTC), written atomically.

TinyDB's own JSONStorage rewrites its file in place, so a kill or a full disk mid-write leaves
it corrupt; AtomicJSONStorage writes a temp file, fsyncs and renames instead. Callers hold the
store lock around every read-modify-write, so two processes never interleave."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.events import Event, InvalidEventError

if TYPE_CHECKING:
    from tinydb import TinyDB

TABLE = "events"
_MONTH = re.compile(r"^(\d{4})-(\d{2})\.json$")


class CorruptArchiveError(Exception):
    """An archive file that does not parse."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} does not parse")
        self.path = path


def open_month(path: Path) -> TinyDB:
    """A month's TinyDB on the atomic storage. TinyDB is imported here, when the archive is
    first read (on a worker thread), not on the way to the app's first paint."""
    from tinydb import TinyDB

    from companion.store.tinydb_storage import AtomicJSONStorage

    return TinyDB(path, storage=AtomicJSONStorage)


def month_key(moment: datetime) -> str:
    """The archive file an event at `moment` lives in."""
    return f"{moment.astimezone(UTC):%Y-%m}"


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

    def read(self, key: str) -> tuple[list[Event], int]:
        """The month's events and how many stored documents did not parse as events."""
        path = self.path(key)
        if not path.exists():
            return [], 0
        with open_month(path) as db:
            docs = db.table(TABLE).all()
        events: list[Event] = []
        bad = 0
        for doc in docs:
            try:
                events.append(Event.from_dict(dict(doc)))
            except InvalidEventError:
                bad += 1
        return events, bad

    def add(self, key: str, events: Iterable[Event]) -> int:
        """Insert the events not already in the month (by id); returns how many were new."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open_month(self.path(key)) as db:
            table = db.table(TABLE)
            known = {doc.get("id") for doc in table.all()}
            fresh: dict[str, dict[str, Any]] = {}
            for event in events:
                if event.id not in known and event.id not in fresh:
                    fresh[event.id] = event.to_dict()
            if fresh:
                table.insert_multiple(fresh.values())
        return len(fresh)
