"""The reset's Review target step at 60x24: this week against the week's target and the
on-track verdict (core.week), beside what is left today, pace and the wait at Dial; and the
counters' Rejections line saying what the count is, without cheer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.paths import Paths
from companion.tui.screens.ritual import RitualScreen
from tests.conftest import START, write_config
from tests.tui.conftest import press, running, screen_text, tick
from tests.tui.textual_seams import screen_rows

WEDNESDAY = START + timedelta(days=2)  # Monday and Tuesday are over: 80 of 200 dials are due


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(WEDNESDAY)


def calls_before_today(ctx: Context, monday: int, tuesday: int) -> None:
    """Voicemails on Monday and Tuesday morning, a minute apart."""
    ctx.store.add(
        [
            make_event(
                EventKind.OUTCOME,
                START + timedelta(days=day, minutes=minute),
                outcome=Outcome.VOICEMAIL,
                source="test",
            )
            for day, count in ((0, monday), (1, tuesday))
            for minute in range(count)
        ]
    )


async def review_step(ctx: Context, clock: FrozenClock) -> tuple[str, list[str], Content]:
    """Log a no and let the clock run to Review target: its body, the whole screen, and the
    step's text with its styles."""
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 15.2)  # Breathe 10 s, Reframe 5 s
        assert isinstance(app.screen, RitualScreen)
        body = screen_text(app, ("ritual-title", "ritual-main"))
        assert body.startswith("Review target")
        main = app.screen.query_one("#ritual-main", Static).content
        assert isinstance(main, Content)
        return body, screen_rows(app), main


def verdict_styles(main: Content, verdict: str) -> set[str]:
    """The styles on the line of `main` that starts with `verdict`."""
    start = main.plain.index(verdict)
    end = main.plain.index("\n", start)
    return {str(span.style) for span in main.spans if span.start <= start and span.end >= end}


async def test_a_week_behind_says_by_how_many_dials_and_that_the_next_call_closes_one(
    ctx: Context, clock: FrozenClock
) -> None:
    calls_before_today(ctx, monday=30, tuesday=20)  # 50 of the 80 due by Wednesday morning
    body, rows, main = await review_step(ctx, clock)
    # The no just logged is a dial of the week too: 51 made, 29 short.
    assert "This week: 51/200 dials · 0/10 meetings" in body
    assert "29 dials behind this week. Each call takes one off." in body
    # Behind is painted as on track is: no warning colour right after a no.
    assert verdict_styles(main, "29 dials behind this week") == {"bold"}
    assert "Still to go today: 9 conversations, 2 meetings." in body  # what it showed before
    screen = "\n".join(rows)
    assert len(rows) == 24 and all(len(row) <= 60 for row in rows)
    for seen in ("Still to go today", "Pace: ", "This week: 51/200", "29 dials behind this week"):
        assert seen in screen, seen
    assert "Press Enter as you dial" in screen and "1 budget" in screen  # nothing pushed off the screen


async def test_on_track_against_the_week_target_set_in_the_config(home: Path, clock: FrozenClock) -> None:
    write_config(home, "[targets]\nweek_dials = 100\n")  # 40 due by Wednesday morning
    ctx = Context.open(Paths.from_env(), clock=clock)
    calls_before_today(ctx, monday=25, tuesday=15)
    body, rows, main = await review_step(ctx, clock)
    assert verdict_styles(main, "On track for the week") == {"bold"}
    assert "This week: 41/100 dials · 0/10 meetings" in body
    assert "On track for the week. One call won't move that: dial." in body
    assert any("On track for the week" in row for row in rows)


async def test_monday_morning_is_never_behind_for_not_having_called_yet(
    ctx: Context, clock: FrozenClock
) -> None:
    clock.advance(-2 * 86400.0)  # Monday 10:00, the week's first call
    body, _, _ = await review_step(ctx, clock)
    assert "This week: 1/200 dials" in body
    assert "Monday: nothing due yet, on track. Dial the next one." in body
    assert "behind this week" not in body


async def test_rejections_say_of_how_many_conversations_never_a_step_toward_a_yes(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        assert "none yet" in screen_text(app, ("counters",))
        await press(pilot, "b")
        await press(pilot, "n")
        await press(pilot, "s", "s")  # skip the reset: back to the counters
        text = screen_text(app, ("counters",))
        assert "Rejections          1 of 2 conversations" in text
        assert "step toward a yes" not in text


async def test_the_summary_says_the_week_and_the_share_of_nos_outside_the_reps_control(
    ctx: Context, clock: FrozenClock
) -> None:
    calls_before_today(ctx, monday=40, tuesday=40)  # on track: Monday's and Tuesday's 80 are made
    ctx.store.add(
        [
            make_event(
                EventKind.OUTCOME,
                WEDNESDAY - timedelta(minutes=9 - i),
                outcome=Outcome.NO,
                reason=r,
                source="test",
            )
            for i, r in enumerate(["budget", "timing", "timing", "hung-up", None])
        ]
    )
    async with running(ctx) as (app, pilot):
        await press(pilot, "v", "e")
        table = " ".join(screen_text(app, ("summary-table",)).split())
        assert "This week 86/200 dials, 80 due by the end of Tuesday: on track" in table
        reasons = " ".join(screen_text(app, ("summary-reasons",)).split())
        assert (
            "3 of 4 no's with a reason (75%) were outside your control: timing 2, budget 1;"
            " 1 more had no reason tagged." in reasons
        )
        assert "every call is a rep" not in reasons
