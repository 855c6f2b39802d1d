"""The session screen on a fresh day, at 60x24 (beside a dialer) and 120x40. (Mid-block and its
help, in each theme and mode, are in the tour: test_theme_tour.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from companion.context import Context
from tests.snapshots.conftest import SIZES, app_for, keys


@pytest.mark.parametrize("size", SIZES)
def test_fresh_day(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=keys())
