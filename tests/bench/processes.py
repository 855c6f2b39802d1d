"""Wall time of real `companion` processes, started the way a dialer hook or a shell starts them."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench.homes import REPO, companion, env

TIMEOUT_S = 60.0


class CommandError(RuntimeError):
    """A companion command exited non-zero: the benchmark cannot go on."""


def run(args: list[str], home: Path, timeout_s: float = TIMEOUT_S) -> float:
    """Run `companion ARGS` against `home`; seconds from start to exit. CommandError on error."""
    started = time.perf_counter()
    done = subprocess.run(companion(*args), **_quiet(home), timeout=timeout_s, check=False)
    elapsed = time.perf_counter() - started
    _check(args, done.returncode, done.stderr)
    return elapsed


def run_measured(args: list[str], home: Path, timeout_s: float = TIMEOUT_S) -> tuple[float, float]:
    """Run `companion ARGS` against `home`: seconds from start to exit, and the process's own
    peak resident memory in MB. CommandError on error; TimeoutExpired after `timeout_s`."""
    started = time.perf_counter()
    process = subprocess.Popen(companion(*args), **_quiet(home))
    seen: list[int] = []
    _, usage = reap(process, grace_s=timeout_s, watch=lambda: seen.append(_high_water_kb(process.pid)))
    elapsed = time.perf_counter() - started
    if process.returncode == -signal.SIGKILL and elapsed >= timeout_s:
        raise subprocess.TimeoutExpired(process.args, timeout_s)
    _check(args, process.returncode, process.stderr.read() if process.stderr else b"")
    # The kernel's high-water mark of the program itself, read while it runs: wait4's ru_maxrss
    # would also count this bench's own pages, mapped into the child between fork and exec.
    peak_kb = max(seen, default=0) or usage.ru_maxrss
    return elapsed, peak_kb / 1024


def _high_water_kb(pid: int) -> int:
    """VmHWM of a running process, in kB; 0 once it is gone (or where /proc does not say)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _quiet(home: Path) -> dict[str, Any]:
    """How a bench starts `companion`: the home's environment, no input, output dropped, errors kept."""
    return {
        "env": env(home),
        "cwd": REPO,
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.PIPE,
    }


def _check(args: list[str], returncode: int, stderr: bytes) -> None:
    if returncode != 0:
        why = stderr.decode(errors="replace").strip().splitlines()
        raise CommandError(f"companion {' '.join(args)} exited {returncode}: {why[-1] if why else ''}")


def reap(
    child: subprocess.Popen[bytes], grace_s: float, watch: Callable[[], None] = lambda: None
) -> tuple[int, resource.struct_rusage]:
    """Wait for the child (killing it after `grace_s`), calling `watch` while it runs, and
    return its status and own resource usage. os.wait4, not Popen.wait: it alone reports the
    usage of this one child."""
    deadline = time.perf_counter() + grace_s
    while True:
        watch()
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.01)
    child.returncode = os.waitstatus_to_exitcode(status)
    return status, usage


def available(command: str, home: Path) -> bool:
    """True when `companion COMMAND --help` works (the command exists in this checkout)."""
    try:
        run([command, "--help"], home)
    except CommandError:
        return False
    return True


def interleaved(args: list[str], homes: dict[str, Path], runs: int, warmup: bool) -> dict[str, list[float]]:
    """`runs` wall times of the same command per home, alternating homes so that drift in the
    machine's load falls on all of them alike. One untimed run each first warms the disk cache."""
    if warmup:
        for home in homes.values():
            run(args, home)
    times: dict[str, list[float]] = {name: [] for name in homes}
    for _ in range(runs):
        for name, home in homes.items():
            times[name].append(run(args, home))
    return times


def export_history(home: Path, target: Path) -> int:
    """Export everything in `home` with `companion export` as JSON; returns the record count."""
    run(["export", "--format", "json", "-o", str(target)], home, timeout_s=300)
    return count_records(target)


def count_records(path: Path) -> int:
    """Records in an export file: items of a JSON list (or of the one list in a JSON object),
    lines of JSON Lines, or rows of a CSV after its header."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return sum(1 for line in text.splitlines() if line.strip())
        if isinstance(data, list):
            return len(data)
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            return max((len(v) for v in lists), default=0)
        return 0
    with path.open(newline="", encoding="utf-8") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)
