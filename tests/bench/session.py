"""In-process benchmarks of a running app, driven through App.run_test() and Pilot: key press
to repainted counter, the longest event-loop block, and the ritual countdown after a stall.

Each takes an app (Companion, or the bare Counter baseline) and runs it on the current loop,
so a coroutine of ours shares the loop with the app and sees every block of it."""

from __future__ import annotations

import asyncio
import gc
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from tests.bench.homes import REPO, env
from tests.bench.terminal import SIZE

DIALS = re.compile(r"Dials\s+(\d+)/")
WATCH_TICK_S = 0.005
WAIT_S = 10.0
# A session's worth of keys: outcomes, undo, help and back, pause and resume, end and restart.
# No `n`: it opens the reset ritual, which the ritual benchmark measures on its own.
SESSION_KEYS = (
    *("v", "a", "g", "m", "b", "f", "u"),
    *("question_mark", "escape", "p", "p"),
    *("v", "u", "e", "enter"),
)


class Keys(ModalScreen[None]):
    """The baseline's help: a modal list of keys, as big as Companion's."""

    BINDINGS = [("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys")
            yield Static("\n".join(f"{key:>8}  key number {n}" for n, key in enumerate(SESSION_KEYS)))
            yield Static("Esc closes")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class Counter(App[None]):
    """The baseline: a bare Textual app whose one Static counts `v` presses, with a help screen
    on `?` so that opening a screen costs the baseline what it costs Companion."""

    BINDINGS = [("v", "count", "Count"), ("question_mark", "keys", "Keys")]

    def __init__(self) -> None:
        super().__init__()
        self.dials = 0

    def compose(self) -> ComposeResult:
        yield Static("Dials 0/40", id="counters")

    def action_count(self) -> None:
        self.dials += 1
        self.query_one("#counters", Static).update(f"Dials {self.dials}/40")

    def action_keys(self) -> None:
        self.push_screen(Keys())


def plain(widget: Widget) -> str:
    """The text a widget shows, without styles."""
    rendered: Any = widget.render()
    text = getattr(rendered, "plain", None)
    return text if isinstance(text, str) else str(rendered)


def shown_dials(app: App[Any]) -> int | None:
    """The dial count on the counters widget of the screen on top, if it shows one."""
    try:
        widget = app.screen.query_one("#counters")
    except NoMatches:
        return None
    found = DIALS.search(plain(widget))
    return int(found[1]) if found else None


def is_ready(app: App[Any]) -> bool:
    """Companion sets `ready` once the day is loaded; the baseline is ready once it shows."""
    return bool(getattr(app, "ready", True)) and shown_dials(app) is not None


async def until(
    check: Callable[[], bool], timeout_s: float = WAIT_S, what: str = "", every_s: float = 0.001
) -> None:
    """Poll `check` on the loop until it holds. Never with sleep(0): a loop that never idles
    keeps the GIL, and the app's writer thread would wait out the 5 ms switch interval."""
    deadline = time.perf_counter() + timeout_s
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up after {timeout_s:.0f}s waiting for {what or check}")
        await asyncio.sleep(every_s)


async def press_to_paint(app: App[Any], presses: int, key: str = "v") -> list[float]:
    """Seconds from each key press to the counters showing one more dial and the screen having
    refreshed after it."""
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: is_ready(app), what="the day to load")
        for _ in range(presses):
            before = shown_dials(app)
            assert before is not None
            widget = app.screen.query_one("#counters")

            async def painted(count: int = before + 1, widget: Widget = widget) -> float:
                await until(lambda: shown_dials(app) == count, what=f"Dials {count}")
                await widget.wait_for_refresh()
                return time.perf_counter()

            watcher = asyncio.create_task(painted())
            pressed = time.perf_counter()
            await pilot.press(key)
            samples.append(await watcher - pressed)
    return samples


@dataclass(frozen=True, slots=True)
class LoopBlock:
    """The longest the loop was held during a session, and what was going on then."""

    worst_s: float
    during: str  # the key being handled, or "idle"
    longest_gc_s: float  # the longest garbage collection in the session, blocks included


