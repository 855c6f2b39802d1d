"""Snapshot helpers: a frozen clock, a seeded history, and a way to wait for the app in run_before."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.demo import history
from companion.tui.app import CompanionApp
from tests.tui.conftest import make_app, ready, settle, tick

SIZES = [pytest.param((60, 24), id="60x24"), pytest.param((120, 40), id="120x40")]
RunBefore = Callable[[Pilot[int]], Awaitable[None]]


@pytest.fixture
def seeded(ctx: Context, clock: FrozenClock) -> Context:
    """Three weeks of realistic history before the frozen now."""
    ctx.store.add(history(clock.now(), ctx.tz, days=21, seed=7))
    return ctx


def app_for(ctx: Context) -> CompanionApp:
    return make_app(ctx, seed=5)


def keys(*batches: str, advance: float = 0.0, clock: FrozenClock | None = None) -> RunBefore:
    """Wait until the day is open, press each batch, then move the clock on and repaint."""

    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        for batch in batches:
            for key in batch.split():
                await pilot.press(key)
                await settle(pilot)
        if clock is not None and advance:
            await tick(pilot, clock, advance)
        app = pilot.app
        assert isinstance(app, CompanionApp)
        await app.workers.wait_for_complete()
        await settle(pilot)

    return run_before
