"""`python -m tests.bench.tricks`: each start-up or latency trick of the app against the plain
public way, A/B in one run, alternating, each figure beside its difference from the app as it
is within the same round (a busy neighbour moves both starts of a round together).

- theme (public-theme): `self.theme = name` after the themes are registered instead of
  textual_seams.use_theme_before_start (Textual's watcher then parses the stylesheets again);
- styles (styles-up-front): every stylesheet the app may read later (the wide layout, each
  screen's own) listed with app.tcss, instead of read after the first frame;
- gc-on-at-start: the collector left on while the app imports and builds its first screen;
- all-composed: the session screen as before issue 25, with the warm-up's panel, the charts'
  column and the footer composed (and the charts' modules loaded) on the way to the first frame
  instead of mounted after it (60x24 only: wide, it would mount a second charts' column);
- collector: Python's own collector turned back on after the first frame (no freeze, default
  thresholds) instead of QuietCollector, by the longest event-loop block and the longest
  collection during 5 s sessions of keys on a 100k history.

`start` times a real process on a pty, as `make bench` times the first paint: wall seconds from
spawn until the counters show, and the process's CPU by then (10 ms ticks, so means of many
starts), which a busy machine moves far less. `frame` times the app headless, in this process,
to its first frame: it leaves out imports, and Textual caches parsed CSS between the runs of
one process, so it understates what a stylesheet read costs a real start."""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import patch

from textual.app import App

from tests.bench import session, terminal
from tests.bench.homes import build_homes, open_context
from tests.bench.report import ms

# Run in the child: the real `companion` start, with one variant applied first. The collector
# is off for the imports, as the entry point has it.
VARIANT = """\
import gc, sys
gc.disable()
variant = sys.argv[1]
from companion.tui.app import CompanionApp
if variant == "public-theme":
    import companion.tui.app as app_module
    from tests.bench.tricks import public_theme
    app_module.use_theme_before_start = public_theme
elif variant == "styles-up-front":
    from tests.bench.tricks import all_styles_listed
    made = CompanionApp.__init__
    def listed(self, *args, **kwargs):
        made(self, *args, **kwargs)
        all_styles_listed(self)
    CompanionApp.__init__ = listed
elif variant == "gc-on-at-start":
    gc.enable()
    gc.disable = lambda: None  # the entry point's, for the start
elif variant == "all-composed":
    from tests.bench.tricks import all_composed
    all_composed()
from companion.__main__ import main
sys.exit(main([]))
"""
START_VARIANTS = ["as-is", "public-theme", "styles-up-front", "gc-on-at-start", "all-composed"]


