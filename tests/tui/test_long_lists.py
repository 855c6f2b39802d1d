"""The wins and the resume on a home of some years: thousands of rows, laid out off the loop and
drawn a screenful at a time (widgets.line_list). What the rep sees must be what a whole list
would show: the newest first, the oldest at its end, wrapped to the width in view, and a key
pressed while the list is still being read does what it says."""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

from companion.context import Context
from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.tui.app import CompanionApp
from companion.tui.screens.past import WinsScreen
from companion.tui.screens.session import SessionScreen
from tests.tui.conftest import past, press, running, screen_text, settle, until, whole_screen

WINS = 300
LONG = "the CFO asked for the pilot terms in writing and booked the follow-up herself on the call"


def seed_wins(ctx: Context, count: int = WINS) -> None:
    for n in range(count):  # win n is n days old: win 0 is the newest
        past(ctx, EventKind.WIN, 24 * (n + 1) + 1, note=f"win number {n}")


@contextmanager
def slow_reads(ctx: Context) -> Iterator[threading.Event]:
    """Every read of the whole history waits until the returned event is set."""
    store = type(ctx.store)
    real = store.all_events
    go = threading.Event()

    def slow(self: object, *args: object, **kwargs: object) -> object:
        go.wait(10)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    with patch.object(store, "all_events", slow):
        yield go


def rows_with(app: CompanionApp, words: str) -> list[str]:
    """The screen's rows that show `words` ("win number 1" is not in "win number 12")."""
    return [row for row in whole_screen(app) if re.search(rf"{re.escape(words)}\b", row)]


async def test_a_long_wins_list_shows_the_newest_first_and_its_oldest_at_the_end(ctx: Context) -> None:
    seed_wins(ctx)
    async with running(ctx) as (app, pilot):
        await press(pilot, "w")
        await until(pilot, lambda: "Newest first" in screen_text(app, ("past-list",)))
        text = screen_text(app, ("past-list",))
        assert text.splitlines()[0] == f"0 meetings and {WINS} wins you added. Newest first."
        assert all(f"win number {n}" in text for n in range(WINS))  # the whole list, not a page
        assert rows_with(app, "win number 0")
        assert not rows_with(app, f"win number {WINS - 1}")  # far below: not drawn
        await press(pilot, "end")
        await until(pilot, lambda: bool(rows_with(app, f"win number {WINS - 1}")))
        assert not rows_with(app, "win number 0")
        # The oldest is the last row drawn above the status line and the footer.
        listed = [row for row in whole_screen(app) if "win number" in row]
        assert f"win number {WINS - 1}" in listed[-1]


async def test_a_win_is_wrapped_again_to_a_wider_terminal(ctx: Context) -> None:
    past(ctx, EventKind.WIN, 30, note=LONG)
    async with running(ctx) as (app, pilot):
        await press(pilot, "w")
        await until(pilot, lambda: "Newest first" in screen_text(app, ("past-list",)))
        assert not rows_with(app, LONG)  # 60 columns: under its own start, on two rows
        await pilot.resize_terminal(140, 40)
        await until(pilot, lambda: bool(rows_with(app, LONG)))


async def test_escape_while_the_wins_are_read_goes_back_and_the_late_read_draws_nothing(
    ctx: Context,
) -> None:
    past(ctx, EventKind.OUTCOME, 26, outcome=Outcome.MEETING, note="demo with ACME")
    with slow_reads(ctx) as go:
        async with running(ctx) as (app, pilot):
            await press(pilot, "w")
            assert isinstance(app.screen, WinsScreen)
            assert "Reading…" in screen_text(app, ("past-list",))  # never a list of nothing
            await press(pilot, "end", "escape")
            assert isinstance(app.screen, SessionScreen)
            go.set()
            await app.workers.wait_for_complete()
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen)
            await press(pilot, "w")  # opened again: read again, and drawn
            await until(pilot, lambda: "demo with ACME" in screen_text(app, ("past-list",)))


async def test_end_pressed_while_reading_still_shows_the_newest_once_read(ctx: Context) -> None:
    seed_wins(ctx, 60)
    with slow_reads(ctx) as go:
        async with running(ctx) as (app, pilot):
            await press(pilot, "w", "end")
            go.set()
            await until(pilot, lambda: "Newest first" in screen_text(app, ("past-list",)))
            assert rows_with(app, "Newest first")
            assert rows_with(app, "win number 0")


async def test_a_read_holds_off_full_sweeps_until_its_list_is_on_screen_and_then_keeps_it(
    ctx: Context,
) -> None:
    """Between the read's end and its list on screen, a sweep would walk all the read made
    (what the collector's `reading` guard is for); once on screen, it is frozen out of sweeps."""
    from companion.tui import collector
    from companion.tui.widgets.line_list import LineList

    seed_wins(ctx, 30)
    seen: list[tuple[int, int]] = []  # reads under way, objects frozen: as the list is shown
    real = LineList.show_rows

    def show_rows(self: LineList, *args: object) -> None:
        seen.append((collector.reads_under_way(), gc.get_freeze_count()))
        real(self, *args)  # type: ignore[arg-type]

    with patch.object(LineList, "show_rows", show_rows):
        async with running(ctx) as (app, pilot):
            await press(pilot, "w")
            await until(pilot, lambda: "Newest first" in screen_text(app, ("past-list",)))
            await app.workers.wait_for_complete()
            assert seen and all(reads > 0 for reads, _ in seen)
            assert collector.reads_under_way() == 0
            assert gc.get_freeze_count() > seen[-1][1]  # what it read, frozen once shown
