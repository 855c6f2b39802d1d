"""An import on its way into the store: all of it, or none of it.

Events are written, month by month, into a private folder under `imports/` that no reader
looks at. Only when every row has been read and checked, and every byte is on disk, does the
store rename the folder into `folding/`: one rename, the commit point. Before it nothing of the
import counts, after it all of it does (readers read pending folds), and a later fold files it
into the archive. A killed or refused import leaves only a folder under `imports/`, which the
next import removes and which nothing ever reads back.

The process staging an import holds a lock on its folder, so a folder whose lock is free
belongs to an import that is no longer running."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.events import Event
from companion.paths import private_dir
from companion.store.archive import month_key
from companion.store.files import fsync_dir, open_file, write_all

if TYPE_CHECKING:
    import hashlib

# Bytes held in memory before they go to the month files: memory stays flat whatever the size
# of the import.
FLUSH_AT_BYTES = 1 << 20
PIECE_SUFFIX = ".import"


class Staging:
    """One import's events, written month by month into a folder of its own."""

    def __init__(self, folder: Path, lock: int) -> None:
        self.folder = folder
        self.count = 0
        self.committed = False
        self._lock = lock
        self._pending: defaultdict[str, list[bytes]] = defaultdict(list)
        self._pending_bytes = 0
        self._digests: dict[str, hashlib.blake2b] = {}
        self._months: dict[tuple[int, int], str] = {}
        from companion.core.wire import encode_line  # an import writes many: msgspec pays

        self._encode = encode_line

    @property
    def digests(self) -> dict[str, bytes]:
        """Each month file's BLAKE2 digest as this process wrote it: bytes that match were
        checked by the validator on their way in, and need not be checked again."""
        return {key: digest.digest() for key, digest in self._digests.items()}

    @classmethod
    def new(cls, imports: Path) -> Staging:
        """A fresh folder under `imports`, locked as this process's."""
        while True:
            private_dir(imports)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            folder = imports / f"{stamp}-{os.getpid()}{PIECE_SUFFIX}"
            try:
                folder.mkdir(mode=0o700)
            except (FileExistsError, FileNotFoundError):  # a name taken, or imports/ just tidied away
                continue
            try:
                lock = _open_folder(folder)
            except FileNotFoundError:  # swept away between the mkdir and the open
                continue
            fcntl.flock(lock, fcntl.LOCK_EX)
            if os.fstat(lock).st_nlink:  # a sweep did not take it between mkdir and the lock
                return cls(folder, lock)
            os.close(lock)

    def put(self, event: Event) -> None:
        line = self._encode(event)
        at = event.at
        # Away from a month's ends, a time's own month is its month in UTC (offsets are under
        # a day): an import's million calls skip the conversion.
        key = self._months.get((at.year, at.month)) if 2 <= at.day <= 27 else None
        if key is None:
            key = month_key(at)
            if 2 <= at.day <= 27:
                self._months[(at.year, at.month)] = key
        self._pending[key].append(line)
        self._pending_bytes += len(line)
        self.count += 1
        if self._pending_bytes >= FLUSH_AT_BYTES:
            self._flush()

    def seal(self) -> None:
        """Every event on disk (fsynced), ready for the rename that commits them."""
        self._flush()
        for key in sorted(self._digests):
            fd = open_file(self.folder / f"{key}.jsonl", os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(self.folder)

    def close(self) -> None:
        """Give up the folder's lock; a folder not committed is removed, and imports/ with it
        when nothing else is in it: a refused import leaves no trace."""
        if not self.committed:
            import shutil  # (only to clear a staging folder: never on a command's way)

            shutil.rmtree(self.folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.close(self._lock)
        with contextlib.suppress(OSError):
            self.folder.parent.rmdir()

    def _flush(self) -> None:
        import hashlib  # (here, not at the top: the app's start reads this module, never writes)

        for key, lines in self._pending.items():
            data = b"".join(lines)
            fd = open_file(self.folder / f"{key}.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            try:
                write_all(fd, data)
            finally:
                os.close(fd)
            self._digests.setdefault(key, hashlib.blake2b()).update(data)
        self._pending.clear()
        self._pending_bytes = 0


def sweep(imports: Path) -> None:
    """Remove what killed or refused imports left under `imports/` (their lock is free)."""
    if not imports.is_dir() or imports.is_symlink():
        return
    for folder in imports.iterdir():
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            fd = _open_folder(folder)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue  # an import still running
        try:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(fd)


def _open_folder(folder: Path) -> int:
    """A descriptor of an import's folder (never through a link), to hold its lock by."""
    return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | os.O_NOFOLLOW)
