"""How the history and the summary look: the history fills a wide terminal without stretching,
and in plain mode (`[ui] plain = true`) neither draws a bar, block, braille or box-drawing
character while every figure is still there, in digits or words, to the last page. (The review,
the resume, the wins and the warm-up in plain mode are read in the tour's plain pictures:
tests/snapshots/test_theme_tour.py.)"""

from __future__ import annotations

import re

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.demo import history
from companion.session.reports import read_history
from companion.tui.app import CompanionApp
from companion.tui.screens.history import HistoryScreen
from companion.tui.screens.summary import SummaryScreen
from tests.tui.conftest import (
    drawn,
    plain,
    press,
    running,
    screen_lines,
    screen_text,
    until,
)


@pytest.fixture
def seeded(ctx: Context, clock: FrozenClock) -> Context:
    """Three weeks of realistic history before the frozen now (as the snapshots have)."""
    ctx.store.add(history(clock.now(), ctx.tz, days=21, seed=7))
    return ctx


async def open_history(app: CompanionApp, pilot: Pilot[int]) -> None:
    await press(pilot, "h")
    assert isinstance(app.screen, HistoryScreen)
    await until(pilot, lambda: "Week of" in screen_text(app, ("history-weeks",)))


# -- the history across the width -----------------------------------------------------------------


def dated(days: str) -> list[str]:
    """The lines of the days' table that are a day (not its heading or a note under it)."""
    return [line for line in days.splitlines() if re.match(r"\s*[A-Z][a-z]{2} \d\d [A-Z][a-z]{2}", line)]


async def test_at_60x24_the_days_follow_the_weeks_in_one_column_two_weeks_of_them(seeded: Context) -> None:
    async with running(seeded, (60, 24)) as (app, pilot):
        await open_history(app, pilot)
        weeks = app.screen.query_one("#history-weeks").region
        days = app.screen.query_one("#history-days").region
        assert days.y > weeks.bottom and days.x == weeks.x
        shown = screen_text(app, ("history-days",))
        assert all(len(line) <= days.width for line in shown.splitlines())
        assert len(dated(shown)) == 14, shown  # beside a dialer, two weeks


async def test_at_120_columns_weeks_and_days_stand_side_by_side_every_day_in_view(seeded: Context) -> None:
    """Side by side, the days run the screen's height: the seeded history holds 21 days of
    calls before today, so 120x40's 24 rows of days show all 22. (At 200 columns, centred with
    its bars kept short: tests/snapshots/test_summary_snapshots.py.)"""
    found = read_history(seeded, seeded.clock.now().date())
    async with running(seeded, (120, 40)) as (app, pilot):
        await open_history(app, pilot)
        lines = await screen_lines(pilot)
        [head] = [line for line in lines if "Week of" in line]
        assert head.index("Week of") < head.index("Day ") and "Dials" in head[head.index("Day ") :]
        for row in found.days[-7:]:  # the last week, day by day, each with its dials
            [line] = [line for line in lines if f"{row.day:%a %d %b}" in line]
            assert re.search(rf"\b{row.counts.dials}\b", line[line.index(f"{row.day:%a %d %b}") :])
        assert app.screen.query_one("#history-body").max_scroll_y == 0  # nothing to scroll for
        shown = screen_text(app, ("history-days",))
        assert len(dated(shown)) == 22, shown


# -- plain mode: no drawn characters, every figure in digits or words -----------------------------


async def test_plain_history_draws_no_bars_dots_or_lines_and_keeps_every_figure(seeded: Context) -> None:
    """Beside a dialer, every page to the end. (Side by side, from 116 columns, the first page
    is the tour's plain picture at 120x40, read for the same: test_theme_tour.py.)"""
    found = read_history(seeded, seeded.clock.now().date())
    async with running(plain(seeded), (60, 24)) as (app, pilot):
        await open_history(app, pilot)
        pages = [await screen_lines(pilot)]
        body = app.screen.query_one("#history-body")
        while body.scroll_y < body.max_scroll_y:  # each page of a short terminal, to the end
            await press(pilot, "pagedown")
            pages.append(await screen_lines(pilot))
        for page in pages:
            assert drawn(page) == []
        seen = [line for page in pages for line in page]
        for row in found.days:
            if row.counts.dials:  # a day before the first dial is left out
                [line] = {line for line in seen if f"{row.day:%a %d %b}" in line}
                assert re.search(rf"\b{row.day:%a %d %b} +{row.counts.dials}\b", line)
        text = "\n".join(seen)
        week = next(w for w in found.weeks if f"{w.monday:%d %b}" == "09 Nov")
        once, five, fifteen, hour, morning = week.ladder.counts
        assert week.ladder.placed > 0
        assert (
            f"Week of 09 Nov: at once {once} · 5 minutes {five} · 15 minutes {fifteen}"
            f" · an hour {hour} · the morning {morning}" in " ".join(text.split())
        )  # the ladder's column, in words (wrapped at 60 columns)
        assert (
            "latest: 13s, 12s, 12s, 11s, 9s, 10s" in text and "at first … latest" in text
        )  # time to dial by day, in words


async def test_plain_summary_draws_no_sparkline_and_keeps_the_trend_in_words(seeded: Context) -> None:
    """Beside a dialer, every page to the end. (At 120x40, the tour's plain picture, read for
    the same: test_theme_tour.py.)"""
    async with running(plain(seeded), (60, 24)) as (app, pilot):
        await press(pilot, "v", "a", "n", "s", "s", "m", "e")
        assert isinstance(app.screen, SummaryScreen)
        await until(pilot, lambda: "latest:" in screen_text(app, ("trend",)))
        pages = [await screen_lines(pilot)]
        body = app.screen.query_one("#summary-body")
        while body.scroll_y < body.max_scroll_y:
            await press(pilot, "pagedown")
            pages.append(await screen_lines(pilot))
        for page in pages:
            assert drawn(page) == []
        text = "\n".join(line for page in pages for line in page)
        assert re.search(r"Dials +\d+/\d+ +22 +40", text)  # the block (of its own target), the day
        assert re.search(r"\d+s at first … latest: (\d+s, ){5}\d+s", text)
