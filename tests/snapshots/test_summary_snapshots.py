"""The summary after `e`, and the history screen."""

from __future__ import annotations

from dataclasses import replace
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


def test_history_at_200_columns(snap_compare: Any, seeded: Context) -> None:
    """Weeks and days side by side, centred, the bars no longer than reads well."""
    assert snap_compare(app_for(seeded), terminal_size=(200, 60), run_before=keys("e", "h"))


def plain(ctx: Context) -> Context:
    return replace(ctx, config=replace(ctx.config, plain=True))


@pytest.mark.parametrize("size", SIZES)
def test_summary_plain(snap_compare: Any, seeded: Context, clock: FrozenClock, size: tuple[int, int]) -> None:
    """`[ui] plain = true`: the trend over blocks in words, no scrollbar."""
    run = keys("v a n", "s s", "m", "e", advance=0.0, clock=clock)
    assert snap_compare(app_for(plain(seeded)), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_history_plain(snap_compare: Any, seeded: Context, size: tuple[int, int]) -> None:
    """`[ui] plain = true`: dials per day as numbers, the ladder as a line per week."""
    assert snap_compare(app_for(plain(seeded)), terminal_size=size, run_before=keys("e", "h"))
