"""What the rep sees of a block's own clock and target: before the first call the block waits
(its clock full, not running) and the pace says it starts with the first dial; then the pace
and the wide screen's chart measure the block against its own dial target from its first
call; with the day's dials met before the block, both say so in words; the summary gives the
block's dials against its own target."""

from __future__ import annotations

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.tui.screens.summary import SummaryScreen
from tests.tui.conftest import past, press, running, said, screen_text, stored, tick, whole_screen


async def test_before_the_first_call_the_block_waits_and_the_screen_says_the_first_dial_starts_it(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):  # 60x24, beside a dialer
        await tick(pilot, clock, 25 * 60)  # email first: nothing runs
        rows = whole_screen(app)
        assert rows[0].rstrip() == " Companion Mon 23 Nov  Block 1:30:00 · first dial starts it"
        assert "Pace          first dial starts it · 20 this block" in screen_text(app, ("numbers",))
        assert all(len(row.rstrip()) <= 60 for row in rows)
        assert stored(ctx) == []
        await press(pilot, "v")
        await tick(pilot, clock, 45 * 60)
        assert "Block 0:45:00 · 45 min left" in screen_text(app, ("block-bar",))
        # The first of two blocks: 20 of the day's 40, 10 expected halfway, 1 made.
        assert "Pace          9 behind · 1 of 20 this block, 10 by now" in screen_text(app, ("numbers",))


async def test_a_block_begun_with_enter_paces_from_enter_as_its_clock_runs(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "enter")
        await tick(pilot, clock, 27 * 60)
        assert "Block 0:27:00" in screen_text(app, ("block-bar",))  # the clock runs from Enter
        assert "Pace          6 behind · 0 of 20 this block, 6 by now" in screen_text(app, ("numbers",))
        await press(pilot, "a")
        await tick(pilot, clock, 9 * 60)
        assert "Pace          7 behind · 1 of 20 this block, 8 by now" in screen_text(app, ("numbers",))


async def test_with_the_days_dials_met_before_the_block_the_pace_and_chart_say_so_in_words(
    ctx: Context, clock: FrozenClock
) -> None:
    for n in range(40):
        past(ctx, EventKind.OUTCOME, 3 - n / 60, outcome=Outcome.NO_ANSWER)
    async with running(ctx, (120, 40)) as (app, pilot):
        assert "Pace          first dial starts it · day's dials met" in screen_text(app, ("numbers",))
        assert "Today's dials are met already." in screen_text(app, ("chart",))
        await press(pilot, "v", "a")
        await tick(pilot, clock, 10 * 60)
        numbers = screen_text(app, ("numbers",))
        assert "Pace          day's dials met · 2 more this block" in numbers
        chart = screen_text(app, ("chart",))
        assert "Today's 40 dials were met before this block." in chart
        assert "2 dials since, in 0:10: all of it extra." in chart
        assert "expected" not in chart and "█" not in chart  # no "0 expected (+2 ahead)", no bar


async def test_the_chart_measures_the_block_against_its_own_target_and_says_when_the_day_is_met(
    ctx: Context, clock: FrozenClock
) -> None:
    for n in range(25):
        past(ctx, EventKind.OUTCOME, 3 - n / 60, outcome=Outcome.NO_ANSWER)
    past(ctx, EventKind.BLOCK_START, 3.5, session="morning")
    past(ctx, EventKind.BLOCK_END, 2.5, session="morning")
    async with running(ctx, (120, 40)) as (app, pilot):
        assert "Starts with your first dial: this block's 15 in 1:30." in screen_text(app, ("chart",))
        await press(pilot, "v")
        await tick(pilot, clock, 36 * 60)
        chart = " ".join(screen_text(app, ("chart",)).split())
        # The day's last planned block: the 15 still needed, 6 of them expected 36 minutes in.
        assert "1 dial by 0:36 · 6 expected (5 behind) · 15 by 1:30" in chart
        for _ in range(14):
            await press(pilot, "a")
        chart = " ".join(screen_text(app, ("chart",)).split())
        assert "15 dials by 0:36 · 6 expected (+9 ahead) · today's dials met" in chart
        assert "15 by 1:30" in chart.split("today's dials met")[1]


async def test_the_summary_gives_the_blocks_dials_against_its_own_target(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "v", "a", "g")
        await tick(pilot, clock, 30 * 60)
        await press(pilot, "e")
        assert isinstance(app.screen, SummaryScreen)
        table = screen_text(app, ("summary-table",))
        dials = next(line for line in table.splitlines() if line.startswith("Dials"))
        assert dials.split()[1:4] == ["3/20", "3", "40"]
        assert "Block pace     3 dials, target 20, in 0:30: 4 behind" in table
        assert said(app, "summary-status") == "Block ended. Enter starts a new one."
