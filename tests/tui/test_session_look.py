"""How the session screen uses its room: the legend's keys (the rep's own), titled regions with
the block's chart and the time back to dial from 100x30, a cap on the width at 200x60, and
plain mode with every figure in digits or words. (Every outcome key and the footer's help at
60x24 are read in the stored pictures of the session: tests/snapshots/test_theme_tour.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.command import CommandInput

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.outcomes import Outcome
from companion.paths import Paths
from companion.tui.widgets.block_chart import BlockChart, columns
from companion.tui.widgets.legend import legend_lines
from companion.tui.widgets.note_box import NoteBox
from tests.conftest import write_config
from tests.tui.conftest import drawn, plain, press, running, screen_text, still, tick, whole_screen

OUTCOME_WORDS = [f"{o.key} {o.value.replace('-', ' ')}" for o in Outcome] + ["N hard no"]


# -- the chart's columns -------------------------------------------------------------------


def test_columns_count_the_calls_made_by_each_slice_and_the_even_pace_by_then() -> None:
    calls = [60.0, 400.0, 500.0, 1000.0]  # seconds on the block clock
    cols = columns(calls, target=40, block_s=3600.0, elapsed_s=1200.0, width=6)  # slices of 10 min
    assert [c.done for c in cols] == [3, 4, None, None, None, None]
    assert [round(c.pace, 2) for c in cols] == [6.67, 13.33, 20.0, 26.67, 33.33, 40.0]
    # The slice holding now counts the calls so far, not the ones to come.
    assert [c.done for c in columns(calls, 40, 3600.0, 450.0, 6)][:2] == [2, None]
    assert columns(calls, 40, 3600.0, 0.0, 6)[0].done == 0  # a block just opened: an empty first slice


@given(
    st.lists(st.floats(min_value=0, max_value=5400), max_size=60).map(sorted),
    st.integers(min_value=0, max_value=200),
    st.floats(min_value=0, max_value=6000),
    st.integers(min_value=1, max_value=150),
)
def test_columns_rise_never_fall_and_end_on_the_target(
    calls: list[float], needed: int, elapsed: float, width: int
) -> None:
    cols = columns(calls, needed, 5400.0, elapsed, width)
    done = [c.done for c in cols if c.done is not None]
    assert len(cols) == width
    assert done == sorted(done) and all(d <= len(calls) for d in done)
    assert cols[-1].pace == pytest.approx(needed)
    if elapsed >= 5400.0:
        assert cols[-1].done == sum(1 for c in calls if c <= 5400.0)
    assert all(c.done is None for c in cols[len(done) :])  # the future is drawn as pace only


@given(st.integers(min_value=20, max_value=200))
def test_the_legend_fits_its_width_and_keeps_every_key_in_order(width: int) -> None:
    items = [tuple(w.split(" ", 1)) for w in OUTCOME_WORDS]
    lines = legend_lines(items, width)  # type: ignore[arg-type]
    assert [pair for line in lines for pair in line] == items
    assert all(cell_len("  ".join(f"{k} {w}" for k, w in line)) <= width for line in lines)


# -- the screen at its sizes ---------------------------------------------------------------


async def test_the_legend_shows_the_reps_own_keys(home: Path, clock: FrozenClock) -> None:
    write_config(home, '[keys]\nno = "j"\ngatekeeper = "k"\n')
    mine = Context.open(Paths.from_env(), clock=clock)
    async with running(mine, (60, 24)) as (app, _pilot):
        screen = "\n".join(whole_screen(app))
        assert "j no" in screen and "k gatekeeper" in screen
        assert "n no" not in screen and "g gatekeeper" not in screen


async def test_from_100x30_titled_regions_with_the_blocks_chart_and_each_timed_resets_wait_at_dial(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "v", "a")
        await tick(pilot, clock, 10 * 60)
        await press(pilot, "n", "t")
        await pilot.press(*"budget freeze until March, call back in Q2 after the board meets", "enter")
        await press(pilot, "s", "s")
        await tick(pilot, clock, 5 * 60)
        lines = whole_screen(app)
        screen = "\n".join(lines)
        for title in ("Today", "Recent", "Block: dials against even pace", "Wait at Dial after a no"):
            assert f"─ {title} ─" in screen, title
        # The block's own target (issue 22): the first of two blocks, half the day's 40.
        assert "3 dials by 0:15" in screen and "· 20 by 1:30" in screen
        note = "“budget freeze until March, call back in Q2 after the board meets”"
        assert note in " ".join(screen_text(app, ("recent",)).split())  # in full, wrapped
        assert "after the board meets”" in screen
        assert "Today       –" in screen  # no reset timed yet today
        for words in OUTCOME_WORDS:
            assert words in screen
        chart = app.screen.query_one("#chart").region
        assert chart.x >= 60 and chart.height >= 12  # the right half

        for wait in (3, 40, 7):  # seconds at Dial before Enter: the time back to dial
            await press(pilot, "n")
            await tick(pilot, clock, 20 + wait)
            await press(pilot, "enter")
            await tick(pilot, clock, 60)
        panel = screen_text(app, ("back-to-dial",))
        assert "7s · 3 timed" in panel  # today's median over the three
        bars = [line for line in panel.splitlines() if line[:5].replace(":", "").isdigit()]  # "10:15 ██ 3s"
        assert [line.split()[-1] for line in bars] == ["3s", "40s", "7s"]  # oldest first, each its bar
        assert all("█" in line for line in bars)


async def test_a_very_large_terminal_is_not_stretched_thin(ctx: Context) -> None:
    async with running(ctx, (200, 60)) as (app, _pilot):
        body = app.screen.query_one("#body").region
        assert body.width == 180 and body.x == 10  # centred
        assert app.screen.query_one("#chart").region.height <= 26
        assert app.screen.query_one("#chart").region.width <= 90


async def test_plain_mode_draws_no_bar_block_or_box_and_keeps_every_figure(
    ctx: Context, clock: FrozenClock
) -> None:
    """At 120x40, where the charts are too. (Beside a dialer, the tour's plain pictures of the
    session are read for the same: tests/snapshots/test_theme_tour.py.)"""
    async with running(plain(ctx), (120, 40)) as (app, pilot):
        await press(pilot, "v", "a", "g", "m")
        await tick(pilot, clock, 20 * 60)
        lines = whole_screen(app)
        assert drawn(lines) == []
        screen = "\n".join(lines)
        assert "4/40" in screen and "10%" in screen and "36 to go" in screen
        assert "1/2" in screen and "50%" in screen
        assert "Block: dials against even pace" in screen and "4 dials by 0:20" in screen
        assert "0:15 4 (3 expected)" in screen  # the chart's columns, a quarter hour each (of 20)
        assert "Wait at Dial" in screen
        await press(pilot, "t")  # the note box: a line, not a box of block characters
        assert app.screen.focused is not None
        assert drawn(whole_screen(app)) == []


async def test_plain_mode_command_palette_draws_no_rules_or_scroll_bar(ctx: Context) -> None:
    async with running(plain(ctx), (60, 24)) as (app, pilot):
        await press(pilot, "ctrl+p")
        await pilot.press(*"new")
        await press(pilot)
        lines = whole_screen(app)
        assert any("New" in line for line in lines)  # the palette is open, offering a new block
        assert drawn(lines) == []
        [palette_input] = app.screen.query(CommandInput)
        assert palette_input.cursor_blink  # plain is not reduced motion: the other side of the next test


async def test_with_reduced_motion_no_cursor_blinks(ctx: Context) -> None:
    """(Without it, both cursors blink: the note box in test_around_screens.py's
    test_t_notes_todays_latest_call_and_on_a_no_asks_first_how_bad_it_felt, the palette's in
    the test above.)"""
    async with running(still(ctx), (60, 24)) as (app, pilot):
        await press(pilot, "v", "t")  # a note on the voicemail: the note box, focused
        box = app.screen.query_one(NoteBox)
        assert box.has_focus and not box.cursor_blink
        await press(pilot, "escape", "ctrl+p")
        await press(pilot)
        [palette_input] = app.screen.query(CommandInput)
        assert not palette_input.cursor_blink


async def test_the_chart_is_drawn_again_by_the_minute_and_the_call_not_by_the_tick(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "v")
        await tick(pilot, clock, 61)  # 1:01 into the block
        chart = app.screen.query_one(BlockChart)
        drawn_before = chart._drawn
        for _ in range(3):  # three ticks of the clock: no figure on the chart moves
            await tick(pilot, clock, 1)
        assert chart._drawn is drawn_before
        await press(pilot, "a")  # a call: drawn again, the figures say so
        assert chart._drawn is not drawn_before
        assert "2 dials by 0:01" in screen_text(app, ("chart",))
        await tick(pilot, clock, 60)  # a new minute
        assert "2 dials by 0:02" in screen_text(app, ("chart",))


async def test_recent_names_a_hard_no_as_hard(ctx: Context) -> None:
    async with running(ctx, (60, 24)) as (app, pilot):
        await press(pilot, "N", "s", "s", "n", "s", "s")  # a hard no, then a plain one
        lines = screen_text(app, ("recent",)).splitlines()
        assert lines[0].split()[1:] == ["no"]  # newest first: the plain no, nothing after it
        assert lines[1].split()[1:] == ["no", "hard"]


async def test_beside_a_dialer_the_figure_per_meeting_says_what_it_counts_and_never_says_nos(
    ctx: Context,
) -> None:
    """ "Rejections 1" beside "a meeting costs ~2 no's" was two meanings of no on one screen: a
    voicemail is one of the other dials, never a no."""
    async with running(ctx, (60, 24)) as (app, pilot):
        await press(pilot, "v", "m", "n")
        await press(pilot, "s", "s")  # the reset, skipped: back to the counters
        numbers = screen_text(app, ("numbers",))
        assert "Per meeting   2 other dials · last 7 days" in numbers
        assert "Wait at Dial" in numbers and "no's" not in numbers
        assert "Rejections          1" in screen_text(app, ("counters",))
