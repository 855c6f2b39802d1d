"""The store: durable appends, windowed reads for the app, folding into the monthly archive.

Files under the data folder:
  journal.jsonl          new events, appended and fsynced under journal.lock
  folding/               journal pieces being folded into the archive (re-folded after a crash)
  journal-history/       folded journal pieces, kept: the archive can be rebuilt from them
  archive/YYYY-MM.json   TinyDB, one file per UTC month, written atomically
  generation             replaced whenever events arrive other than through the journal
Lock order: store.lock, then journal.lock. Appends take only journal.lock, so a fold or a long
read never delays a logged call."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from companion.core.events import Event, new_id
from companion.errors import CompanionError
from companion.paths import private_dir
from companion.store.archive import Archive, CorruptArchiveError, month_key, months_between
from companion.store.files import fsync_dir, move_aside, write_atomically, write_new
from companion.store.journal import append_lines, encode_all, parse_lines, read_chunk
from companion.store.lock import LockTimeoutError, held

LOCK_TIMEOUT_S = 20.0
# About a thousand calls: folding then costs one rewrite of a month file.
FOLD_AT_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a reader of the journal got to, and what the store looked like then."""

    journal_id: tuple[int, int] | None  # (device, inode) of journal.jsonl
    offset: int
    generation: tuple[int, int] | None


@dataclass(slots=True)
class Loaded:
    events: list[Event]
    cursor: Cursor
    notices: list[str] = field(default_factory=list)


