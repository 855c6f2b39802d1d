"""Helpers to drive the real app with Pilot in a temp COMPANION_HOME and a frozen clock."""

from __future__ import annotations

import io
import random
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager

from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from companion.context import Context
from companion.core.events import Event, EventKind
from companion.store.journal import read_chunk
from companion.tui.app import CompanionApp


def make_app(ctx: Context, *, seed: int = 1) -> CompanionApp:
    return CompanionApp(ctx, rng=random.Random(seed))


async def ready(pilot: Pilot[int], timeout: float = 5.0) -> None:
    """Wait (in app time, not wall sleeps) until the day is loaded and painted."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    for _ in range(int(timeout / 0.02)):
        if app.ready:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never finished opening the day")


async def until(pilot: Pilot[int], done: Callable[[], bool], seconds: float = 2.0) -> None:
    """Let the app run (polls, writes) until `done()` holds; fail if it never does."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    for _ in range(int(seconds / 0.02)):
        if done():
            return
        await pilot.pause(0.02)
        await app.writes_done()
    assert done(), "the app never got there"


@asynccontextmanager
async def running(
    ctx: Context, size: tuple[int, int] = (60, 24), seed: int = 1
) -> AsyncIterator[tuple[CompanionApp, Pilot[int]]]:
    """The real app on a terminal of `size`, with today's calls loaded."""
    app = make_app(ctx, seed=seed)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield app, pilot


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


def said(app: CompanionApp, widget_id: str) -> str:
    """A one-line widget's text, checked to fit the width it is drawn in (nothing cut off)."""
    widget = app.screen.query_one(f"#{widget_id}")
    text = screen_text(app, (widget_id,))
    assert len(text) <= widget.content_region.width, f"cut off at {widget.content_region.width}: {text!r}"
    return text


async def press(pilot: Pilot[int], *keys: str) -> None:
    """Press keys, then wait until what they wrote is on disk and the screens have caught up."""
    app = pilot.app
    assert isinstance(app, CompanionApp)
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await app.writes_done()
        await pilot.pause()
