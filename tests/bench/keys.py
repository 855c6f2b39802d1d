"""The longest event-loop block per key: a real app on a big home driven through every key a
rep uses in a session (the call keys, undo, tags and notes, the reset's steps, the summary,
help, history, the resume, wins, the review, the warm-up, the command palette), each key's
work and the frames after it watched by a coroutine on the app's own loop, with the garbage
collections that fell in it.

`python -m tests.bench.keys [--runs N] [--quick]` prints the table per key; the suite's
"longest event-loop block" rows read it too (tests.bench.suite.loop_block)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.app import App
from textual.worker import WorkerState

from tests.bench.session import WATCH_TICK_S, Counter, is_ready, until
from tests.bench.terminal import SIZE

# The reset's timed steps, short so that a session's worth of keys runs in seconds; the Dial
# step waits for Enter as ever.
TIMED_STEPS = ("breathe_s", "reframe_s", "review_s", "perspective_s", "so_what_s", "story_s")
RITUAL_CONFIG = "\n[ritual]\n" + "".join(f"{name} = 1\n" for name in TIMED_STEPS)
SETTLE_S = 0.12  # after a key's workers are done: its last frames
STEP_TIMEOUT_S = 20.0
VERBOSE = False


@dataclass(frozen=True, slots=True)
class Step:
    """What a rep does: `label` names it in the table; `keys` are pressed in order; `then_s`
    is how long the step then lasts (a reset's timed steps running out)."""

    label: str
    keys: tuple[str, ...]
    then_s: float = 0.0


def typed(text: str) -> tuple[str, ...]:
    return tuple("space" if c == " " else c for c in text)


# A rep's session, in the order a rep might do it. Labels group what shares a cost.
SESSION: tuple[Step, ...] = (
    Step("v a g (calls)", ("v", "a", "g")),
    Step("m b f (calls)", ("m", "b", "f")),
    Step("u undo", ("u",)),
    Step("p pause", ("p", "p")),
    Step("n no: the reset opens", ("n",)),
    Step("1 z reason, cause (reset)", ("1", "z")),
    Step("t note (reset)", ("t", *typed("too early"), "enter")),
    Step("the reset's steps (ticks)", (), 3.3),
    Step("enter at Dial", ("enter",)),
    Step("n no, s s skip", ("n", "s", "s")),
    Step("2 x reason, cause (session)", ("2", "x")),
    Step("t note (session)", ("t", *typed("budget"), "enter")),
    Step("N hard no: the long reset", ("N",)),
    Step("s s skip the long reset", ("s", "s")),
    Step("e summary", ("e",)),
    Step("esc back from the summary", ("escape",)),
    Step("enter new block", ("enter",)),
    Step("? help", ("question_mark",)),
    Step("esc close help", ("escape",)),
    Step("h history", ("h",)),
    Step("pgdn history", ("pagedown", "pagedown")),
    Step("esc close history", ("escape",)),
    Step("l resume", ("l",)),
    Step("end resume", ("end",)),
    Step("esc close resume", ("escape",)),
    Step("w wins", ("w",)),
    Step("+ add a win", ("plus", *typed("a good call"), "enter")),
    Step("esc close wins", ("escape",)),
    Step("r review", ("r",)),
    Step("esc close review", ("escape",)),
    Step("o warm-up", ("o",)),
    Step("esc close warm-up", ("escape",)),
    Step("ctrl+p palette", ("ctrl+p",)),
    Step("palette: type", typed("hist")),
    Step("esc close palette", ("escape",)),
    Step("e summary, enter new block", ("e", "enter")),
)

# The baseline: the bare Textual app's `?` (a modal list of keys) and its counter.
BARE: tuple[Step, ...] = (
    Step("v (bare)", ("v",)),
    Step("? help (bare)", ("question_mark",)),
    Step("esc close help (bare)", ("escape",)),
)


@dataclass(slots=True)
class KeyBlocks:
    """Per step label: the longest block seen, and the longest collection during it."""

    worst_s: dict[str, float] = field(default_factory=dict)
    first_s: dict[str, float] = field(default_factory=dict)  # the step's first time (cold)
    gc_s: dict[str, float] = field(default_factory=dict)
    gc_all: list[float] = field(default_factory=list)

    def add(self, other: KeyBlocks) -> None:
        for mine, theirs in ((self.worst_s, other.worst_s), (self.gc_s, other.gc_s)):
            for label, value in theirs.items():
                mine[label] = max(mine.get(label, 0.0), value)
        for label, value in other.first_s.items():
            self.first_s.setdefault(label, value)
        self.gc_all += other.gc_all

    @property
    def worst(self) -> tuple[str, float]:
        label = max(self.worst_s, key=lambda k: self.worst_s[k])
        return label, self.worst_s[label]


@contextmanager
def collections(now: list[str], into: KeyBlocks) -> Iterator[None]:
    """Every garbage collection's length, put down to the step in flight (`now[0]`)."""
    started = 0.0

    def note(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.perf_counter()
            return
        took = time.perf_counter() - started
        if took > 0.02 and VERBOSE:
            print(f"gc gen {info['generation']} {took * 1000:.0f} ms during {now[0]}", file=sys.stderr)
        into.gc_all.append(took)
        into.gc_s[now[0]] = max(into.gc_s.get(now[0], 0.0), took)

    gc.callbacks.append(note)
    try:
        yield
    finally:
        gc.callbacks.remove(note)


def busy(app: App[Any]) -> bool:
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def drive(app: App[Any], steps: tuple[Step, ...], rounds: int = 1) -> KeyBlocks:
    """Run the app and press each step's keys, `rounds` times; after each step wait for its
    workers and a few frames, so what a key set off is put down to that key."""
    found = KeyBlocks()
    now = ["start"]
    stop = asyncio.Event()
    seen: set[str] = set()

    async def watchdog() -> None:
        while not stop.is_set():
            slept, label = time.perf_counter(), now[0]
            await asyncio.sleep(WATCH_TICK_S)
            late = time.perf_counter() - slept - WATCH_TICK_S
            if label != now[0]:
                label = now[0]  # (the late wake-up was the new step's first work)
            found.worst_s[label] = max(found.worst_s.get(label, 0.0), late)
            if label not in seen:
                found.first_s[label] = max(found.first_s.get(label, 0.0), late)

    gc.collect()  # what an app before this one left is not this one's to sweep
    with collections(now, found):
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: is_ready(app), what="the day to load")
            await asyncio.sleep(1.5)  # the app's after-start work (warm-up of screens) is done
            watching = asyncio.create_task(watchdog())
            for _ in range(rounds):
                for step in steps:
                    now[0] = step.label
                    for key in step.keys:
                        await pilot.press(key)
                    if step.then_s:
                        await asyncio.sleep(step.then_s)
                    what = f"{step.label}'s workers"
                    await until(lambda: not busy(app), timeout_s=STEP_TIMEOUT_S, what=what)
                    await asyncio.sleep(SETTLE_S)
                    seen.add(step.label)
                now[0] = "idle"
                await asyncio.sleep(0.3)
            stop.set()
            await watching
    return found


def table(found: KeyBlocks, bare: KeyBlocks) -> str:
    lines = [f"{'step':<34}{'worst':>9}{'first':>9}{'gc':>8}", "-" * 60]
    for label in sorted(found.worst_s, key=lambda k: -found.worst_s[k]):
        lines.append(
            f"{label:<34}{found.worst_s[label] * 1000:>7.1f}ms{found.first_s.get(label, 0) * 1000:>7.1f}ms"
            f"{found.gc_s.get(label, 0) * 1000:>6.1f}ms"
        )
    for label, value in bare.worst_s.items():
        lines.append(f"{label:<34}{value * 1000:>7.1f}ms")
    longest = max(found.gc_all, default=0.0)
    lines.append(
        f"collections: {len(found.gc_all)}, longest {longest * 1000:.1f} ms, "
        f"median {statistics.median(found.gc_all or [0]) * 1000:.2f} ms"
    )
    return "\n".join(lines)


def bench_home(root: Path, big: Path, name: str) -> Path:
    """A copy of the bench's big home with the reset's timed steps short."""
    import shutil

    home = root / name
    shutil.copytree(big, home)
    config = home / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + RITUAL_CONFIG, encoding="utf-8")
    return home