class Store:
    """Everything Companion has recorded, in one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.journal = data_dir / "journal.jsonl"
        self.folding = data_dir / "folding"
        self.history = data_dir / "journal-history"
        self.archive = Archive(data_dir / "archive")
        self.generation = data_dir / "generation"
        self._journal_lock = data_dir / "journal.lock"
        self._store_lock = data_dir / "store.lock"
        # What a fold or an add had to repair, told to the user with the next load.
        self._untold: list[str] = []

    def prepare(self) -> Store:
        """Create the data folder (private to the user)."""
        private_dir(self.dir)
        return self

    # -- writing -------------------------------------------------------------------------

    def append(self, events: Sequence[Event]) -> None:
        """Record `events` durably (fsynced) before returning. Raises OSError if the disk
        refuses; then nothing of them is stored."""
        payload = encode_all(events)
        with self._locked(self._journal_lock):
            append_lines(self.journal, payload)

    def add(self, events: Iterable[Event]) -> int:
        """Put events straight into the archive (imports, demo data); returns how many were
        new. Running apps see them through the generation file."""
        by_month: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            by_month[month_key(event.at)].append(event)
        added = 0
        with self._locked(self._store_lock):
            if by_month:
                # Kept like a folded journal piece, so a damaged month can be rebuilt with these too.
                private_dir(self.history)
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
                piece = [e for key in sorted(by_month) for e in by_month[key]]
                write_new(self.history / f"{stamp}-{os.getpid()}-added.jsonl", encode_all(piece))
            for key in sorted(by_month):
                added += self._add_month(key, by_month[key])
            if added:
                write_atomically(self.generation, new_id().encode())
        return added

    def fold_if_large(self, max_bytes: int = FOLD_AT_BYTES, wait_s: float = 0.5) -> None:
        """Fold when the journal has grown past `max_bytes`, so reads stay quick for a rep who
        logs from a dialer hook and seldom opens the app. Best effort: never an error."""
        try:
            if self.journal.stat().st_size < max_bytes:
                return
            self.fold(wait_s=wait_s)
        except (OSError, CompanionError):
            return

    def fold(self, *, wait_s: float | None = None) -> int:
        """Fold the journal into the archive; returns how many events were new there."""
        with self._locked(self._store_lock, wait_s):
            with self._locked(self._journal_lock):
                if self.journal.exists() and self.journal.stat().st_size > 0:
                    private_dir(self.folding)
                    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
                    os.replace(self.journal, self.folding / f"{stamp}-{os.getpid()}.jsonl")
                    fsync_dir(self.dir)
                    # Readers holding a cursor into the old journal must reload, even one
                    # that started before any journal existed.
                    write_atomically(self.generation, new_id().encode())
            added = 0
            for piece in self._pieces():
                events, _bad = parse_lines(piece.read_bytes().splitlines())
                by_month: dict[str, list[Event]] = defaultdict(list)
                for event in events:
                    by_month[month_key(event.at)].append(event)
                for key in sorted(by_month):
                    added += self._add_month(key, by_month[key])
                private_dir(self.history)
                os.replace(piece, self.history / piece.name)
                fsync_dir(self.history)
                fsync_dir(self.folding)
            return added

    # -- reading -------------------------------------------------------------------------

    def load(self, start: datetime, end: datetime, *, wait_s: float | None = None) -> Loaded:
        """Events with start <= time < end, from archive, pending folds and journal, each once.
        CompanionError if another process holds the store for longer than `wait_s`."""
        with self._locked(self._store_lock, wait_s):
            generation = _stat_id(self.generation, mtime=True)
            notices, self._untold = self._untold, []
            found: dict[str, Event] = {}
            for key in months_between(start, end):
                for event in self._read_month(key, notices, start, end):
                    found[event.id] = event
            for piece in self._pieces():
                events, _ = parse_lines(piece.read_bytes().splitlines())
                found.update((e.id, e) for e in events)
            journal_id = _stat_id(self.journal)
            chunk = read_chunk(self.journal)
            found.update((e.id, e) for e in chunk.events)
        if chunk.bad_lines:
            notices.append(
                f"{chunk.bad_lines} unreadable line(s) in {self.journal} were skipped (kept in the file)"
            )
        events = [e for e in found.values() if start <= e.at < end]
        return Loaded(events, Cursor(journal_id, chunk.end, generation), notices)

    def poll(self, cursor: Cursor) -> tuple[list[Event], Cursor] | None:
        """New journal events since `cursor`; None when the store changed in another way
        (a fold, an import) and the reader should load again."""
        try:
            return self._poll(cursor)
        except FileNotFoundError:  # a fold moved the journal between two looks at it
            return None

    def _poll(self, cursor: Cursor) -> tuple[list[Event], Cursor] | None:
        if _stat_id(self.generation, mtime=True) != cursor.generation:
            return None
        journal_id = _stat_id(self.journal)
        if journal_id is None:
            return ([], cursor) if cursor.journal_id is None else None
        if journal_id != cursor.journal_id and cursor.journal_id is not None:
            return None
        size = self.journal.stat().st_size
        if size < cursor.offset:
            return None
        if size == cursor.offset:
            return [], Cursor(journal_id, cursor.offset, cursor.generation)
        chunk = read_chunk(self.journal, cursor.offset)
        return list(chunk.events), Cursor(journal_id, chunk.end, cursor.generation)

    def all_events(self) -> tuple[list[Event], list[str]]:
        """Every event ever recorded (export, import checks), each once."""
        with self._locked(self._store_lock):
            notices: list[str] = []
            found: dict[str, Event] = {}
            for key in self.archive.months():
                found.update((e.id, e) for e in self._read_month(key, notices))
            for piece in self._pieces():
                found.update((e.id, e) for e in parse_lines(piece.read_bytes().splitlines())[0])
            found.update((e.id, e) for e in read_chunk(self.journal).events)
        return list(found.values()), notices

    # -- inside --------------------------------------------------------------------------

    def _pieces(self) -> list[Path]:
        if not self.folding.exists():
            return []
        return sorted(p for p in self.folding.iterdir() if p.suffix == ".jsonl")

    def _add_month(self, key: str, events: list[Event]) -> int:
        try:
            return self.archive.add(key, events)
        except CorruptArchiveError as damage:
            self._untold.append(self._recover(key, damage.path))
            return self.archive.add(key, events)

    def _read_month(
        self, key: str, notices: list[str], start: datetime | None = None, end: datetime | None = None
    ) -> list[Event]:
        try:
            events, bad = self.archive.read(key, start, end)
        except CorruptArchiveError as damage:
            notices.append(self._recover(key, damage.path))
            events, bad = self.archive.read(key, start, end)
        if bad:
            notices.append(f"{bad} unreadable event(s) in {self.archive.path(key)} were skipped")
        return events

    def _recover(self, key: str, path: Path) -> str:
        """Move a damaged month aside and rebuild it from the kept journal history."""
        moved = move_aside(path, "corrupt")
        rebuilt: list[Event] = []
        if self.history.exists():
            for piece in sorted(self.history.iterdir()):
                events, _ = parse_lines(piece.read_bytes().splitlines())
                rebuilt.extend(e for e in events if month_key(e.at) == key)
        restored = self.archive.add(key, rebuilt) if rebuilt else 0
        return (
            f"{path.name} did not parse; it was moved to {moved} and {restored} event(s) "
            "were rebuilt from the journal history"
        )

    @contextmanager
    def _locked(self, lock: Path, wait_s: float | None = None) -> Iterator[None]:
        wait_s = LOCK_TIMEOUT_S if wait_s is None else wait_s
        try:
            with held(lock, wait_s):
                yield
        except LockTimeoutError:
            raise CompanionError(
                f"another Companion process has held {lock} for {wait_s:.0f}s; "
                "nothing was written; try again when it has finished"
            ) from None


def _stat_id(path: Path, *, mtime: bool = False) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns) if mtime else (st.st_dev, st.st_ino)
