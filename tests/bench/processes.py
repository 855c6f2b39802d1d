"""Wall time of real `companion` processes, started the way a dialer hook or a shell starts them."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
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


def bare_start(home: Path) -> float:
    """Seconds from start to exit of the venv's own `python -c pass`, started as `run` starts a
    command: the interpreter's start and end with nothing of ours."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "pass"], **_quiet(home), timeout=TIMEOUT_S, check=False)
    elapsed = time.perf_counter() - started
    _check(["(python -c pass)"], done.returncode, done.stderr)
    return elapsed


@dataclass(frozen=True, slots=True)
class Burst:
    """What a burst of `companion log` with a slow hook cost: the peak of the summed resident
    memory of every process of the home (loggers, hook runners, hooks), the most processes and
    queued events seen at once, and whether every stored event reached the hook once, in order."""

    events: int
    peak_mb: float
    peak_processes: int
    peak_queued: int
    delivered_in_order: bool
    seconds: float


def hook_burst(home: Path, events: int, hook_s: float, timeout_s: float = 600.0) -> Burst:
    """`companion log` back to back, as a dialer's hook logs a run of calls, until `events`
    events are stored, each handed to a hook that takes `hook_s` (so they queue up), then the
    queue left to drain. A sampler sums the RSS of every process started for this home (found
    by COMPANION_HOME in its environment: the loggers, the runner that drains the queue, the
    hook's shell and what it runs) every few milliseconds. The hook appends each event's line
    to a file, which must hold the journal's events, each once, in the journal's order."""
    delivered = home / "delivered.jsonl"
    with (home / "config.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[hooks]\non_event = "sleep {hook_s:g}; cat >> {delivered}"\n')
    journal = home / "data" / "journal.jsonl"
    sampler = _Sampler(home)
    sampler.start()
    started = time.perf_counter()
    try:
        while len(_journal_ids(journal)) < events:
            run(["log", "voicemail"], home)
        stored = _journal_ids(journal)
        deadline = time.perf_counter() + timeout_s
        while (sampler.processes or _queued(home) or _lines(delivered) < len(stored)) and (
            time.perf_counter() < deadline
        ):
            time.sleep(0.05)
        seconds = time.perf_counter() - started
    finally:
        sampler.stop()
    got = [json.loads(line)["id"] for line in delivered.read_text(encoding="utf-8").splitlines()]
    peak_mb = sampler.peak_kb / 1024
    return Burst(len(stored), peak_mb, sampler.peak_processes, sampler.peak_queued, got == stored, seconds)


def _journal_ids(journal: Path) -> list[str]:
    try:
        text = journal.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line)["id"] for line in text.splitlines() if line.strip()]


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _queued(home: Path) -> int:
    try:
        return sum(1 for entry in (home / "data" / "hook-queue").iterdir() if entry.name.endswith(".event"))
    except FileNotFoundError:
        return 0


class _Sampler(threading.Thread):
    """Every few milliseconds: the processes whose environment names this home, their summed
    resident memory, and the events waiting in its hook queue; the peaks kept."""

    def __init__(self, home: Path, every_s: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.mark = b"\0COMPANION_HOME=" + bytes(home) + b"\0"
        self.home = home
        self.every_s = every_s
        self.done = threading.Event()
        self.ours: set[int] = set()
        # What ran before the burst is none of it. A newer process is looked at again until it
        # is found to be the home's: a child between fork and exec still has its parent's
        # environment.
        self.before = {int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()}
        self.processes = 0
        self.peak_kb = 0
        self.peak_processes = 0
        self.peak_queued = 0
        self.page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def run(self) -> None:
        while not self.done.is_set():
            total, count = 0, 0
            for pid in self._pids():
                kb = self._rss_kb(pid)
                if kb:
                    total, count = total + kb, count + 1
            self.processes = count
            self.peak_kb = max(self.peak_kb, total)
            self.peak_processes = max(self.peak_processes, count)
            self.peak_queued = max(self.peak_queued, _queued(self.home))
            self.done.wait(self.every_s)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def _pids(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            if pid in self.before:
                continue
            if pid not in self.ours:
                try:
                    environ = Path(f"/proc/{pid}/environ").read_bytes()
                except OSError:
                    continue
                if self.mark not in b"\0" + environ:
                    continue
                self.ours.add(pid)
            found.append(pid)
        return found

    def _rss_kb(self, pid: int) -> int:
        try:
            return int(Path(f"/proc/{pid}/statm").read_bytes().split()[1]) * self.page_kb
        except (OSError, IndexError, ValueError):
            return 0
