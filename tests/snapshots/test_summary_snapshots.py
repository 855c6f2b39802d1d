"""The history at 200 columns: weeks and days side by side, centred, the bars no longer than
reads well. (The summary and the history at 60x24 and 120x40, in each theme and mode, are in
the tour: test_theme_tour.py.)"""

from __future__ import annotations

import re
from typing import Any

from textual.pilot import Pilot

from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.history import BAR_MAX
from tests.snapshots.conftest import app_for, keys
from tests.tui.conftest import screen_text, whole_screen


def test_history_at_200_columns(snap_compare: Any, seeded: Context) -> None:
    """Margins on both sides rather than one long row, the busiest day's bar BAR_MAX long, and
    every day from the first dial (the seeded 21 and today) down the screen's height."""

    async def run_before(pilot: Pilot[int]) -> None:
        await keys("e", "h")(pilot)
        app = pilot.app
        assert isinstance(app, CompanionApp)
        lines = whole_screen(app)[1:-1]  # the page, between its title and the footer
        used = [i for line in lines for i, char in enumerate(line) if char != " "]
        assert min(used) > 10 and max(used) < 190, "not centred"
        assert max(line.count("█") for line in lines) == BAR_MAX  # the busiest day's bar
        days = screen_text(app, ("history-days",))
        dated = [line for line in days.splitlines() if re.match(r"\s*[A-Z][a-z]{2} \d\d [A-Z][a-z]{2}", line)]
        assert len(dated) == 22, days

    assert snap_compare(app_for(seeded), terminal_size=(200, 60), run_before=run_before)
