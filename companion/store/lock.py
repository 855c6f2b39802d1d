"""A short-held lock between processes: flock on a lock file beside the data. Each acquire opens
its own descriptor, so two threads of one process exclude each other too. No dependency: this
sits on the path of every logged call.

The store is POSIX only (flock, fsync of folders, 0600/0700 modes, O_APPEND): Linux and macOS.
Windows is not supported; WSL is."""

from __future__ import annotations

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
def held(path: Path, wait_s: float) -> Iterator[None]:
    """Hold the lock on `path` for the `with` block; LockTimeoutError after `wait_s`."""
    fd = open_file(path, os.O_RDWR | os.O_CREAT)
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


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
