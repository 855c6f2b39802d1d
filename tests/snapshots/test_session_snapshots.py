"""The session screen and its help, at 60x24 (beside a dialer) and 120x40."""

from __future__ import annotations

from typing import Any

import pytest

from companion.context import Context
from companion.core.clock import FrozenClock
from tests.snapshots.conftest import SIZES, app_for, keys


@pytest.mark.parametrize("size", SIZES)
def test_fresh_day(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_mid_block_with_history(
    snap_compare: Any, seeded: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    run = keys("v a g", "b", advance=25 * 60, clock=clock)
    assert snap_compare(app_for(seeded), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=keys("question_mark"))