def measure(big: Path, root: Path, runs: int, rounds: int = 2) -> tuple[KeyBlocks, KeyBlocks]:
    """`runs` fresh apps on copies of `big`, each through the session `rounds` times, and as
    many bare apps, interleaved."""
    from companion.tui.app import CompanionApp
    from tests.bench.homes import open_context

    found, bare = KeyBlocks(), KeyBlocks()
    for n in range(runs):
        home = bench_home(root, big, f"keys-{n}-{time.monotonic_ns()}")
        found.add(asyncio.run(drive(CompanionApp(open_context(home)), SESSION, rounds)))
        bare.add(asyncio.run(drive(Counter(), BARE, rounds)))
    return found, bare


def main(argv: list[str] | None = None) -> int:
    from tests.bench.homes import build_homes

    parser = argparse.ArgumentParser(prog="python -m tests.bench.keys", description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--home", type=Path, help="a built big home to copy (else one is built)")
    parser.add_argument("--verbose", action="store_true", help="say each collection over 20 ms")
    args = parser.parse_args(argv)
    global VERBOSE
    VERBOSE = args.verbose
    root = Path(tempfile.mkdtemp(prefix="companion-keys-"))
    big = args.home or build_homes(root, args.events, 10).big
    found, bare = measure(big, root, args.runs, args.rounds)
    print(table(found, bare))
    return 0


if __name__ == "__main__":
    sys.exit(main())
