"""Small file helpers that never leave a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from companion.errors import CompanionError


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op where directories can't be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class NotAFileError(OSError, CompanionError):
    """A path in the data folder that is a link, a folder or a device where a file (or a
    folder of ours) belongs. Companion never follows a link inside its data folder; the user
    is told in one line (a CompanionError) and the path is left as it is."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"{path} is {what}", str(path))
        self.what = what

    def __str__(self) -> str:
        return (
            f"{self.filename} is {self.what}, where Companion keeps a file of its own; it never "
            "follows or reads one: move it out of the data folder"
        )


def open_file(path: Path, flags: int, mode: int = 0o600) -> int:
    """os.open that never follows a symbolic link at `path` and opens only a regular file;
    NotAFileError otherwise (after any O_CREAT, the file is the one created)."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFileError(path, "a symbolic link") from None
        if error.errno == errno.EISDIR:
            raise NotAFileError(path, "a folder") from None
        raise
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        raise NotAFileError(path, "a folder" if stat.S_ISDIR(kind) else "not a regular file")
    return fd


def read_file(path: Path) -> bytes | None:
    """The bytes of the regular file at `path`, or None when there is nothing there;
    NotAFileError for a link, a folder, a FIFO or a device (none is followed or read)."""
    try:
        fd = open_file(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def refuse_link(path: Path) -> None:
    """NotAFileError when `path` (a folder of the store) is a symbolic link or not a folder."""
    if path.is_symlink():
        raise NotAFileError(path, "a symbolic link")
    if path.exists() and not path.is_dir():
        raise NotAFileError(path, "not a folder")


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is down (a write may take only part)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _durable_temp(folder: Path, name: str, data: bytes) -> Path:
    """`data` in a fresh, fsynced temp file beside its final name; a unique name per call, so
    two threads or processes never share one."""
    import tempfile  # (here: a command that only appends, like `log`, never loads it)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, 0o600)
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    return tmp


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: temp file, fsync, rename, fsync the folder.
    A kill or a full disk at any point leaves either the old file or the new one, whole."""
    tmp = _durable_temp(path.parent, path.name, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` holding `data`, whole or not at all; FileExistsError if it exists, even when
    another process creates it at the same moment (the final step is a hard link, which never
    replaces)."""
    tmp = _durable_temp(path.parent, path.name, data)
    try:
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(path.parent)


def move_aside(path: Path, why: str) -> Path:
    """Rename a damaged file out of the way under a timestamped name; never overwrite anything."""
    target = _aside_name(path, why)
    move_aside_to(path, target)
    return target


def keep_aside(path: Path, why: str) -> Path:
    """The damaged file's bytes kept under a timestamped name: a file (or a link, not
    followed) gets a second name and stays where it is, so a replacement can go over it in one
    rename; anything else (a folder) is moved out of the way."""
    target = _aside_name(path, why)
    try:
        os.link(path, target, follow_symlinks=False)
    except OSError:
        move_aside_to(path, target)
        return target
    fsync_dir(path.parent)
    return target


def move_aside_to(path: Path, target: Path) -> None:
    os.replace(path, target)
    fsync_dir(path.parent)


def _aside_name(path: Path, why: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for n in range(1000):
        suffix = f".{why}-{stamp}" + (f"-{n}" if n else "")
        target = path.with_name(path.name + suffix)
        if not target.exists() and not target.is_symlink():
            return target
    raise OSError(f"no free name to move {path} aside")
