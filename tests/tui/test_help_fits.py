"""`?` beside a dialer (60x24), on every screen it opens from: every key of that screen is
listed, in groups, and no description runs on to a second line. One app run goes to each
screen in turn and reports every screen whose help falls short."""

from __future__ import annotations

import re

from textual.binding import Binding
from textual.screen import Screen

from companion.context import Context
from companion.tui.app import CompanionApp
from companion.tui.screens.help import HelpScreen
from tests.tui.conftest import past_no, press, running, screen_text

# Each screen, the keys that open it from the session and its class name, and the keys that
# lead back to the session once its help is closed (the reset last but one: `u` takes the no
# back; the summary last: `e` ends the block).
SCREENS = (
    ("session", (), "SessionScreen", ()),
    ("reset", ("n",), "RitualScreen", ("u",)),
    ("history", ("h",), "HistoryScreen", ("escape",)),
    ("review", ("r",), "ReviewScreen", ("escape",)),
    ("resume", ("l",), "ResumeScreen", ("escape",)),
    ("wins", ("w",), "WinsScreen", ("escape",)),
    ("summary", ("e",), "SummaryScreen", ()),
)


def short_of(app: CompanionApp, origin: Screen[object]) -> list[str]:
    """What the help in front misses or cuts for the screen it was opened on."""
    lines = screen_text(app, ("help-keys",)).splitlines()
    problems = [f"runs on: {line!r}" for line in lines if line.startswith(" " * 8)]  # under its column
    for binding in [b for b in origin.BINDINGS if isinstance(b, Binding)]:
        key = re.escape(binding.key_display or binding.key)
        row = rf"^\s*{key}\s+{re.escape(binding.description)}(\s|$)"  # key, name, what it does
        pair = rf"(^|\s){key} {re.escape(binding.description.lower())}(\s|$)"  # `key word`
        if not any(re.search(row, line) or re.search(pair, line) for line in lines):
            problems.append(f"no {binding.id}")
    if lines[-1].split()[0] != "ctrl+q":
        problems.append(f"the app's own keys are not last: {lines[-1]!r}")
    box = app.screen.query_one("#help-keys")
    if max(len(line) for line in lines) > box.content_region.width:
        problems.append(f"wider than its {box.content_region.width} columns")
    return problems


async def test_help_at_60x24_lists_every_key_one_line_each_on_every_screen(ctx: Context) -> None:
    past_no(ctx, 30, note="wants to wait for the budget")  # a review due, and a resume entry
    short: dict[str, list[str]] = {}
    async with running(ctx, (60, 24)) as (app, pilot):
        for name, keys, screen_name, back in SCREENS:
            await press(pilot, *keys)
            origin = app.screen
            assert type(origin).__name__ == screen_name, f"{keys} opened {origin!r}, not the {name}"
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen), f"? on the {name} opened {app.screen!r}"
            short[name] = short_of(app, origin)
            if name == "session":  # the legend's keys, then the footer's, then the app's
                lines = screen_text(app, ("help-keys",)).splitlines()
                titles = [
                    line for line in lines if line and not line.startswith(" ") and len(line.split()) > 1
                ]
                if titles[:2] != ["Log a call", "The block"] or "Anywhere" not in lines:
                    short[name].append(f"groups out of order: {titles}")
            await press(pilot, "escape")
            assert app.screen is origin, f"Esc on the {name}'s help did not go back to it"
            await press(pilot, *back)
            if name != "summary":  # `u` on the reset takes the no back: the reset gives way
                assert type(app.screen).__name__ == "SessionScreen", f"{back} left {app.screen!r}"
    assert not any(short.values()), {name: found for name, found in short.items() if found}
