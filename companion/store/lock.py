"""A short-held lock between processes: flock on a lock file beside the data. Each acquire opens
its own descriptor, so two threads of one process exclude each other too. No dependency: this
sits on the path of every logged call.

The store is POSIX only (flock, fsync of folders, 0600/0700 modes, O_APPEND): Linux and macOS.
Windows is not supported; WSL is."""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from companion.store.files import open_file

POLL_S = 0.005


class LockTimeoutError(Exception):
    """Another process held the lock for longer than we were willing to wait."""


@contextmanager
def held(path: Path, wait_s: float, *, reading: bool = False) -> Iterator[None]:
    """Hold the lock on `path` for the `with` block; LockTimeoutError after `wait_s`.
    `reading`: a reader needs no write. In a folder it may not write (a read-only home) it
    locks the lock file through a read-only descriptor (flock needs none other), or, when
    there is no lock file and none can be made, reads unlocked: no Companion of this user can
    be writing a folder this user cannot write."""
    fd = _open_for(path, reading)
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeoutError(str(path))
            time.sleep(POLL_S)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _open_for(path: Path, reading: bool) -> int | None:
    try:
        return open_file(path, os.O_RDWR | os.O_CREAT)
    except OSError as error:
        if not reading or error.errno not in _CANNOT_WRITE:
            raise
    try:
        return open_file(path, os.O_RDONLY)
    except FileNotFoundError:
        return None


# What opening for writing says in a folder or on a disk this user may not write, or in a data
# folder that could not be made (then there is nothing to read either).
_CANNOT_WRITE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT)


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
