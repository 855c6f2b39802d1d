"""Fixtures for the command line and the app as a user starts them. A command runs in process
by default (`companion.__main__.main(argv)`, its own COMPANION_HOME, an optional frozen clock):
the same code, without a Python start per call. A real process (`python -m companion`) only
where the process is the point: kills, parallel writers, pipes, hooks, the environment (TZ),
import hygiene, and the full-screen app in a pseudo-terminal. Every home pins the zone to
Europe/Berlin, and every wait has a deadline so a hang fails instead of blocking."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from companion.__main__ import APP_FLAGS, main
from companion.core.clock import Clock
from companion.core.events import Event
from companion.store.store import Store
from tests.conftest import ZONE

PROCESS_TIMEOUT_S = 20.0
APP_TIMEOUT_S = 15.0
OUTCOME_NAMES = ("no", "meeting", "callback", "not-fit", "gatekeeper", "voicemail", "no-answer")
# The warm-up (on by default) stays shut: it takes the numbers' place on the first start.
BASE_CONFIG = f'[session]\ntimezone = "{ZONE}"\nwarmup = false\n'
# CSI (colours, cursor moves), OSC (titles) and two-byte escapes: what is left is the screen text.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class Result:
    """What one finished CLI process did."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def json(self) -> Any:
        assert self.returncode == 0, self.describe()
        return json.loads(self.stdout)

    def describe(self) -> str:
        command = " ".join(self.args)
        return f"companion {command} -> {self.returncode}\nstdout: {self.stdout}\nstderr: {self.stderr}"


