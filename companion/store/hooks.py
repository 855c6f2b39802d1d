"""Hooks out: `[hooks] on_event` runs for every event this process stored, with the event as one
JSON line on stdin (the shape `export --format json` holds). The process that stores an event
fires its hook, once; a running app never fires for events it only read from the journal.

Firing never waits. Each event becomes one file in `hook-queue/` (written aside, then renamed
in: a file there is whole), named so that a call's events sort in the order they were stored.
One runner at a time (`hook_runner`, holding `hook-queue/runner.lock`) drains the queue: the
process whose event finds the lock free starts it and hands it the lock, so a burst of a
hundred loggers costs one Python process, not a hundred; the others only leave their files.
A runner that finds the queue empty lets the lock go and looks once more, so an event queued
in that instant is never stranded. Delivery is at least once: an event file goes only after
its hook ended, so a runner killed mid-hook runs that one event again (its `id` tells).

What went wrong goes to `hooks.log` in the data folder, opened so it cannot block and only
when it is a regular file; a link, a FIFO or a folder there is refused (the app says so once)."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the runner imports this module: it needs neither to deliver an event)
    from companion.core.events import Event

LOG_NAME = "hooks.log"
QUEUE_NAME = "hook-queue"
LOCK_NAME = "runner.lock"
SUFFIX = ".event"
LOG_LINE_MAX = 300  # characters of a hook's own words kept per failure
LINE_MAX = 1000  # characters of one line in hooks.log (a long command is cut)
# The runner: the installed package's, with a clean sys.path whatever folder the command ran
# in (-I: no current folder, no PYTHON* variables, no user site), found where this module is.
_BOOT = (
    "import sys; sys.path[:] = [sys.argv[1]] + [p for p in sys.path if p not in ('', '.')]; "
    "from companion.store.hook_runner import main; sys.exit(main(sys.argv[2:]))"
)
_ROOT = str(Path(__file__).resolve().parents[2])
_numbers = itertools.count()  # this process's files sort in the order it queued them


def fire(command: str, events: Sequence[Event], data_dir: Path, timeout_s: float) -> None:
    """Queue `events` for `command` and make sure a runner will take them; never waits for the
    hook. A queue or runner that cannot be had is logged like a failing hook."""
    if not command or not events:
        return
    _reap()
    log = data_dir / LOG_NAME
    try:
        queue = queue_dir(data_dir)
        enqueue(queue, command, timeout_s, [json.dumps(e.to_dict(), ensure_ascii=False) for e in events])
    except OSError as error:
        note_failure(log, f"the hook was not run for {len(events)} event(s): {_why(error)}")
        return
    start_runner(queue, log)


def queue_dir(data_dir: Path) -> Path:
    """`hook-queue/` in the data folder: a folder of the user's own, no one else can write in
    (the commands in it are run as the user). OSError otherwise."""
    queue = data_dir / QUEUE_NAME
    with contextlib.suppress(FileExistsError):
        queue.mkdir(mode=0o700)
    found = os.lstat(queue)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o022:
        raise PermissionError(0, f"{queue} is not a private folder of yours")
    return queue


def enqueue(queue: Path, command: str, timeout_s: float, lines: Sequence[str]) -> None:
    """One file per event line, in order: each written aside whole, then renamed in."""
    stamp = f"{time.time_ns():020d}-{os.getpid():010d}"
    staged = []
    for line in lines:
        name = f"{stamp}-{next(_numbers):010d}{SUFFIX}"
        aside = queue / f".{name}"
        body = json.dumps({"command": command, "timeout_s": timeout_s, "event": line}, ensure_ascii=False)
        fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            _write_all(fd, body.encode())
        finally:
            os.close(fd)
        staged.append((aside, queue / name))
    for aside, target in staged:  # in order: a runner never sees a later event without an earlier
        aside.rename(target)


def take_lock(queue: Path, *, wait: bool = False) -> int | None:
    """The runner's lock, held (an fd), or None when a runner holds it already."""
    fd = os.open(
        queue / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o600
    )
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def start_runner(queue: Path, log: Path) -> None:
    """Start a runner unless one is at work (it will take what was just queued). The lock goes
    with the runner: no second one can start between this check and its start."""
    try:
        lock = take_lock(queue)
    except OSError as error:
        note_failure(log, f"the hook runner could not start: {_why(error)}")
        return
    if lock is None:
        return
    try:
        runner = subprocess.Popen(
            runner_argv(queue.parent, lock),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not the app's or the terminal's: a hang-up never reaches it
            pass_fds=(lock,),
            cwd=_home(),  # hooks run in the home folder, whichever folder the command ran in
        )
        _running.append(runner)
    except OSError as error:
        note_failure(log, f"the hook runner could not start ({_why(error)}); events wait in {queue}")
    finally:
        os.close(lock)


def runner_argv(data_dir: Path, lock: int | None = None) -> list[str]:
    """The runner's command line: with `lock`, the fd of the lock handed over; without, the
    runner takes the lock itself (or leaves when a runner holds it)."""
    handed = [str(lock)] if lock is not None else []
    return [sys.executable, "-I", "-c", _BOOT, _ROOT, str(data_dir), *handed]


def _home() -> str:
    home = Path("~").expanduser()
    return str(home) if home.is_dir() else "/"


_running: list[subprocess.Popen[bytes]] = []  # runners started by this process


def _reap() -> None:
    """Collect the runners that have finished, so a day of calls leaves no zombie behind."""
    _running[:] = [runner for runner in _running if runner.poll() is None]


def open_log(log: Path) -> int:
    """hooks.log for appending: never blocks, never follows a link, a regular file only, 0600.
    OSError (NotAFileError for a link, a FIFO, a folder) when it cannot be had."""
    from companion.store.files import open_file

    fd = open_file(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    with contextlib.suppress(OSError):
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
    return fd


def note_failure(log: Path, what: str) -> None:
    """One line in hooks.log; a log that cannot be written is let go (the call is stored, and
    the app says once when hooks.log is not a file it can write)."""
    from companion.core.words import shown

    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        fd = open_log(log)
    except OSError:
        return
    try:
        _write_all(fd, f"{stamp} {shown(what)[:LINE_MAX]}\n".encode())
    except OSError:
        pass
    finally:
        os.close(fd)


def log_refused(data_dir: Path) -> str | None:
    """Why hooks.log cannot hold failures (a link, a FIFO, a folder there), or None."""
    log = data_dir / LOG_NAME
    try:
        kind = os.lstat(log).st_mode
    except OSError:
        return None
    if stat.S_ISREG(kind):
        return None
    what = (
        "a symbolic link"
        if stat.S_ISLNK(kind)
        else "a FIFO"
        if stat.S_ISFIFO(kind)
        else "a folder"
        if stat.S_ISDIR(kind)
        else "not a file"
    )
    return f"Hook failures cannot be written: {LOG_NAME} is {what}"


def log_size(data_dir: Path) -> int:
    """hooks.log's size in bytes (0 when there is none or it is not a file)."""
    try:
        found = os.lstat(data_dir / LOG_NAME)
    except OSError:
        return 0
    return found.st_size if stat.S_ISREG(found.st_mode) else 0


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _why(error: OSError) -> str:
    return str(error.strerror or error)
