"""Helpers to drive the real app with Pilot in a temp COMPANION_HOME and a frozen clock."""

from __future__ import annotations

import io
import random
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from rich.console import Console
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from companion.session.commands import Tick
from companion.session.state import Phase
from companion.store.journal import read_chunk
from companion.tui.app import CompanionApp
from companion.tui.screens.session import SessionScreen
from tests.conftest import START
from tests.tui.textual_seams import footer_words, screen_rows


def make_app(ctx: Context, *, seed: int = 1, warm: bool = False) -> CompanionApp:
    """The real app, polling only when a test says so (`poll`), never on a timer. Each screen's
    styles are read when it first opens (`warm=True`: after the first frame, as the real app
    does; a tenth of the time of a short test, and only one test is about it)."""
    app = CompanionApp(ctx, rng=random.Random(seed), poll_s=None, warm=warm)
    app.animation_level = "none"  # a scroll jumps: a test waits on the app, not on an animation
    return app


async def settle(pilot: Pilot[int]) -> None:
    """Let every message reach the app, every command be handled (writes stored), and the
    screens catch up: what a rep would see once the app is idle. Waits on the app's own
    queues, not on the clock."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    await pilot.pause()  # the keys' messages have reached the runner
    await app.runner.settled()
    await pilot.pause()  # a screen pushed by the new state mounts; footers recompose


async def ready(pilot: Pilot[int]) -> None:
    """Until the day is read and painted (or cannot be read)."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    await settle(pilot)
    assert app.state.phase is not Phase.OPENING, "the app never finished opening the day"
    # The session screen mounts its footer (and the warm-up's panel) just after its first
    # frame, and the footer shows its keys a refresh after that: on a busy machine, after the
    # settling above.
    await until(pilot, lambda: not isinstance(app.screen, SessionScreen) or bool(footer_words(app.screen)))


async def until(pilot: Pilot[int], done: Callable[[], bool], rounds: int = 50) -> None:
    """Let the app's workers (history, exports) finish and the screens refresh until `done()`
    holds; fail if it never does. Waits on the app, never on the clock."""
    app = pilot.app
    for _ in range(rounds):
        if done():
            return
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert done(), "the app never got there"


async def poll(pilot: Pilot[int]) -> None:
    """Read what other processes logged, as the app's poll timer would."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    await app.runner.poll()
    await settle(pilot)


async def tick(pilot: Pilot[int], clock: FrozenClock, seconds: float) -> None:
    """Move the clock on and let the screens' timers catch up, as if that time had passed."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    clock.advance(seconds)
    app.runner.send(Tick())
    await settle(pilot)


@asynccontextmanager
async def running(
    ctx: Context, size: tuple[int, int] = (60, 24), seed: int = 1, warm: bool = False
) -> AsyncIterator[tuple[CompanionApp, Pilot[int]]]:
    """The real app on a terminal of `size`, with today's calls loaded."""
    app = make_app(ctx, seed=seed, warm=warm)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield app, pilot
        await settle(pilot)
        if app.is_running:
            whole_screen(app)  # frames are drawn when looked at: the last one always is


def stored(ctx: Context, kind: EventKind | None = None) -> list[Event]:
    """What is on disk in the journal, in order."""
    events = list(read_chunk(ctx.store.journal).events)
    return [e for e in events if kind is None or e.kind is kind]


def screen_text(app: CompanionApp, ids: Iterable[str]) -> str:
    """The rendered text of some widgets of the current screen."""
    parts = []
    for widget_id in ids:
        widget = app.screen.query_one(f"#{widget_id}")
        rendered = widget.content if isinstance(widget, Static) else widget.render()
        if isinstance(rendered, Content | str):
            parts.append(str(rendered))
        else:  # a Rich renderable (the help table): draw it at the widget's width
            console = Console(width=max(widget.size.width, 20), file=io.StringIO(), color_system=None)
            with console.capture() as captured:
                console.print(rendered)
            parts.append(captured.get())
    return "\n".join(parts)


# Box drawing, block elements (█ ░ ▁), geometric shapes (● ○) and braille: what plain mode
# never draws (a screen reader spells them out one by one; a braille display shows noise).
DRAWN = re.compile("[\u2500-\u25ff\u2800-\u28ff]")


def whole_screen(app: CompanionApp) -> list[str]:
    """Every row of the screen in front, as the compositor draws it (borders, bars and
    scrollbars included)."""
    return screen_rows(app)


async def screen_lines(pilot: Pilot[int]) -> list[str]:
    """The whole screen once the last change is laid out."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, CompanionApp)
    return whole_screen(app)


def drawn(lines: list[str], region: Region | None = None) -> list[str]:
    """Each character plain mode must not draw, with its row (empty: none); within `region`
    when given."""
    if region is not None:
        lines = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
    return [
        f"{char!r} at row {y}: {line.rstrip()!r}"
        for y, line in enumerate(lines)
        for char in DRAWN.findall(line)
    ]


def plain(ctx: Context) -> Context:
    """The same home in plain mode ([ui] plain = true)."""
    return replace(ctx, config=replace(ctx.config, plain=True))


def still(ctx: Context) -> Context:
    """The same home with reduced motion ([ui] motion = "reduced")."""
    return replace(ctx, config=replace(ctx.config, motion="reduced"))


def footer(app: CompanionApp) -> str:
    """What the footer of the screen in front offers, by name."""
    return " ".join(footer_words(app.screen))


def said(app: CompanionApp, widget_id: str) -> str:
    """A one-line widget's text, checked to fit the width it is drawn in (nothing cut off)."""
    widget = app.screen.query_one(f"#{widget_id}")
    text = screen_text(app, (widget_id,))
    assert len(text) <= widget.content_region.width, f"cut off at {widget.content_region.width}: {text!r}"
    return text


async def press(pilot: Pilot[int], *keys: str) -> None:
    """Press keys one by one, each handled (and stored) before the next, as a rep would."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def write(pilot: Pilot[int], text: str, *then: str) -> None:
    """Type `text` into the focused box, a key at a time (none of them reaches the session
    until Enter), then press `then` as `press` does."""
    await pilot.press(*text)
    await settle(pilot)
    await press(pilot, *then)


def past(ctx: Context, kind: EventKind, hours_ago: float, **fields: Any) -> Event:
    """An event stored (as `companion log` would) before the app starts, `hours_ago` before the
    frozen now (START)."""
    event = make_event(kind, START - timedelta(hours=hours_ago), source="cli", **fields)
    ctx.store.append([event])
    return event


def past_no(ctx: Context, hours_ago: float, **fields: Any) -> Event:
    return past(ctx, EventKind.OUTCOME, hours_ago, outcome=Outcome.NO, **fields)


@contextmanager
def slow_opening(ctx: Context) -> Iterator[threading.Event]:
    """Every read of the store waits until the returned event is set: the day stays opening
    while a test presses keys."""
    store = type(ctx.store)
    real_load = store.load
    opening = threading.Event()

    def slow_load(self: object, *args: object, **kwargs: object) -> object:
        opening.wait(10)
        return real_load(self, *args, **kwargs)  # type: ignore[arg-type]

    with patch.object(store, "load", slow_load):
        yield opening
