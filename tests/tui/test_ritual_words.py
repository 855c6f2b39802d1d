"""The reset's words on screen at 60x24, through Pilot with the clock advanced: the script on
every reset, the checklist asked and answered with its keys (and the rep's own from [keys]),
the curiosity question at Dial, the body cue, and the long reset's walk, horizons and story,
each line whole at 60x24 and at 120x40."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.coaching import (
    BODY_CUE,
    CHECKLIST_ASK,
    CHECKLIST_MEANS,
    CURIOSITY_ASK,
    CURIOSITY_WHEN,
    DIAL_FRESH,
    PERSPECTIVE_WALK,
    SO_WHAT_HORIZONS,
)
from companion.core.events import EventKind
from companion.core.ledger import Ledger
from companion.core.reframes import REFRAMES, SCRIPT
from companion.tui.app import CompanionApp
from companion.tui.screens.ritual import RitualScreen
from tests.tui.conftest import past, press, running, screen_lines, screen_text, stored, tick

SIZES = [(60, 24), (120, 40)]


def flat(lines: list[str]) -> str:
    """The screen's rows as one run of words: a line wrapped over two rows reads whole."""
    return " ".join(" ".join(lines).split())


def the_no_cause(ctx: Context) -> str | None:
    [no] = Ledger(ctx.store.all_events()[0]).outcomes
    return no.cause


async def shown(pilot: Pilot[int]) -> str:
    return flat(await screen_lines(pilot))


async def test_the_script_shows_on_each_of_twenty_resets_in_a_row(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        under: list[str] = []
        for n in range(20):
            await press(pilot, "n")  # at Dial (after the first), the next no starts the next reset
            await tick(pilot, clock, 10.5)  # Breathe is over: Reframe
            assert isinstance(app.screen, RitualScreen)
            lines = await screen_lines(pilot)
            assert any(line.strip() == SCRIPT.text for line in lines), f"reset {n + 1}: no script"
            ritual = app.state.ritual
            assert ritual is not None
            under.append(ritual.reframe)
            assert flat([ritual.reframe]) in flat(lines)  # its line under it, whole
            await tick(pilot, clock, 10)
        assert len(stored(ctx, EventKind.OUTCOME)) == 20
    assert SCRIPT.text not in under and all(a != b for a, b in itertools.pairwise(under))
    assert set(under) <= {*REFRAMES} | {line for line in under if "other dials" in line}


async def test_todays_practice_still_shows_under_the_script_at_60x24(
    ctx: Context, clock: FrozenClock
) -> None:
    focus = "The first ten seconds: who you are, why them, one question"  # the longest skill offered
    past(ctx, EventKind.FOCUS, 1, note=focus)
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 10.5)
        lines = await screen_lines(pilot)
        text = flat(lines)
        assert any(line.strip() == SCRIPT.text for line in lines)
        assert app.state.ritual is not None and flat([app.state.ritual.reframe]) in text
        assert f"Today's practice {focus}" in text
        assert f"{CHECKLIST_ASK.text} z skill gap" in text
        assert_fits(app)


async def test_the_checklist_is_asked_at_reframe_and_z_answers_it(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        text = await shown(pilot)
        assert BODY_CUE.text in text  # Breathe: the body first
        assert CHECKLIST_ASK.text not in text
        await tick(pilot, clock, 10.5)
        text = await shown(pilot)
        assert f"{CHECKLIST_ASK.text} z skill gap x not a fit c process" in text
        await press(pilot, "z")
        assert isinstance(app.screen, RitualScreen)  # answering blocks nothing: the reset goes on
        text = await shown(pilot)
        assert CHECKLIST_ASK.text not in text and CHECKLIST_MEANS["skill-gap"].text in text
        assert_fits(app)
        await press(pilot, "x")  # a change of mind: the line follows
        assert CHECKLIST_MEANS["poor-fit"].text in await shown(pilot)
        await press(pilot, "z")
        await tick(pilot, clock, 10)
        await press(pilot, "enter")  # Dial: dialling as ever
        assert app.state.ritual is None
    assert the_no_cause(ctx) == "skill-gap"


async def test_the_checklist_names_the_reps_own_keys(ctx: Context, clock: FrozenClock) -> None:
    keys = (("cause-skill-gap", "y"), ("cause-process", "ctrl+y"))
    async with running(replace(ctx, config=replace(ctx.config, keys=keys))) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 10.5)
        assert f"{CHECKLIST_ASK.text} y skill gap x not a fit ctrl+y process" in await shown(pilot)
        assert_fits(app)  # the answers go under the question rather than be cut
        await press(pilot, "ctrl+y")
        assert CHECKLIST_MEANS["process"].text in await shown(pilot)
    assert the_no_cause(ctx) == "process"


async def test_dial_offers_the_words_to_try_next_time_someone_passes(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 20.5)
        assert app.state.ritual is not None and app.state.ritual.at_dial
        text = await shown(pilot)
        assert CURIOSITY_WHEN.text in text and CURIOSITY_ASK.text in text and DIAL_FRESH.text in text
        assert f"{CHECKLIST_ASK.text} z skill gap" in text  # still asked: skippable, never in the way
        assert_fits(app)
        await press(pilot, "enter")
        assert app.state.ritual is None and the_no_cause(ctx) is None


@pytest.mark.parametrize("size", SIZES, ids=["60x24", "120x40"])
async def test_the_long_reset_walks_every_line_whole(
    ctx: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    async with running(ctx, size=size) as (app, pilot):
        await press(pilot, "N")
        text = await shown(pilot)
        assert PERSPECTIVE_WALK[0].text in text and PERSPECTIVE_WALK[1].text not in text  # in turns
        await tick(pilot, clock, 19.5)
        lines = await screen_lines(pilot)
        for line in PERSPECTIVE_WALK:  # each on a row of its own, never cut
            assert any(row.strip() == line.text for row in lines), line.text
        await tick(pilot, clock, 20)  # 39.5 s: So what, every horizon
        text = await shown(pilot)
        for when, what in SO_WHAT_HORIZONS:
            assert f"{when}: {what.text}" in text
        await tick(pilot, clock, 1)  # Story: the hint, and the day's data beside it
        text = await shown(pilot)
        assert "The data Today 1/10 conversations · 0/2 meetings" in text
        assert "No meeting in the last 7 days yet" in text
        assert_fits(app)


def assert_fits(app: CompanionApp) -> None:
    """No line of the reset's body or tags runs past the cells it has."""
    for widget_id in ("ritual-main", "ritual-detail", "ritual-tags"):
        widget = app.screen.query_one(f"#{widget_id}")
        if widget.display:
            width = widget.content_region.width
            lines = screen_text(app, (widget_id,)).splitlines()
            assert all(len(line.rstrip()) <= width for line in lines), (widget_id, width, lines)
