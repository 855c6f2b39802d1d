"""How the reset looks: the countdown the largest thing on it, the current step standing out, a
shape to breathe with; with reduced motion nothing moves and nothing repaints until a figure
changes; in plain mode nothing but words, every figure still there."""

from __future__ import annotations

import re
from typing import Any
from unittest.mock import patch

from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.tui.app import CompanionApp
from companion.tui.screens.ritual import RitualScreen
from companion.tui.widgets.countdown import big_digits
from companion.tui.widgets.note_box import NoteBox
from tests.tui.conftest import drawn, plain, press, running, said, screen_lines, still, tick

BRAILLE = re.compile("[\u2800-\u28ff]")
RESET = {"ritual-bar", "ritual-steps", "ritual-title", "ritual-count", "ritual-main", "ritual-detail"}
RESET |= {"ritual-tags", "ritual-status"}


async def at(pilot: Pilot[int], clock: FrozenClock, after_no_s: float) -> str:
    """The screen `after_no_s` seconds after the no (the clock only moves on), as one text."""
    app = pilot.app
    assert isinstance(app, CompanionApp) and app.state.ritual is not None
    await tick(pilot, clock, after_no_s - (clock.now() - app.state.ritual.no_at).total_seconds())
    assert isinstance(app.screen, RitualScreen)
    return "\n".join(await screen_lines(pilot))


# -- the usual look ---------------------------------------------------------------------------------


async def test_the_countdown_is_drawn_in_big_digits_and_everything_else_still_fits(
    ctx: Context, clock: FrozenClock
) -> None:
    """Beside a dialer, two digits: the widest count. (Five rows tall from 40 rows: the tour's
    pictures of Breathe, read in tests/snapshots/test_theme_tour.py.)"""
    async with running(ctx, (60, 24)) as (_, pilot):
        await press(pilot, "n")
        shown = await at(pilot, clock, 0.5)
        assert all(line in shown for line in big_digits("10", 3).split("\n"))
        for always in ("Breathe in…", "Reason  1 budget", "Cause", "Logged no · 10:00", "Skip (s s)", "Help"):
            assert always in shown, always  # the tag keys, the status line, the footer
        assert "━━━━━━" not in shown  # no progress bar under it
        assert drawn(shown.split("\n"))  # (what the plain tests look for is found here)