def child_env(home: Path) -> dict[str, str]:
    """The environment of a child process: the real one minus anything that could point it
    at another home or change how Textual draws, plus our COMPANION_HOME."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "COMPANION")) and k != "NO_COLOR"
    }
    env["COMPANION_HOME"] = str(home)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


class Companion:
    """Runs companion commands against one home and reads what it stored. `clock`, when set,
    is the time every in-process command reads."""

    def __init__(self, home: Path, clock: Clock | None = None) -> None:
        self.home = home
        self.clock = clock
        self.config = home / "config.toml"
        self.data = home / "data"
        self.journal = self.data / "journal.jsonl"

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "companion", *args]

    def run(
        self,
        *args: str,
        timeout: float = PROCESS_TIMEOUT_S,
        env: dict[str, str] | None = None,
        process: bool = False,
    ) -> Result:
        """Run to the end: in process, unless `process` is set or `env` is given (it adds to,
        or replaces in, a child's environment)."""
        if process or env is not None or set(args) <= APP_FLAGS:
            # The app's start (no command) turns the collector off until its first frame and
            # would open full screen: in a child, with the deadline.
            return self.run_process(*args, timeout=timeout, env=env)
        return self.call(*args)

    def call(self, *args: str) -> Result:
        """`main(args)` in this process, with this home, an empty stdin and this clock; what
        it writes to stdout and stderr is caught, as a child's would be."""
        streams = {name: io.BytesIO() for name in ("stdin", "stdout", "stderr")}
        wrapped = {name: io.TextIOWrapper(raw, encoding="utf-8") for name, raw in streams.items()}
        saved = (sys.stdin, sys.stdout, sys.stderr, os.environ.get("COMPANION_HOME"))
        collecting = gc.isenabled()
        os.environ["COMPANION_HOME"] = str(self.home)
        sys.stdin, sys.stdout, sys.stderr = wrapped["stdin"], wrapped["stdout"], wrapped["stderr"]
        try:
            try:
                code = main(list(args), clock=self.clock)
            except SystemExit as stop:  # argparse's own exits: --help, --version, a bad flag
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
        finally:
            if collecting:
                gc.enable()  # whatever the command did with the collector, this worker keeps its own
            sys.stdin, sys.stdout, sys.stderr = saved[:3]
            if saved[3] is None:
                os.environ.pop("COMPANION_HOME", None)
            else:
                os.environ["COMPANION_HOME"] = saved[3]
        return Result(
            tuple(args),
            code,
            streams["stdout"].getvalue().decode("utf-8", "replace"),
            streams["stderr"].getvalue().decode("utf-8", "replace"),
        )

    def run_process(
        self, *args: str, timeout: float = PROCESS_TIMEOUT_S, env: dict[str, str] | None = None
    ) -> Result:
        """`python -m companion ...` as a child process, to the end."""
        done = subprocess.run(
            self.argv(*args),
            env=child_env(self.home) | (env or {}),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        return Result(
            tuple(args),
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )

    def ok(self, *args: str, env: dict[str, str] | None = None) -> Result:
        """Run and insist on exit 0 with nothing on stderr."""
        result = self.run(*args, env=env)
        assert result.returncode == 0, result.describe()
        assert result.stderr == "", result.describe()
        return result

    def summary(self, *args: str) -> dict[str, Any]:
        data: dict[str, Any] = self.ok("summary", "--json", *args).json()
        return data

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.argv(*args),
            env=child_env(self.home),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def journal_lines(self) -> list[dict[str, Any]]:
        """Every line of journal.jsonl, parsed (a line that does not parse fails the test)."""
        if not self.journal.exists():
            return []
        return [json.loads(line) for line in self.journal.read_bytes().splitlines() if line.strip()]

    def outcome_lines(self) -> list[dict[str, Any]]:
        return [line for line in self.journal_lines() if line["kind"] == "outcome"]

    def store(self) -> Store:
        return Store(self.data).prepare()

    def all_events(self) -> list[Event]:
        events, _ = self.store().all_events()
        return events

    def write_config(self, text: str) -> Path:
        self.config.write_text(text, encoding="utf-8")
        return self.config


@pytest.fixture
def companion_home(tmp_path: Path) -> Path:
    home = tmp_path / "companion-home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(BASE_CONFIG, encoding="utf-8")
    return home


@pytest.fixture
def companion(companion_home: Path) -> Companion:
    """The CLI against a fresh home whose config pins the zone to Europe/Berlin."""
    return Companion(companion_home)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root` with its bytes (None for a folder)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes()) for p in sorted(root.rglob("*"))
    }


def wait_until(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.02) -> None:
    """Poll `check` until it holds; fail naming `what` when the deadline passes."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.1f}s waiting for {what}")
        time.sleep(interval)


def screen_text(raw: bytes) -> str:
    """The printable text of terminal output, escape sequences removed."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", "replace")


class PtyApp:
    """`python -m companion` in a pseudo-terminal of a given size. A reader thread drains the
    terminal continuously (a full pty would stall the app's event loop)."""

    def __init__(
        self,
        home: Path,
        columns: int = 60,
        rows: int = 24,
        args: Sequence[str] = (),
        program: Sequence[str] = ("-m", "companion"),
        env: dict[str, str] | None = None,
    ) -> None:
        """`program`: what the interpreter runs (a test's own script that wraps the app);
        `env`: more of the environment."""
        self.home = home
        self.env = dict(env or {})
        self.args = tuple(args)
        self.program = tuple(program)
        self.columns, self.rows = columns, rows
        self._raw = bytearray()
        self._lock = threading.Lock()
        self._master = -1
        self._reader: threading.Thread | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> PtyApp:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.columns, 0, 0))
        env = child_env(self.home)
        env["TERM"] = "xterm-256color"
        env.update(self.env)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        try:
            self.process = subprocess.Popen(
                [sys.executable, *self.program, *self.args],
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=env,
                start_new_session=True,
            )
        finally:
            os.close(slave)
        self._master = master
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()
        return self

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # EIO once the child has gone
                return
            if not chunk:
                return
            with self._lock:
                self._raw += chunk

    def mark(self) -> int:
        """A position in the output; `wait_for(..., since=mark)` looks only after it."""
        with self._lock:
            return len(self._raw)

    def text(self, since: int = 0) -> str:
        with self._lock:
            return screen_text(bytes(self._raw[since:]))

    def wait_for(self, pattern: str, timeout: float = APP_TIMEOUT_S, since: int = 0) -> re.Match[str]:
        """Wait until the app has drawn text matching `pattern`."""
        compiled = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            found = compiled.search(self.text(since))
            if found:
                return found
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(
                    f"the app exited ({self.process.returncode}) before showing {pattern!r}:\n"
                    f"{self.text()[-2000:]}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.1f}s waiting for {pattern!r}; last output:\n"
                    f"{self.text(since)[-2000:]}"
                )
            time.sleep(0.02)

    def send(self, keys: bytes) -> None:
        os.write(self._master, keys)

    def kill(self) -> int:
        """SIGKILL: no chance to clean up, like a crash or a closed laptop lid."""
        assert self.process is not None
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=APP_TIMEOUT_S)

    def close_terminal(self) -> None:
        """The window goes away: its side of the pty is closed (the app's reads and writes fail)."""
        if self._master >= 0:
            os.close(self._master)
            self._master = -1

    def signal(self, number: int) -> None:
        assert self.process is not None
        os.kill(self.process.pid, number)

    def wait_exit(self, timeout: float = APP_TIMEOUT_S) -> int:
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=APP_TIMEOUT_S)
        if self._master >= 0:
            with contextlib.suppress(OSError):
                os.close(self._master)
            self._master = -1
        if self._reader is not None:
            self._reader.join(timeout=5)


@pytest.fixture
def pty_app(companion_home: Path) -> Iterator[Callable[..., PtyApp]]:
    """Start the real app in a 60x24 pseudo-terminal (as often as the test likes, with any
    arguments); every app started is killed at the end of the test if it is still running."""
    started: list[PtyApp] = []

    def start(*args: str) -> PtyApp:
        app = PtyApp(companion_home, args=args).start()
        started.append(app)
        return app

    yield start
    for app in started:
        app.close()


def run_parallel(companion: Companion, argvs: Sequence[Sequence[str]]) -> list[Result]:
    """Start every command at once, then collect them all (each with a deadline)."""
    processes = [(tuple(args), companion.popen(*args)) for args in argvs]
    results = []
    try:
        for args, process in processes:
            out, err = process.communicate(timeout=PROCESS_TIMEOUT_S)
            results.append(Result(args, process.returncode, out.decode(), err.decode()))
    finally:
        for _, process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return results
