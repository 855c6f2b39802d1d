"""Shared fixtures: every test gets its own COMPANION_HOME and, where time matters, a frozen clock."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pendulum
import pytest

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.paths import Paths
from tests.tui.textual_seams import (
    draw_frames_only_when_looked_at,
    quicken_pilot_waits,
    share_parsed_stylesheets,
)

# Young objects a test process makes before Python's cycle collector runs (its own: 700). A Pilot
# test builds and throws away tens of thousands of widgets, styles and strips: at 700 the
# collector ran thousands of times a file and took a tenth of the suite's CPU, at this a fiftieth
# (gc.callbacks, tests/tui). Only the pace of collecting changes: what is garbage is still
# collected, and the app's own collector (companion/tui/collector.py) reads and gives back
# whatever thresholds it finds.
YOUNG_OBJECTS_PER_COLLECTION = 50_000

ZONE = "Europe/Berlin"
# A Monday mid-morning in Berlin: the week and the day are both easy to reason about.
START = pendulum.datetime(2026, 11, 23, 10, 0, 0, tz=ZONE)


def write_config(home: Path, text: str = "", *, warmup: bool = False) -> Path:
    """A config pinned to Europe/Berlin, with `text` after its [session] line. The warm-up
    (on by default) stays shut unless a test is about it: it takes the numbers' place."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    head = f'[session]\ntimezone = "{ZONE}"\nwarmup = {str(warmup).lower()}\n'
    path.write_text(head + text, encoding="utf-8")
    return path


def pytest_configure(config: pytest.Config) -> None:
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, middle, old)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private COMPANION_HOME with a config pinned to Europe/Berlin."""
    root = tmp_path / "home"
    write_config(root)
    monkeypatch.setenv("COMPANION_HOME", str(root))
    yield root


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def ctx(home: Path, clock: FrozenClock) -> Context:
    return Context.open(Paths.from_env(), clock=clock)


def at(text: str) -> datetime:
    """A Berlin wall-clock time on the test day, e.g. at("10:05")."""
    hour, minute = (int(x) for x in text.split(":"))
    return START.replace(hour=hour, minute=minute)


@pytest.fixture(autouse=True)
def quick_pilot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's Pilot waits for "idle" in 20 ms naps. Our Pilot tests settle on the app's own
    queues (tests/tui/conftest.py `settle`), so shorter naps make the waiting shorter, never the
    tests less certain."""
    quicken_pilot_waits(monkeypatch)


@pytest.fixture(autouse=True)
def parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each stylesheet parsed once a process with each theme's colours, not once an app and
    again on every screen's first opening (tests/tui/textual_seams.py)."""
    share_parsed_stylesheets(monkeypatch)


@pytest.fixture(autouse=True)
def drawn_when_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Pilot app draws its screen when a test looks at it, not every frame to throw it away
    (tests/tui/textual_seams.py)."""
    draw_frames_only_when_looked_at(monkeypatch)
