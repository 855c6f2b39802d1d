"""The summary after `e`, and the history screen."""

from __future__ import annotations

from typing import Any

import pytest

from companion.context import Context
from companion.core.clock import FrozenClock
from tests.snapshots.conftest import SIZES, app_for, keys


@pytest.mark.parametrize("size", SIZES)
def test_summary_after_ending_the_block(
    snap_compare: Any, seeded: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    run = keys("v a n", "s s", "m", "e", advance=0.0, clock=clock)
    assert snap_compare(app_for(seeded), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Any, seeded: Context, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(seeded), terminal_size=size, run_before=keys("e", "h"))