@contextmanager
def gc_pauses() -> Iterator[list[float]]:
    """Collect the length of every garbage collection while the block runs."""
    pauses: list[float] = []
    started = 0.0

    def note(phase: str, _info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - started)

    gc.callbacks.append(note)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(note)


async def longest_block(
    app: App[Any],
    duration_s: float,
    keys: tuple[str, ...] = SESSION_KEYS,
    elsewhere: subprocess.Popen[bytes] | None = None,
) -> LoopBlock:
    """The worst lateness of a 5 ms sleep on the app's loop while keys are pressed for
    `duration_s`. `elsewhere` (tests.bench.elsewhere, already started) is told to act once
    the day has loaded, and keys go on until it has finished."""
    worst, during = 0.0, "idle"
    in_flight = "idle"
    stop = asyncio.Event()

    async def watchdog() -> None:
        nonlocal worst, during
        while not stop.is_set():
            slept, key = time.perf_counter(), in_flight
            await asyncio.sleep(WATCH_TICK_S)
            late = time.perf_counter() - slept - WATCH_TICK_S
            if late > worst:
                worst, during = late, key if key == in_flight else f"{key}/{in_flight}"

    gc.collect()  # what an app before this one left (a test process runs several) is not this one's
    with gc_pauses() as pauses:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: is_ready(app), what="the day to load")
            watching = asyncio.create_task(watchdog())
            if elsewhere is not None:
                assert elsewhere.stdin is not None
                elsewhere.stdin.write(b"go\n")
                elsewhere.stdin.close()
            end = time.perf_counter() + duration_s
            pressed = 0
            while time.perf_counter() < end or (elsewhere is not None and elsewhere.poll() is None):
                in_flight = keys[pressed % len(keys)]
                await pilot.press(in_flight)
                in_flight = "idle"
                pressed += 1
            stop.set()
            await watching
    if elsewhere is not None and elsewhere.wait() != 0:
        raise RuntimeError(f"tests.bench.elsewhere exited {elsewhere.returncode}")
    return LoopBlock(worst, during, max(pauses, default=0.0))


def start_elsewhere(home: Path) -> subprocess.Popen[bytes]:
    """Start tests.bench.elsewhere for `home`; it waits for its cue on stdin."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bench.elsewhere", str(home)],
        env=env(home),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )


def ritual_step(screen: Screen[Any]) -> object | None:
    """Which ritual step a screen shows: its RitualStep attribute, else its title's text."""
    for value in vars(screen).values():
        if isinstance(value, Enum) and type(value).__name__ == "RitualStep":
            return value
    try:
        return plain(screen.query_one("#ritual-title"))
    except NoMatches:
        return None


async def ritual_countdown_error(app: App[Any], stall_s: float, breathe_s: float) -> float | None:
    """Press `n`, block the loop for `stall_s` during Breathe, and return how far (seconds) the
    step change landed from `breathe_s` after the press. None if no ritual screen opens."""
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: is_ready(app), what="the day to load")
        session = app.screen
        pressed = time.perf_counter()
        await pilot.press("n")
        try:
            await until(lambda: app.screen is not session, timeout_s=5.0, what="a ritual screen")
        except TimeoutError:
            return None
        ritual = app.screen
        first = ritual_step(ritual)
        if first is None:
            raise RuntimeError(f"cannot tell which step {type(ritual).__name__} shows")
        left = breathe_s - (time.perf_counter() - pressed)
        if left <= stall_s:
            raise RuntimeError(f"breathe_s {breathe_s} leaves no room for a {stall_s}s stall inside it")
        time.sleep(stall_s)  # the stall: nothing else on the loop runs, the countdown included
        await until(
            lambda: ritual_step(ritual) != first,
            timeout_s=breathe_s + stall_s + WAIT_S,
            what="the ritual to leave its first step",
        )
        advanced = time.perf_counter()
    return abs(advanced - pressed - breathe_s)
