"""The long reset after a hard no (`N`), frozen in its later steps: So what with all three
horizons, and Story with a line typed in its box. (Perspective, in each theme and mode, is in
the tour: test_theme_tour.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.tui.app import CompanionApp
from companion.tui.widgets.note_box import NoteBox
from tests.snapshots.conftest import SIZES, RunBefore, app_for
from tests.tui.conftest import press, ready, settle, tick, write

# Seconds after the no (Perspective 0-20, So what 20-40, Story 40-70).
SO_WHAT_LATE_AT = 37.0
STORY_AT = 45.0
STORY = "I always blow the opener"


def hard_no(advance: float, clock: FrozenClock, typed: str = "") -> RunBefore:
    """`N`, the clock moved on `advance` seconds, then `typed` into the Story box (its cursor
    held still, so the picture never depends on when it blinked)."""

    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "N")
        await tick(pilot, clock, advance)
        app = pilot.app
        assert isinstance(app, CompanionApp)
        if typed:
            box = app.screen.query_one(NoteBox)
            assert box.is_open and box.has_focus, "the Story step's box is not open"
            box.cursor_blink = False
            await write(pilot, typed)
        await app.workers.wait_for_complete()
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_long_reset_so_what_all_three_horizons(
    snap_compare: Any, ctx: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    run = hard_no(SO_WHAT_LATE_AT, clock)
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_long_reset_story_typed_in_the_box(
    snap_compare: Any, ctx: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    run = hard_no(STORY_AT, clock, typed=STORY)
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=run)
