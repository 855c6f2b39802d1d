"""`?` beside a dialer (60x24), on every screen it opens from: every key of that screen is
listed, in groups, and no description runs on to a second line."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding

from companion.context import Context
from companion.tui.screens.help import HelpScreen
from tests.tui.conftest import past_no, press, running, screen_text

# The keys that open each screen from the session, and the screen's class name.
SCREENS = {
    "session": ((), "SessionScreen"),
    "reset": (("n",), "RitualScreen"),
    "history": (("h",), "HistoryScreen"),
    "summary": (("e",), "SummaryScreen"),
    "review": (("r",), "ReviewScreen"),
    "resume": (("l",), "ResumeScreen"),
    "wins": (("w",), "WinsScreen"),
}


@pytest.mark.parametrize("name", list(SCREENS))
async def test_help_at_60x24_lists_every_key_one_line_each(ctx: Context, name: str) -> None:
    past_no(ctx, 30, note="wants to wait for the budget")  # a review due, and a resume entry
    keys, screen_name = SCREENS[name]
    async with running(ctx, (60, 24)) as (app, pilot):
        await press(pilot, *keys)
        origin = app.screen
        assert type(origin).__name__ == screen_name
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app, ("help-keys",)).splitlines()
        run_on = [line for line in lines if line.startswith(" " * 8)]
        assert not run_on, run_on  # a description's second line starts under its column
        for binding in [b for b in origin.BINDINGS if isinstance(b, Binding)]:
            key = re.escape(binding.key_display or binding.key)
            row = rf"^\s*{key}\s+{re.escape(binding.description)}(\s|$)"  # key, name, what it does
            pair = rf"(^|\s){key} {re.escape(binding.description.lower())}(\s|$)"  # `key word`
            assert any(re.search(row, line) or re.search(pair, line) for line in lines), binding.id
        assert lines[-1].split()[0] == "ctrl+q"  # the app's own keys come last
        box = app.screen.query_one("#help-keys")
        assert max(len(line) for line in lines) <= box.content_region.width
