"""Throw-away COMPANION_HOMEs for the benchmarks: an empty one and one holding a long seeded
history, built once per run with the demo generator and put in place with Store.add."""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from companion.context import Context
from companion.core.calendar import zone
from companion.core.clock import SystemClock
from companion.core.events import Event
from companion.demo import history
from companion.paths import Paths
from companion.store.store import Store

ZONE = "Europe/Berlin"
REPO = Path(__file__).resolve().parents[2]
# The demo generator makes about 38 events per calendar day; ask for a little more than needed.
EVENTS_PER_DAY = 36


def label(events: int) -> str:
    """100000 -> "100k", for row names."""
    return f"{events // 1000}k" if events >= 1000 and events % 1000 == 0 else str(events)


def make_home(root: Path, name: str, extra_config: str = "") -> Path:
    """A fresh COMPANION_HOME with a config pinned to one zone, so every run sees the same days."""
    home = root / name
    home.mkdir(mode=0o700, parents=True)
    (home / "config.toml").write_text(f'[session]\ntimezone = "{ZONE}"\n{extra_config}', encoding="utf-8")
    return home


def paths(home: Path) -> Paths:
    return Paths(config_dir=home, data_dir=home / "data")


def open_context(home: Path) -> Context:
    return Context.open(paths(home))


def store(home: Path) -> Store:
    return Store(paths(home).data_dir).prepare()


def seeded_history(events: int) -> list[Event]:
    """The last `events` events of a seeded demo history ending now."""
    days = events // EVENTS_PER_DAY + 2
    while True:
        made = history(SystemClock().now(), zone(ZONE), days=days, seed=7)
        if len(made) >= events:
            return made[-events:]
        days *= 2


def env(home: Path | None, **extra: str) -> dict[str, str]:
    """The environment for a child process: this one, pointed at `home`."""
    result = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    if home is not None:
        result["COMPANION_HOME"] = str(home)
    result.update(extra)
    return result


def companion(*args: str) -> list[str]:
    """The command line that runs Companion from this checkout, as a rep would run it."""
    return [sys.executable, "-m", "companion", *args]


@dataclass(frozen=True, slots=True)
class Homes:
    """The homes every benchmark shares. `big` is never written by a timed append benchmark:
    those work on copies, so the history stays what it was built as."""

    root: Path
    empty: Path
    big: Path
    events: int
    add_s: float  # Store.add of the whole history, in process: the floor under any import
    # History logged only through the journal (a dialer hook's `companion log`, the app never
    # opened to fold it): every reader has to go through those lines.
    journal: Path
    journal_events: int

    def copy_big(self, name: str) -> Path:
        target = self.root / name
        shutil.copytree(self.big, target)
        return target


def build_homes(root: Path, events: int, journal_events: int) -> Homes:
    """An empty home, one with `events` events of history in the archive and one with
    `journal_events` events in the journal alone, all opened once so config and data folders
    exist before anything is timed."""
    empty = make_home(root, "empty")
    big = make_home(root, "big")
    journal = make_home(root, "journal")
    made = seeded_history(events)
    store(journal).append(made[-journal_events:])
    started = time.perf_counter()
    added = store(big).add(made)
    add_s = time.perf_counter() - started
    if added != len(made):
        raise RuntimeError(f"Store.add kept {added} of {len(made)} generated events")
    for home in (empty, big, journal):
        open_context(home)
    return Homes(root, empty, big, len(made), add_s, journal, min(journal_events, len(made)))
