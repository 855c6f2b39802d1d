"""The history at 200 columns: weeks and days side by side, centred, the bars no longer than
reads well. (The summary and the history at 60x24 and 120x40, in each theme and mode, are in
the tour: test_theme_tour.py.)"""

from __future__ import annotations

from typing import Any

from companion.context import Context
from tests.snapshots.conftest import app_for, keys


def test_history_at_200_columns(snap_compare: Any, seeded: Context) -> None:
    assert snap_compare(app_for(seeded), terminal_size=(200, 60), run_before=keys("e", "h"))
