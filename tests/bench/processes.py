"""Wall time of real `companion` processes, started the way a dialer hook or a shell starts them."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import time
from pathlib import Path

from tests.bench.homes import REPO, companion, env

TIMEOUT_S = 60.0


class CommandError(RuntimeError):
    """A companion command exited non-zero: the benchmark cannot go on."""


def run(args: list[str], home: Path, timeout_s: float = TIMEOUT_S) -> float:
    """Run `companion ARGS` against `home`; seconds from start to exit. CommandError on error."""
    started = time.perf_counter()
    done = subprocess.run(
        companion(*args),
        env=env(home),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout_s,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()
        raise CommandError(f"companion {' '.join(args)} exited {done.returncode}: {why[-1] if why else ''}")
    return elapsed


def run_measured(args: list[str], home: Path, timeout_s: float = TIMEOUT_S) -> tuple[float, float]:
    """Run `companion ARGS` against `home`: seconds from start to exit, and the process's peak
    resident memory in MB (its own, from wait4). CommandError on error."""
    started = time.perf_counter()
    process = subprocess.Popen(
        companion(*args),
        env=env(home),
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = started + timeout_s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            process.wait()
            raise subprocess.TimeoutExpired(process.args, timeout_s)
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    err = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        why = err.decode(errors="replace").strip().splitlines()
        raise CommandError(
            f"companion {' '.join(args)} exited {process.returncode}: {why[-1] if why else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux


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
