"""A no logged by another process (a dialer hook) for now, as the rep chooses: it opens the
reset exactly as `n` does, or with `outside = "count"` only counts; a reset already running is
never restarted by one."""

from __future__ import annotations

from dataclasses import replace

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from tests.tui.conftest import poll, running, said, screen_text, tick


def log_elsewhere(ctx: Context) -> None:
    other = Context.open(ctx.paths, clock=ctx.clock)  # `companion log no` from a dialer hook
    other.append([make_event(EventKind.OUTCOME, ctx.clock.now(), outcome=Outcome.NO, source="cli")])


async def test_a_no_from_a_dialer_opens_the_reset_and_a_second_one_never_restarts_it(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        log_elsewhere(ctx)
        await poll(pilot)
        assert isinstance(app.screen, RitualScreen)
        first = app.state.ritual
        assert first is not None and said(app, "ritual-status").startswith("A no logged elsewhere at ")
        await tick(pilot, clock, 6)
        log_elsewhere(ctx)
        await poll(pilot)
        assert app.state.ritual is not None and app.state.ritual.no_id == first.no_id
        assert said(app, "ritual-status") == "No logged elsewhere: counted. Same call? u after reset."
        assert screen_text(app, ("ritual-title",)) == "Breathe"  # not back to its start
        assert app.state.day is not None and app.state.day.counts.rejections == 2


async def test_with_outside_count_a_no_from_a_dialer_only_counts(ctx: Context) -> None:
    counting = replace(ctx, config=replace(ctx.config, ritual=replace(ctx.config.ritual, outside="count")))
    async with running(counting) as (app, pilot):
        log_elsewhere(ctx)
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen) and app.state.ritual is None
        assert said(app, "status") == "no logged elsewhere · 10:00"