async def test_the_current_step_stands_out_and_finished_ones_are_ticked(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await at(pilot, clock, 11)
        assert said(app, "ritual-steps") == "✓ Breathe    ● Reframe    ○ Review target   ○ Dial"
        line = app.screen.query_one("#ritual-steps", Static).content
        assert isinstance(line, Content)
        styles = {line.plain[s.start : s.end].strip(): s.style for s in line.spans}
        assert "on $accent" in str(styles["● Reframe"])  # on a band of the accent
        assert styles["✓"] == "$success"


async def test_the_shape_grows_and_shrinks_with_the_breath_in_width_and_height(
    ctx: Context, clock: FrozenClock
) -> None:
    def blob(text: str) -> tuple[int, int]:
        rows = [row for row in text.split("\n") if BRAILLE.search(row)]
        return max(len(BRAILLE.sub("x", row).strip()) for row in rows), len(rows)

    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        start, full, late = [blob(await at(pilot, clock, s)) for s in (0.3, 4.0, 9.5)]
        assert start[0] < full[0] and start[1] < full[1]
        assert late[0] < full[0] and late[1] < full[1]
        assert isinstance(app.screen, RitualScreen) and app.screen._frames is not None  # 12 fps


# -- reduced motion ---------------------------------------------------------------------------------


async def test_reduced_motion_shows_the_breath_as_words_that_turn_with_it(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(still(ctx)) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen) and app.screen._frames is None  # no frame timer
        shown = await at(pilot, clock, 1.2)
        assert "Breathe in…" in shown and "7\n" not in shown
        assert not BRAILLE.search(shown)  # no shape: nothing moves
        shown = await at(pilot, clock, 1.5)  # three breaths of 4 in to 6 out: in for 1.33 s
        assert "…and out" in shown and "Breathe in…" not in shown
        assert all(line in shown for line in big_digits("9").split("\n"))  # a steady count


async def test_reduced_motion_repaints_nothing_until_a_figure_changes(
    ctx: Context, clock: FrozenClock
) -> None:
    refreshed: list[str] = []
    real = Widget.refresh

    def counting(widget: Widget, *args: Any, **kwargs: Any) -> Widget:
        if widget.id in RESET:
            refreshed.append(widget.id or "")
        return real(widget, *args, **kwargs)

    async with running(still(ctx)) as (_, pilot):
        await press(pilot, "n")
        await at(pilot, clock, 0.1)
        with patch.object(Widget, "refresh", counting):
            for _ in range(3):
                await tick(pilot, clock, 0.25)  # 0.35 to 0.85 s: still 10 s, still in
            assert refreshed == []
            await tick(pilot, clock, 0.25)  # 1.1 s: 9 s left
            assert set(refreshed) == {"ritual-count"}


async def test_with_motion_the_same_ticks_do_repaint_the_shape(ctx: Context, clock: FrozenClock) -> None:
    """The other side of the test above: what it counts does move when motion is on."""
    refreshed: list[str] = []
    real = Widget.refresh

    def counting(widget: Widget, *args: Any, **kwargs: Any) -> Widget:
        refreshed.append(widget.id or "")
        return real(widget, *args, **kwargs)

    async with running(ctx) as (_, pilot):
        await press(pilot, "n")
        await at(pilot, clock, 1.5)  # mid-breath, where it grows fastest
        with patch.object(Widget, "refresh", counting):
            await tick(pilot, clock, 0.25)
        assert "ritual-main" in refreshed and "ritual-count" not in refreshed


# -- plain mode -------------------------------------------------------------------------------------


async def test_plain_reset_draws_only_words_and_keeps_every_figure(ctx: Context, clock: FrozenClock) -> None:
    """Beside a dialer, second by second. (Each step at 120x40 is a plain picture of the tour,
    read for the same: tests/snapshots/test_theme_tour.py.)"""
    async with running(plain(ctx), (60, 24)) as (app, pilot):
        await press(pilot, "n")
        expected = {
            0.5: ("Step 1 of 4: Breathe", "10 seconds left", "Breathe in…"),
            5.0: ("Step 1 of 4: Breathe", "5 seconds left", "…and out"),
            11.0: ("Step 2 of 4: Reframe", "4 seconds left"),
            16.0: (
                "Step 3 of 4: Review target",
                "Still to go today: 9 conversations, 2 meetings",
                "39 dials",
            ),
            21.0: ("Step 4 of 4: Dial", "waiting 1s", "done: Breathe, Reframe, Review target"),
        }
        for after_s, figures in expected.items():
            shown = await at(pilot, clock, after_s)
            assert [f for f in figures if f not in shown] == [], shown
            assert drawn(shown.split("\n")) == []
            said(app, "ritual-steps")  # fits its line, nothing cut off
        await press(pilot, "t")  # the note box, open
        assert app.screen.query_one(NoteBox).is_open
        assert drawn(await screen_lines(pilot)) == []


async def test_plain_long_reset_draws_only_words_in_every_step(ctx: Context, clock: FrozenClock) -> None:
    """Beside a dialer; the steps draw the same at 120x40, where the tour's plain picture of
    Perspective is read for the same (tests/snapshots/test_theme_tour.py)."""
    # The default lengths: Perspective 0-20 s, So what 20-40, Story 40-70, Breathe 70-80,
    # Reframe 80-85, Review target 85-90, Dial from 90.
    steps = {
        5.0: ("Step 1 of 7: Perspective", "15 seconds left"),
        37.0: ("Step 2 of 7: So what", "3 seconds left", "In a career:"),
        45.0: ("Step 3 of 7: Story", "25 seconds left"),
        71.0: ("Step 4 of 7: Breathe", "9 seconds left", "Breathe in…"),
        81.0: ("Step 5 of 7: Reframe", "4 seconds left"),
        86.0: ("Step 6 of 7: Review target", "4 seconds left", "Still to go today"),
        91.0: ("Step 7 of 7: Dial", "waiting 1s"),
    }
    async with running(plain(ctx), (60, 24)) as (app, pilot):
        await press(pilot, "N")
        for after_s, figures in steps.items():
            shown = await at(pilot, clock, after_s)
            assert [f for f in figures if f not in shown] == [], shown
            assert drawn(shown.split("\n")) == []  # the Story step's box too
            said(app, "ritual-steps")
