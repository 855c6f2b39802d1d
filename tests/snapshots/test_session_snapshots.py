"""The session screen on a fresh day, at 60x24 (beside a dialer) and 120x40. (Mid-block and its
help, in each theme and mode, are in the tour: test_theme_tour.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.events import EventKind
from companion.tui.app import CompanionApp
from companion.tui.screens.session import SessionScreen
from tests.snapshots.conftest import SIZES, app_for, keys
from tests.tui.conftest import screen_text, stored


@pytest.mark.parametrize("size", SIZES)
def test_fresh_day(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    """The app opens straight on the session screen, the counters at nought of their targets and
    the block waiting for its first call (was: started and stored on opening; issue 22)."""

    async def run_before(pilot: Pilot[int]) -> None:
        await keys()(pilot)
        app = pilot.app
        assert isinstance(app, CompanionApp) and isinstance(app.screen, SessionScreen)
        text = screen_text(app, ("block-bar", "counters"))
        assert "Block 1:30:00 · first dial starts it" in text
        assert "Dials            0/40" in text
        assert "Conversations    0/10" in text
        assert "Meetings          0/2" in text
        assert stored(ctx, EventKind.BLOCK_START) == []

    assert snap_compare(app_for(ctx), terminal_size=size, run_before=run_before)
