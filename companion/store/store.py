"""The store: durable appends, windowed reads for the app, folding into the monthly archive.

Files under the data folder:
  journal.jsonl          new events, appended and fsynced under journal.lock
  imports/               imports being staged (see staging.py); never read
  folding/               journal pieces (NAME.jsonl) and committed imports (NAME.import/, one
                         file a month) being folded into the archive; read by every load, and
                         folded again after a crash
  journal-history/       folded pieces, kept: a damaged month is rebuilt from them
  archive/YYYY-MM.json   TinyDB, one file per UTC month, written atomically
  generation             replaced whenever events arrive other than through the journal
Lock order: store.lock, then journal.lock. Appends take only journal.lock, so a fold or a long
read never delays a logged call.

Nothing read is trusted (see core.events.parse_event): a line or document that is not a valid
event is skipped, counted in a notice and kept where it is; a month file that does not parse,
holds documents that are not events, or a key or an id twice, is moved aside whole and rebuilt
from its valid events and the journal history. No link inside the data folder is followed.

Reads need no write: on a folder it cannot write (a read-only home), a read locks through a
read-only descriptor, and a damaged month is read with the journal history in memory instead
of rebuilt; a file it cannot read (its mode) is skipped with a notice naming it, the month's
events then read from the history. Only writing needs a writable folder."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from companion.core.events import Event, new_id
from companion.errors import CompanionError, reason
from companion.paths import private_dir
from companion.store.archive import (
    Archive,
    CorruptArchiveError,
    DamagedMonthError,
    Doc,
    month_key,
    months_between,
)
from companion.store.files import (
    fsync_dir,
    refuse_link,
    write_atomically,
)
from companion.store.journal import append_lines, encode_all, read_chunk
from companion.store.lock import LockTimeoutError, held
from companion.store.pieces import entries, import_months, piece_docs, piece_months, readable_chunk
from companion.store.repair import read_month, recover
from companion.store.staging import PIECE_SUFFIX, Staging, sweep

LOCK_TIMEOUT_S = 20.0
# About a thousand calls: folding then costs one rewrite of a month file.
FOLD_AT_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a reader of the journal got to, and what the store looked like then."""

    journal_id: tuple[int, int] | None  # (device, inode) of journal.jsonl
    offset: int
    generation: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Committed:
    """What an import or add stored: `added` new events, or None when filing them into the
    archive must wait for the next fold (`later` says why); they count either way."""

    rows: int
    added: int | None
    later: str | None = None


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
        self.imports = data_dir / "imports"
        self.archive = Archive(data_dir / "archive")
        self.generation = data_dir / "generation"
        self._journal_lock = data_dir / "journal.lock"
        self._store_lock = data_dir / "store.lock"
        # What a fold or an add had to repair, told to the user with the next load.
        self._untold: list[str] = []
        # Why the data folder could not be made, for the first write to raise: reads find
        # nothing in a folder that is not there.
        self._unmade: OSError | None = None

    def prepare(self) -> Store:
        """Create the data folder (private to the user); NotAFileError (one line for the user)
        when a folder of ours inside it is a link or a file. A folder that cannot be made (a
        read-only home) is an error for the first write, not for reading."""
        try:
            private_dir(self.dir)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            self._unmade = error
        for folder in (self.folding, self.history, self.imports, self.archive.directory):
            refuse_link(folder)
        return self

    # -- writing -------------------------------------------------------------------------

    def append(self, events: Sequence[Event]) -> None:
        """Record `events` durably (fsynced) before returning. Raises OSError if the disk
        refuses; then nothing of them is stored."""
        payload = encode_all(events)
        self._made()
        with self._locked(self._journal_lock):
            append_lines(self.journal, payload)

    def add(self, events: Iterable[Event]) -> int:
        """Put events straight into the archive (demo data, tests), all or nothing; returns how
        many were new. Running apps see them through the generation file."""
        staging = self.stage()
        try:
            for event in events:
                staging.put(event)
            done = self.commit(staging)
        finally:
            staging.close()
        if done.added is None:
            raise OSError(done.later)
        return done.added

    def take_notices(self) -> list[str]:
        """What a fold or an import had to repair, not yet told (each told once)."""
        notices, self._untold = self._untold, []
        return notices

    def stage(self) -> Staging:
        """A new import's folder; put events in it, then `commit` it (and always `close` it).
        What killed imports left is swept first (as `commit` sweeps): an import that finds
        nothing new commits nothing, and must tidy all the same."""
        self._made()
        sweep(self.imports)
        return Staging.new(self.imports)

    def check_writable(self) -> None:
        """CompanionError, one line, when a call could not be stored here (a read-only home):
        the app says so before its first screen, not at the first call. Reading needs none."""
        try:
            self._made()
            blocked = next(
                (
                    p
                    for p in (self.dir, self.journal, self._journal_lock)
                    if p.exists() and not os.access(p, os.W_OK)
                ),
                None,
            )
            if blocked is not None:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(blocked))
        except OSError as error:
            raise CompanionError(
                f"the app cannot store calls in {error.filename or self.dir} ({reason(error)}); make it "
                "writable. companion summary, status, review and export read it as it is"
            ) from None

    def _made(self) -> None:
        """Raise why the data folder could not be made, if it could not: writing needs it."""
        if self._unmade is not None:
            private_dir(self.dir)  # again: made meanwhile, or the error as it is now
            self._unmade = None

    def commit(self, staging: Staging) -> Committed:
        """Make a staged import count, all of it at one rename, then file it into the archive.
        OSError before the rename means nothing of it counts."""
        staging.seal()
        with self._locked(self._store_lock):
            sweep(self.imports)
            self._fold()  # what is waiting goes first, so the import's new events are its own
            private_dir(self.folding)
            piece = self.folding / staging.folder.name
            staging.folder.rename(piece)
            staging.committed = True
            fsync_dir(self.folding)
            fsync_dir(self.imports)
            # Committed: from here on nothing may say otherwise. Filing into the archive, and
            # telling running apps, can fail on a full disk; the rows count all the same.
            try:
                added = self._fold_piece(piece, staging.digests)
                if added:
                    self._new_generation()
            except OSError as error:
                with contextlib.suppress(OSError):
                    self._new_generation()
                return Committed(staging.count, None, error.strerror or str(error))
        return Committed(staging.count, added)

    def fold_if_large(self, max_bytes: int = FOLD_AT_BYTES, wait_s: float = 0.5) -> None:
        """Fold when the journal has grown past `max_bytes`, so reads stay quick for a rep who
        logs from a dialer hook and seldom opens the app. Best effort: never an error."""
        try:
            if self.journal.stat().st_size < max_bytes or not os.access(self.dir, os.W_OK):
                return  # small yet, or a folder this user reads but may not write
            self.fold(wait_s=wait_s)
        except (OSError, CompanionError):
            return

    def fold(self, *, wait_s: float | None = None) -> int:
        """Fold the journal into the archive; returns how many events were new there."""
        self._made()
        with self._locked(self._store_lock, wait_s):
            return self._fold()

    def _fold(self) -> int:
        with self._locked(self._journal_lock):
            if self.journal.exists() and self.journal.stat().st_size > 0:
                private_dir(self.folding)
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
                os.replace(self.journal, self.folding / f"{stamp}-{os.getpid()}.jsonl")
                fsync_dir(self.dir)
                # Readers holding a cursor into the old journal must reload, even one
                # that started before any journal existed.
                self._new_generation()
        return sum(self._fold_piece(piece) for piece in self._pieces())

    def _new_generation(self) -> None:
        """Tell every reader (another process's app) to load again."""
        write_atomically(self.generation, new_id().encode())

    def _fold_piece(self, piece: Path, checked: dict[str, bytes] | None = None) -> int:
        """File one piece's events into their months, then keep the piece in the history.
        `checked`: digests of month files this process validated as it wrote them."""
        added = sum(self._add_month(key, docs) for key, docs in piece_docs(piece, checked or {}))
        private_dir(self.history)
        os.replace(piece, self.history / piece.name)
        fsync_dir(self.history)
        fsync_dir(self.folding)
        return added

    # -- reading -------------------------------------------------------------------------

    def load(
        self,
        start: datetime,
        end: datetime,
        *,
        wait_s: float | None = None,
        wanted: Callable[[dict[str, Any]], bool] | None = None,
    ) -> Loaded:
        """Events with start <= time < end, from archive, pending folds and journal, each once.
        `wanted` skips archived documents unparsed (a reader that needs only some kinds);
        what it skips is not checked. CompanionError if another process holds the store for
        longer than `wait_s`."""
        with self._locked(self._store_lock, wait_s, reading=True):
            generation = _stat_id(self.generation, mtime=True)
            notices = self.take_notices()
            found: dict[str, Event] = {}
            for key in months_between(start, end):
                for event in self._read_month(key, notices, start, end, wanted):
                    found[event.id] = event
            keys = set(months_between(start, end))
            for piece in self._pieces():
                for _key, events in piece_months(piece, keys, notices):
                    found.update((e.id, e) for e in events)
            journal_id = _stat_id(self.journal)
            chunk = readable_chunk(self.journal, notices)
            found.update((e.id, e) for e in chunk.events)
        if chunk.bad_lines:
            notices.append(
                f"{self.journal.name}: {chunk.bad_lines} unreadable line(s) skipped, kept in {self.journal}"
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

    def all_events(self, keep: Callable[[Event], bool] | None = None) -> tuple[list[Event], list[str]]:
        """Every event ever recorded (export, import checks), each once; only those `keep`
        accepts, when given, so a reader after a few kinds never holds the whole history."""
        with self._locked(self._store_lock, reading=True):
            notices: list[str] = []
            found: dict[str, Event] = {}

            def take(events: Iterable[Event]) -> None:
                found.update((e.id, e) for e in events if keep is None or keep(e))

            for key in self.archive.months():
                take(self._read_month(key, notices))
            for piece in self._pieces():
                for _key, events in piece_months(piece, notices=notices):
                    take(events)
            take(readable_chunk(self.journal, notices).events)
        return list(found.values()), notices

    def first_month(self) -> str | None:
        """The month key (UTC, as archive files are named) of the oldest month holding any
        event: archived, waiting in folding/, or still in the journal. None when empty."""
        with self._locked(self._store_lock, reading=True):
            keys = self.archive.months()[:1]
            skipped: list[str] = []  # told by the read that follows
            for piece in self._pieces():
                if piece.suffix == PIECE_SUFFIX:  # an import's folder: a file a month, named so
                    keys += [key for key, _part in import_months(piece)]
                else:
                    keys += [month_key(e.at) for e in readable_chunk(piece, skipped).events]
            keys += [month_key(e.at) for e in readable_chunk(self.journal, skipped).events]
        return min(keys, default=None)

    # -- inside --------------------------------------------------------------------------

    def _pieces(self) -> list[Path]:
        """Journal pieces and committed imports waiting in folding/, oldest first."""
        return [p for p in entries(self.folding) if p.suffix in (".jsonl", PIECE_SUFFIX)]

    def _add_month(self, key: str, docs: list[Doc]) -> int:
        try:
            return self.archive.add(key, docs)
        except (CorruptArchiveError, DamagedMonthError) as damage:
            self._untold.append(recover(self.archive, self.history, key, damage))
            return self.archive.add(key, docs)

    def _read_month(
        self,
        key: str,
        notices: list[str],
        start: datetime | None = None,
        end: datetime | None = None,
        wanted: Callable[[dict[str, Any]], bool] | None = None,
    ) -> list[Event]:
        return read_month(self.archive, self.history, key, notices, start, end, wanted)

    @contextmanager
    def _locked(self, lock: Path, wait_s: float | None = None, *, reading: bool = False) -> Iterator[None]:
        wait_s = LOCK_TIMEOUT_S if wait_s is None else wait_s
        try:
            with held(lock, wait_s, reading=reading):
                yield
        except LockTimeoutError:
            raise CompanionError(
                f"another Companion process has held {lock} for {wait_s:.0f}s; "
                "nothing was written; try again when it has finished"
            ) from None


def _stat_id(path: Path, *, mtime: bool = False) -> tuple[int, int] | None:
    try:
        st = path.lstat()  # a link is never followed, not even to look
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns) if mtime else (st.st_dev, st.st_ino)
