"""The day around the block where the tour does not stop: the warm-up greeting a fresh day by
itself (on by default), and the rejection resume read to its end, where it asks what the rep
notices now; at 60x24 (beside a dialer) and 120x40."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.events import EventKind
from companion.tui.app import CompanionApp
from companion.tui.screens.past import ResumeScreen
from tests.conftest import write_config
from tests.snapshots.conftest import SIZES, app_for, keys
from tests.tui.conftest import past, past_no, screen_text, until


@pytest.mark.parametrize("size", SIZES)
def test_the_warm_up_greets_a_fresh_day(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    write_config(ctx.paths.config_dir, warmup=True)
    past(ctx, EventKind.WIN, 50, note="The CFO called me back")

    async def run_before(pilot: Pilot[int]) -> None:
        await keys()(pilot)
        app = pilot.app
        assert isinstance(app, CompanionApp)
        await until(pilot, lambda: app.screen.has_class("-warming"))

    assert snap_compare(
        app_for(Context.open(ctx.paths, clock=ctx.clock)), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES)
def test_the_resume_read_to_its_end_asks_what_you_notice(
    snap_compare: Any, ctx: Context, size: tuple[int, int]
) -> None:
    past_no(ctx, 24 * 200, note="said we all sound the same", reason="not-interested", felt=5)
    past_no(ctx, 24 * 190, reason="budget")
    past_no(ctx, 30, note="froze the budget till Q2", reason="budget", felt=4)
    past(ctx, EventKind.READ_BACK, 24 * 20, note="the budget ones sting less than I thought")

    async def run_before(pilot: Pilot[int]) -> None:
        await keys("l")(pilot)
        app = pilot.app
        assert isinstance(app, CompanionApp) and isinstance(app.screen, ResumeScreen)
        await until(pilot, lambda: "Reading it back" in screen_text(app, ("past-list",)))
        await keys("end")(pilot)

    assert snap_compare(app_for(ctx), terminal_size=size, run_before=run_before)
