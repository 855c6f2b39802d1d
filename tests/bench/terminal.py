"""Start-up as the rep sees it: a real process on a real (pseudo) terminal, timed from spawn to
the first frame that shows a given word, then quit with ctrl+q and its peak memory read back.

Import cost, config, store, compose and the first write to the terminal all count. A bare
Textual app with one Static is started the same way as the baseline."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.homes import REPO, env
from tests.bench.processes import reap

SIZE = (60, 24)  # beside a dialer: the layout that must be perfect
TIMEOUT_S = 30.0
QUIT = b"\x11"  # ctrl+q

HELLO = """\
from textual.app import App
from textual.widgets import Static


class Hello(App[None]):
    def compose(self):
        yield Static("Hello")


Hello().run()
"""


@dataclass(frozen=True, slots=True)
class Started:
    """One start: seconds from spawn until each marker was on the terminal, and the peak
    resident memory once they all were (the day loaded), just before quitting."""

    seen: dict[str, float]
    max_rss_bytes: int
    cpu_s: float | None = None  # the process's CPU (user and system) by then, where /proc has it


def hello_argv() -> list[str]:
    return [sys.executable, "-c", HELLO]


def start(argv: list[str], home: Path | None, markers: list[str]) -> Started:
    """Run `argv` on a fresh pty until every marker has been written, then quit it."""
    master, slave = pty.openpty()
    columns, lines = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env(home, TERM="xterm-256color", COLORTERM="truecolor"),
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    seen: dict[str, float] = {}
    screen = b""
    try:
        deadline = started + TIMEOUT_S
        while len(seen) < len(markers):
            data = _read(master, deadline - time.perf_counter())
            if data is None:
                missing = set(markers) - set(seen)
                tail = screen[-300:].decode(errors="replace")
                raise TimeoutError(f"no {missing} on screen after {TIMEOUT_S:.0f}s: {tail!r}")
            if not data:
                raise RuntimeError(f"{argv[-1]!r} exited before showing {set(markers) - set(seen)}")
            screen += data
            now = time.perf_counter() - started
            for marker in markers:
                if marker not in seen and marker.encode() in screen:
                    seen[marker] = now
        peak = _peak_rss(child.pid)
        cpu = _cpu_s(child.pid)
        os.write(master, QUIT)
        _drain(master, time.perf_counter() + TIMEOUT_S)
    finally:
        _, usage = reap(child, grace_s=5.0)
        os.close(master)
    if peak is None:
        # ru_maxrss counts the parent's memory at fork too, so it is the fallback only.
        # Linux reports kilobytes, macOS bytes.
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Started(seen, peak, cpu)


def _peak_rss(pid: int) -> int | None:
    """The process's peak resident set since its exec (VmHWM), in bytes, where /proc has it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def _cpu_s(pid: int) -> float | None:
    """The process's user and system CPU seconds so far, where /proc has them (in clock ticks:
    a hundredth of a second, so a mean over many starts says more than one)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _read(fd: int, timeout_s: float) -> bytes | None:
    """Some output; b"" once the child has gone; None on timeout."""
    if timeout_s <= 0:
        return None
    ready, _, _ = select.select([fd], [], [], timeout_s)
    if not ready:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the other side of the pty is closed
        return b""


def _drain(fd: int, deadline: float) -> None:
    """Keep reading so the child never blocks on a full pty while it shuts down."""
    while True:
        data = _read(fd, deadline - time.perf_counter())
        if not data:
            return
