"""The hook runner: one process at a time drains `hook-queue/` (see hooks.py), oldest first, one
event at a time, each through `[hooks] on_event` within its time limit.

A hook's time limit covers everything it started. The hook runs in a session of its own, and
the runner is the child subreaper (Linux): what the hook leaves behind, even a daemon that left
the session with `setsid`, comes back to the runner as its child. The runner waits for
processes, never for the end of a pipe a daemon may hold, until all of them ended or the time
is up; then it stops the session and every process that came back, and says so in hooks.log.
What the hook writes to stderr is read as it comes: the first OUTPUT_KEPT bytes are kept, the
rest counted and let go. Started as `python -I` (no current folder on sys.path)."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from companion.store.hooks import (
    LOG_LINE_MAX,
    LOG_NAME,
    QUEUE_NAME,
    SUFFIX,
    note_failure,
    take_lock,
)

OUTPUT_KEPT = 4096  # bytes of a hook's stderr kept for hooks.log; the rest is read and dropped
QUEUED_MAX = 4 * 1024 * 1024  # an event file larger than this is not one of ours
STOP_WAIT_S = 2.0  # how long a stopped hook's processes get to be gone
ASIDE_KEPT_S = 3600.0  # a half-queued event file older than this was left by a killed process
_PR_SET_CHILD_SUBREAPER = 36
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class Ran:
    """How one hook run ended: `status` its exit code (negative: the signal that ended it;
    None: stopped at the time limit), `left` when the hook had ended but what it started had
    not; `said` the first bytes of its stderr, `written` how many it wrote there in all."""

    status: int | None
    left: bool
    said: bytes
    written: int


class Capped:
    """The first `keep` bytes of a stream, and how many came in all."""

    def __init__(self, keep: int = OUTPUT_KEPT) -> None:
        self.keep = keep
        self.kept = bytearray()
        self.total = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.keep - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]


def main(argv: list[str]) -> int:
    """`data_dir [lock_fd]`: drain the queue with the lock handed over, or take it (and leave
    at once when another runner holds it)."""
    data_dir = Path(argv[0])
    queue = data_dir / QUEUE_NAME
    os.umask(0o077)  # what a hook writes holds the rep's notes: theirs alone unless it says so
    lock = int(argv[1]) if len(argv) > 1 else take_lock(queue)
    if lock is None:
        return 0
    _become_subreaper()
    _sweep(queue)
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    drain(queue, lock, data_dir / LOG_NAME, wake_r)
    return 0


def drain(queue: Path, lock: int, log: Path, wake: int) -> None:
    """Deliver every queued event, oldest first; when none is left, let the lock go and look
    once more: an event queued in between is this runner's if it gets the lock back, else the
    runner that has it takes it."""
    while True:
        waiting = _queued(queue)
        if not waiting:
            fcntl.flock(lock, fcntl.LOCK_UN)
            if not _queued(queue):
                return
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            continue
        for path in waiting:
            deliver(path, log, wake)


def _sweep(queue: Path) -> None:
    """Remove what a process killed while queueing left aside (never renamed in), once it is
    an hour old."""
    with contextlib.suppress(OSError):
        for entry in queue.iterdir():
            if entry.name.startswith(".") and entry.name.endswith(SUFFIX):
                with contextlib.suppress(OSError):
                    if time.time() - entry.lstat().st_mtime > ASIDE_KEPT_S:
                        entry.unlink()


def _queued(queue: Path) -> list[Path]:
    try:
        names = sorted(entry.name for entry in queue.iterdir())
    except OSError:
        return []
    return [queue / name for name in names if name.endswith(SUFFIX) and not name.startswith(".")]


def deliver(path: Path, log: Path, wake: int) -> None:
    """Run the hook for one queued event, log what went wrong, then let the file go."""
    try:
        command, timeout_s, line, event_id = _read_queued(path)
    except (OSError, ValueError, KeyError, TypeError) as error:
        note_failure(log, f"a queued event could not be read, kept as {path.name}.bad: {error}")
        with contextlib.suppress(OSError):
            path.rename(path.with_name(path.name + ".bad"))
        return
    try:
        ran = run_hook(command, line, timeout_s, wake)
    except OSError as error:
        note_failure(log, f"hook could not run for event {event_id} ({error.strerror or error}): {command}")
    else:
        failed = describe(ran, timeout_s, event_id, command)
        if failed:
            note_failure(log, failed)
    path.unlink(missing_ok=True)


def _read_queued(path: Path) -> tuple[str, float, str, str]:
    from companion.store.files import open_file

    fd = open_file(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(handle.fileno()).st_uid != os.geteuid():
            raise ValueError("not written by you")
        body = json.loads(handle.read(QUEUED_MAX + 1)[:QUEUED_MAX])
    command, timeout_s, line = body["command"], body["timeout_s"], body["event"]
    if not (isinstance(command, str) and isinstance(line, str) and isinstance(timeout_s, int | float)):
        raise ValueError("not a queued event")
    try:
        event_id = str(json.loads(line).get("id", "?"))[:60]
    except (ValueError, AttributeError):
        event_id = "?"
    return command, float(timeout_s), line + "\n", event_id


def describe(ran: Ran, timeout_s: float, event_id: str, command: str) -> str | None:
    """The hooks.log line for a run, or None when it went well. The hook's own words are cut
    to LOG_LINE_MAX characters, and the line says when there was more."""
    said = " ".join(ran.said.decode("utf-8", "replace").split())
    words = said[:LOG_LINE_MAX]
    if said and (ran.written > len(ran.said) or len(said) > len(words)):
        words += f" [output cut: {ran.written} bytes written, the first {len(words)} characters kept]"
    if ran.status is None:
        why = "what it started was still running" if ran.left else command
        stopped = f"hook stopped after {timeout_s:g} s for event {event_id}: {why}"
        return stopped + (f" ({words})" if words else "")
    if ran.status != 0:
        return f"hook exited {ran.status} for event {event_id}: {words or command}"
    return None


def run_hook(command: str, line: str, timeout_s: float, wake: int) -> Ran:
    """Run `command` with `line` on stdin, until it and all it started ended, or `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    libc = _libc()
    hook = subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=(lambda: _die_with_runner(libc)) if libc is not None else None,
    )
    assert hook.stdin is not None and hook.stderr is not None
    os.set_blocking(hook.stdin.fileno(), False)
    stdin: int | None = hook.stdin.fileno()
    stderr: int | None = hook.stderr.fileno()
    to_send = memoryview(line.encode())
    output = Capped()
    status: int | None = None
    left_behind = False
    while True:
        children, code = _reap(hook.pid)
        if code is not None:
            status = hook.returncode = code
        if not children and not _alive(hook.pid):
            break
        left = deadline - time.monotonic()
        if left <= 0:
            left_behind = status is not None  # the hook ended; what it started had not
            _stop(hook.pid)
            status = None
            break
        readable = [fd for fd in (stderr, wake) if fd is not None]
        writable = [stdin] if stdin is not None else []
        # Without children to signal their end (no subreaper), the group is looked at often.
        ready_r, ready_w, _ = select.select(readable, writable, [], left if children else min(left, 0.05))
        if stdin is not None and stdin in ready_w:
            try:
                to_send = to_send[os.write(stdin, to_send) :]
            except OSError:  # the hook closed its stdin unread: fine
                to_send = to_send[:0]
            if not to_send:
                hook.stdin.close()
                stdin = None
        if stderr is not None and stderr in ready_r:
            chunk = os.read(stderr, 65536)
            if chunk:
                output.add(chunk)
            else:
                stderr = None  # the end of its output; its processes are what is waited for
        if wake in ready_r:
            with contextlib.suppress(BlockingIOError):
                os.read(wake, 4096)
    if stderr is not None:  # what is there now is read; a daemon holding the pipe is not waited for
        os.set_blocking(stderr, False)
        with contextlib.suppress(OSError):
            while chunk := os.read(stderr, 65536):
                output.add(chunk)
    for pipe in (hook.stdin, hook.stderr):
        with contextlib.suppress(OSError):
            pipe.close()
    if hook.returncode is None:
        hook.returncode = -signal.SIGKILL  # collected here: subprocess must not wait for it again
    return Ran(status, left_behind, bytes(output.kept), output.total)


def _reap(hook_pid: int) -> tuple[bool, int | None]:
    """Collect every child that ended: (whether any child is left, the hook's own exit code
    if it was collected now)."""
    code = None
    while True:
        try:
            pid, wait_status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False, code
        if pid == 0:
            return True, code
        if pid == hook_pid:
            code = os.waitstatus_to_exitcode(wait_status)


def _alive(group: int) -> bool:
    """Whether anyone is left in the hook's process group."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop(hook_pid: int) -> None:
    """SIGKILL to the hook's group and to every process that came back to the runner, until
    none is left (or STOP_WAIT_S)."""
    own_group = os.getpgid(0)
    end = time.monotonic() + STOP_WAIT_S
    while True:
        with contextlib.suppress(OSError):
            os.killpg(hook_pid, signal.SIGKILL)
        for pid, group in _children():
            with contextlib.suppress(OSError):
                if group != own_group:
                    os.killpg(group, signal.SIGKILL)
                os.kill(pid, signal.SIGKILL)
        children, _ = _reap(hook_pid)
        if (not children and not _alive(hook_pid)) or time.monotonic() > end:
            return
        time.sleep(0.005)


def _children() -> list[tuple[int, int]]:
    """(pid, process group) of each child of this process, from /proc (empty elsewhere)."""
    me = os.getpid()
    found = []
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == me:
                found.append((int(entry.name), int(fields[2])))
    return found


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _become_subreaper() -> None:
    """Orphans of a hook come back to this process, not to init: they can be found and stopped."""
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _die_with_runner(libc: ctypes.CDLL) -> None:
    """In the hook's first process (before exec): a runner killed takes its hook with it."""
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
