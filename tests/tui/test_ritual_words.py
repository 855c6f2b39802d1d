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
from companion.core.ritual import RitualStep
from companion.core.tags import CAUSE_LABELS
from companion.tui.app import CompanionApp
from companion.tui.screens.ritual import RitualScreen
from tests.tui.conftest import past, press, running, screen_lines, screen_text, stored, tick, whole_screen

SIZES = [(60, 24), (120, 40)]
# The checklist's three answers, by the one name each has on every screen.
ANSWERS = "z skill gap x poor fit c process issue"


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
        assert f"{CHECKLIST_ASK.text} {ANSWERS}" in text
        await press(pilot, "z")
        assert isinstance(app.screen, RitualScreen)  # answering blocks nothing: the reset goes on
        text = await shown(pilot)
        assert CHECKLIST_ASK.text not in text and CHECKLIST_MEANS["skill-gap"].text in text
        assert_fits(app)
        await press(pilot, "x")  # a change of mind: the line follows
        text = await shown(pilot)
        assert CHECKLIST_MEANS["poor-fit"].text in text and "Tagged poor fit" in text
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
        assert f"{CHECKLIST_ASK.text} y skill gap x poor fit ctrl+y process issue" in await shown(pilot)
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


async def test_each_answer_has_one_name_in_the_legend_the_question_and_the_tagged_line(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (_, pilot):
        await press(pilot, "n")
        assert "Cause z skill gap x poor fit c process issue t note" in await shown(pilot)  # Breathe
        await tick(pilot, clock, 10.5)
        assert f"{CHECKLIST_ASK.text} {ANSWERS}" in await shown(pilot)  # Reframe: asked
        for key, cause in (("z", "skill-gap"), ("x", "poor-fit"), ("c", "process")):
            await press(pilot, key)
            text = await shown(pilot)
            assert CHECKLIST_MEANS[cause].text in text and f"Tagged {CAUSE_LABELS[cause]}" in text
    assert the_no_cause(ctx) == "process"  # what is stored never changes: only its name on screen


def rows_of(app: CompanionApp, *ids: str) -> list[int]:
    return [app.screen.query_one(f"#{widget_id}").region.y for widget_id in ids]


@pytest.mark.parametrize("size", SIZES, ids=["60x24", "120x40"])
async def test_the_long_reset_keeps_its_place_as_each_line_appears(
    ctx: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    async with running(ctx, size=size) as (app, pilot):
        await press(pilot, "N")
        for step, turns in ((RitualStep.PERSPECTIVE, 5), (RitualStep.SO_WHAT, 3)):
            assert app.state.ritual is not None and app.state.ritual.step is step
            places = set()
            for _ in range(turns):
                await tick(pilot, clock, 20 / turns)
                if app.state.ritual.step is step:
                    places.add(tuple(rows_of(app, "ritual-title", "ritual-main", "ritual-detail")))
            assert len(places) == 1, (step, places)  # nothing moved up a row as a line came in
            await tick(pilot, clock, 20 - 20 / turns * turns + 0.01)


@pytest.mark.parametrize("size", SIZES, ids=["60x24", "120x40"])
async def test_every_step_title_keeps_a_blank_row_under_the_steps_and_no_word_sits_alone(
    ctx: Context, clock: FrozenClock, size: tuple[int, int]
) -> None:
    past(ctx, EventKind.FOCUS, 1, note="The first ten seconds: who you are, why them, one question")
    async with running(ctx, size=size) as (app, pilot):
        await press(pilot, "N")
        seen = set()
        for _ in range(200):  # every step of the long reset, to Dial, in half seconds
            ritual = app.state.ritual
            assert ritual is not None
            steps, title = rows_of(app, "ritual-steps", "ritual-title")
            assert title >= steps + 2, (ritual.step, steps, title)
            rows = whole_screen(app)
            for widget_id in ("ritual-main", "ritual-detail"):  # as drawn: after any wrapping
                r = app.screen.query_one(f"#{widget_id}").region
                lines = [rows[y][r.x : r.right] for y in range(r.y, r.bottom)]
                alone = [line for line in lines if len(line.split()) == 1 and line.strip()[-1:] in ".,;:"]
                assert alone == [], (ritual.step, widget_id, lines)
            seen.add(ritual.step)
            if ritual.at_dial:
                break
            await tick(pilot, clock, 0.5)
        assert seen == set(RitualStep)