def first_paints(
    home: Path, variants: list[str], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds from spawn to the counters on screen, and the process's CPU seconds by then,
    each variant once a round, in turn."""
    seen: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    for name in variants:  # a start each to warm the disk cache and the bytecode
        terminal.start([sys.executable, "-c", VARIANT, name], home, ["Dials"])
    for n in range(rounds):
        order = variants if n % 2 == 0 else variants[::-1]
        for name in order:
            started = terminal.start([sys.executable, "-c", VARIANT, name], home, ["Dials"])
            seen[name].append(started.seen["Dials"])
            cpu[name].append(started.cpu_s or 0.0)
    return seen, cpu


def public_theme(app: App[Any], name: str) -> None:
    app.theme = name


def all_styles_listed(app: App[Any]) -> None:
    """Every stylesheet the app may read later, listed with app.tcss instead."""
    from companion.tui import styles
    from companion.tui.screens.help import HelpScreen
    from companion.tui.screens.history import HistoryScreen
    from companion.tui.screens.review import ReviewScreen
    from companion.tui.screens.ritual import RitualScreen
    from companion.tui.screens.summary import SummaryScreen

    screens = (RitualScreen, SummaryScreen, HistoryScreen, HelpScreen, ReviewScreen)
    paths = [Path(inspect.getfile(s)).parent / str(s.CSS_PATH) for s in screens]
    for path in [styles.WIDE, *paths]:
        if path not in app.css_path:
            app.css_path.append(path)


def all_composed() -> None:
    """The session screen's compose as it was before issue 25: every widget it may show, up front."""
    from textual.app import ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer

    from companion.tui.screens.session import SessionScreen
    from companion.tui.widgets import back_to_dial, block_chart  # noqa: F401  (were imported with it)
    from companion.tui.widgets.around import RecentTitle, WarmupPanel
    from companion.tui.widgets.block_bar import BlockBar
    from companion.tui.widgets.counters import Counters, Numbers
    from companion.tui.widgets.legend import KeyLegend
    from companion.tui.widgets.recent import Recent
    from companion.tui.widgets.status import StatusLine

    def compose(self: SessionScreen) -> ComposeResult:
        yield BlockBar(id="block-bar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with Vertical(id="today", classes="region"):
                    yield Counters(id="counters")
                    yield Numbers(id="numbers")
                with Vertical(id="recent-box", classes="region"):
                    yield RecentTitle(id="recent-title")
                    yield Recent(id="recent")
                self._panel = WarmupPanel(id="warmup")
                yield self._panel
            yield Vertical(id="right")
        yield KeyLegend(id="legend")
        yield StatusLine(id="status")
        yield Footer(compact=True, show_command_palette=False)

    async def composed_already(self: SessionScreen) -> None:
        return None

    SessionScreen.compose = compose  # type: ignore[method-assign]
    SessionScreen._complete = composed_already  # type: ignore[method-assign]


async def to_first_frame(app: Any) -> tuple[float, float]:
    """The event loop thread's CPU seconds, and the wall seconds, from starting `app` headless
    until its first frame is drawn (when it calls `_keep_what_lasts`, after the first refresh)."""
    marks: dict[str, float] = {}
    after_frame = app._keep_what_lasts

    def mark() -> None:
        marks.update(cpu=time.thread_time(), wall=time.perf_counter())
        after_frame()

    app._keep_what_lasts = mark
    cpu, wall = time.thread_time(), time.perf_counter()
    async with app.run_test(size=terminal.SIZE):
        await session.until(lambda: "cpu" in marks, what="the first frame")
    return marks["cpu"] - cpu, marks["wall"] - wall


def first_frames(home: Path, rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """In process, each variant once a round, in turn: CPU and wall time to the first frame."""
    import companion.tui.app as app_module
    from companion.tui import textual_seams

    def made(variant: str) -> Any:
        gc.disable()  # as the entry point has it
        theme = public_theme if variant == "public-theme" else textual_seams.use_theme_before_start
        with patch.object(app_module, "use_theme_before_start", theme):
            app = app_module.CompanionApp(open_context(home))
        if variant == "styles-up-front":
            all_styles_listed(app)
        app.open_day_now()
        return app

    variants = ["as-is", "public-theme", "styles-up-front"]
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    wall: dict[str, list[float]] = {name: [] for name in variants}
    for name in variants:  # once each, for the imports
        asyncio.run(to_first_frame(made(name)))
        gc.enable()
    for n in range(rounds):
        for name in variants if n % 2 == 0 else variants[::-1]:
            gc.collect()
            took_cpu, took_wall = asyncio.run(to_first_frame(made(name)))
            gc.enable()
            cpu[name].append(took_cpu)
            wall[name].append(took_wall)
    return cpu, wall


class PythonsCollector:
    """Python's own collector, back on once the first frame is drawn, as without QuietCollector."""

    holding = False

    def hold(self) -> None:
        gc.enable()
        self.holding = True

    def key(self, at: float) -> None:
        pass

    def tick(self, at: float) -> bool:
        return False

    def release(self) -> None:
        gc.enable()


def loop_blocks(
    root: Path, big: Path, rounds: int, seconds: float
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each session's longest event-loop block (seconds) with a `companion log` and a reload
    from elsewhere, as `make bench` measures it, alternating the two collectors."""
    import shutil

    from companion.tui.app import CompanionApp

    makers: dict[str, Callable[[CompanionApp], None]] = {
        "quiet-collector": lambda app: None,
        "python-collector": lambda app: setattr(app, "_collector", PythonsCollector()),
    }
    worst: dict[str, list[float]] = {name: [] for name in makers}
    collections: dict[str, list[float]] = {name: [] for name in makers}
    for n in range(rounds):
        order = list(makers) if n % 2 == 0 else list(makers)[::-1]
        for name in order:
            home = root / f"session-{name}-{n}"
            shutil.copytree(big, home)
            gc.collect()
            gc.disable()  # the entry point's start
            app = CompanionApp(open_context(home))
            makers[name](app)
            elsewhere = session.start_elsewhere(home)
            try:
                block = asyncio.run(session.longest_block(app, seconds, elsewhere=elsewhere))
            finally:
                if elsewhere.poll() is None:
                    elsewhere.kill()
                    elsewhere.wait()
                gc.enable()
            worst[name].append(block.worst_s)
            collections[name].append(block.longest_gc_s)
    return worst, collections


def report(
    title: str, found: dict[str, list[float]], middle: Callable[[list[float]], float] = statistics.median
) -> None:
    """Each variant's median (or mean), and the median (or mean) of its difference from the first
    variant in the same round (a busy neighbour moves both starts of a round together)."""
    print(title)
    first = next(iter(found.values()))
    for name, samples in found.items():
        paired = middle([b - a for a, b in zip(first, samples, strict=True)])
        shown = " ".join(ms(s) for s in samples)
        print(f"  {name:18} {ms(middle(samples)):>8}  paired {ms(paired):>8}   ({shown})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.tricks", description=__doc__)
    parser.add_argument("--only", choices=("start", "frame", "collector"), help="one kind only")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--session-s", type=float, default=5.0)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="companion-tricks-") as folder:
        root = Path(folder)
        homes = build_homes(root, args.events, 200)
        if args.only in (None, "start"):
            for home, what in ((homes.empty, "empty"), (homes.big, "big")):
                seen, cpu = first_paints(home, START_VARIANTS, args.rounds)
                report(f"first paint of the counters, {what} home, 60x24 pty: wall", seen)
                report(
                    "the same starts: the process's CPU by then (10 ms ticks: means)", cpu, statistics.fmean
                )
        if args.only in (None, "frame"):
            for home, what in ((homes.empty, "empty"), (homes.big, "big")):
                cpu, wall = first_frames(home, args.rounds)
                report(f"in process, headless: loop thread CPU to the first frame, {what} home", cpu)
                report(f"in process, headless: wall time to the first frame, {what} home", wall)
        if args.only in (None, "collector"):
            blocks, collections = loop_blocks(root, homes.big, args.sessions, args.session_s)
            report(f"longest event-loop block, {args.session_s:g} s of keys, big home", blocks)
            report("longest garbage collection in those sessions", collections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
