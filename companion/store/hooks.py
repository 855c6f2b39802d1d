"""Hooks out: `[hooks] on_event` runs for every event this process stored, with the event as one
JSON line on stdin (the shape `export --format json` holds). The process that stores an event
fires its hook, once; a running app never fires for events it only read from the journal.

Firing never waits: the events go to a small detached runner (`python -m companion.store.hooks`)
that runs the command once per event, each with a time limit, and writes what went wrong to
`hooks.log` in the data folder. Only the hand-over (a fork and a pipe of a few hundred bytes)
happens on the path of a logged call."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from companion.core.events import Event
from companion.core.words import shown

LOG_NAME = "hooks.log"
LOG_LINE_MAX = 300  # characters of a hook's own words kept per failure


def fire(command: str, events: Sequence[Event], data_dir: Path, timeout_s: float) -> None:
    """Hand `events` to a detached runner of `command`; never waits for it. A runner that cannot
    even start is logged like a failing hook."""
    if not command or not events:
        return
    _reap()
    lines = "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events).encode()
    try:
        runner = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "companion.store.hooks",
                command,
                str(timeout_s),
                str(data_dir / LOG_NAME),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not the app's or the terminal's: a hang-up never reaches it
            close_fds=True,
        )
        assert runner.stdin is not None
        runner.stdin.write(lines)
        runner.stdin.close()
        _running.append(runner)
    except OSError as error:
        note_failure(data_dir / LOG_NAME, f"the hook runner could not start ({error.strerror or error})")


_running: list[subprocess.Popen[bytes]] = []  # runners handed events by this process


def _reap() -> None:
    """Collect the runners that have finished, so a day of calls leaves no zombie behind."""
    _running[:] = [runner for runner in _running if runner.poll() is None]


def note_failure(log: Path, what: str) -> None:
    """One line in hooks.log; a log that cannot be written is let go (the call is stored)."""
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {shown(what)[:LOG_LINE_MAX]}\n")
    except OSError:
        pass


def run(command: str, timeout_s: float, log: Path, lines: Sequence[str]) -> int:
    """Run `command` once per event line, each within `timeout_s`; failures to `log`. Returns
    how many failed."""
    failed = 0
    for line in lines:
        event_id = _id_of(line)
        try:
            # A session of its own, so a time limit stops the command and all it started (a
            # shell that runs `sleep`, `curl`), not only the shell.
            hook = subprocess.Popen(
                command,
                shell=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as error:
            failed += 1
            note_failure(
                log, f"hook could not run for event {event_id} ({error.strerror or error}): {command}"
            )
            continue
        try:
            _, err = hook.communicate(line.encode(), timeout=timeout_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(hook.pid, signal.SIGKILL)
            hook.communicate()
            failed += 1
            note_failure(log, f"hook stopped after {timeout_s:g} s for event {event_id}: {command}")
            continue
        if hook.returncode != 0:
            failed += 1
            said = " ".join(err.decode("utf-8", "replace").split())
            note_failure(log, f"hook exited {hook.returncode} for event {event_id}: {said or command}")
    return failed


def _id_of(line: str) -> str:
    try:
        return str(json.loads(line).get("id", "?"))[:60]
    except (ValueError, AttributeError):
        return "?"


def main(argv: Sequence[str]) -> int:
    command, timeout_text, log_text = argv
    lines = [line for line in sys.stdin.read().splitlines(keepends=True) if line.strip()]
    run(command, float(timeout_text), Path(log_text), lines)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
