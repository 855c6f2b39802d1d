"""A reset with its no tagged, and the message for an outcome key pressed before Dial. (Each
step of the reset, in each theme and mode, is in the tour: test_theme_tour.py.)"""

from __future__ import annotations

from typing import Any

from companion.context import Context
from companion.core.clock import FrozenClock
from tests.snapshots.conftest import app_for, keys


def test_ritual_tagged_and_locked_message(snap_compare: Any, seeded: Context, clock: FrozenClock) -> None:
    run = keys("n", "1 z", "m", advance=0.0, clock=clock)
    assert snap_compare(app_for(seeded), terminal_size=(60, 24), run_before=run)
