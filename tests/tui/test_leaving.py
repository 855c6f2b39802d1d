"""Leaving keeps what is typed (issue 24): ctrl+q, and SIGHUP, SIGTERM or SIGINT (sent to this
very process, the app's handlers in place), store what any open box holds as Enter would (a
note with `t`, a felt-only note, a win, today's practice, a lesson, what the resume's reading
back noticed, a note in a reset), before the reset is written as interrupted. An empty box is
a change of mind: nothing. The real process in a terminal: tests/cli/test_signals.py."""

from __future__ import annotations

import signal
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from companion.context import Context
from companion.core.events import Event, EventKind, RitualEnd
from companion.core.outcomes import Outcome
from companion.tui.app import ENDING_SIGNALS, CompanionApp
from companion.tui.screens.past import ResumeScreen
from companion.tui.screens.review import ReviewScreen
from companion.tui.screens.ritual import RitualScreen
from tests.tui.conftest import make_app, past_no, press, ready, running, screen_text, stored, until, write

TEXT = "[b]they[/b] want Q2, call back in March"  # markup is text, kept as typed

Typing = Callable[[CompanionApp, Pilot[int]], Awaitable[None]]


async def note_on_a_voicemail(app: CompanionApp, pilot: Pilot[int]) -> None:
    await press(pilot, "v", "t")
    await write(pilot, TEXT)


async def quit_and_wait(app: CompanionApp, pilot: Pilot[int]) -> None:
    await pilot.press("ctrl+q")
    await app.runner.drained()


def the_call(ctx: Context, outcome: Outcome) -> Event:
    [call] = [e for e in stored(ctx, EventKind.OUTCOME) if e.outcome is outcome]
    return call


async def test_ctrl_q_keeps_a_note_typed_with_t(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await note_on_a_voicemail(app, pilot)
        assert stored(ctx, EventKind.TAG) == []
        await quit_and_wait(app, pilot)
    [tag] = stored(ctx, EventKind.TAG)
    assert (tag.target, tag.note, tag.felt) == (the_call(ctx, Outcome.VOICEMAIL).id, TEXT, None)
    assert app.return_code == 0


async def test_ctrl_q_keeps_how_bad_a_no_felt_with_no_words_yet(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "s", "s", "t", "4")  # the reset skipped; felt 4, nothing typed
        await quit_and_wait(app, pilot)
    [tag] = stored(ctx, EventKind.TAG)
    assert (tag.target, tag.note, tag.felt) == (the_call(ctx, Outcome.NO).id, None, 4)


async def test_an_empty_box_is_a_change_of_mind_on_leaving_too(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "v", "t")
        await write(pilot, "   ")
        await quit_and_wait(app, pilot)
    assert stored(ctx, EventKind.TAG) == []
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.VOICEMAIL]


async def test_ctrl_q_keeps_a_win_being_typed(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "plus")
        await write(pilot, TEXT)
        await quit_and_wait(app, pilot)
    [win] = stored(ctx, EventKind.WIN)
    assert win.note == TEXT


async def test_ctrl_q_keeps_todays_practice_being_typed(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "o", "y", "ctrl+u")  # the proposal cleared: the rep's own words
        await write(pilot, TEXT)
        await quit_and_wait(app, pilot)
    [focus] = stored(ctx, EventKind.FOCUS)
    assert focus.note == TEXT


async def test_ctrl_q_keeps_a_lesson_being_typed_in_the_review(ctx: Context) -> None:
    no = past_no(ctx, 25, note="they want Q2", reason="timing", felt=4)
    async with running(ctx) as (app, pilot):
        await press(pilot, "r", "enter", "2")
        assert isinstance(app.screen, ReviewScreen)
        await write(pilot, TEXT)
        await quit_and_wait(app, pilot)
    [review] = stored(ctx, EventKind.REVIEW)
    assert (review.target, review.felt, review.lesson) == (no.id, 2, TEXT)


async def test_ctrl_q_keeps_what_the_resume_noticed(ctx: Context) -> None:
    past_no(ctx, 30, note="froze the budget till Q2", reason="budget", felt=4)
    async with running(ctx) as (app, pilot):
        await press(pilot, "l")
        assert isinstance(app.screen, ResumeScreen)
        await until(pilot, lambda: "Reading…" not in screen_text(app, ("past-list",)))
        await until(pilot, lambda: [e for e in stored(ctx, EventKind.READ_BACK)] != [])
        await press(pilot, "enter")
        await write(pilot, TEXT)
        await quit_and_wait(app, pilot)
    assert [e.note for e in stored(ctx, EventKind.READ_BACK)] == [None, TEXT]


async def test_ctrl_q_keeps_a_note_typed_in_a_reset_and_then_ends_the_reset(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "t")
        assert isinstance(app.screen, RitualScreen)
        await write(pilot, TEXT)
        await quit_and_wait(app, pilot)
    no = the_call(ctx, Outcome.NO)
    [tag] = stored(ctx, EventKind.TAG)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert (tag.target, tag.note) == (no.id, TEXT)
    assert (ritual.target, ritual.ritual) == (no.id, RitualEnd.INTERRUPTED)
    kinds = [e.kind for e in stored(ctx)]
    assert kinds.index(EventKind.TAG) < kinds.index(EventKind.RITUAL)


@pytest.mark.parametrize("number", ENDING_SIGNALS, ids=lambda n: signal.Signals(n).name)
async def test_a_signal_to_the_process_ends_the_app_as_ctrl_q_does(ctx: Context, number: int) -> None:
    before = {n: signal.getsignal(n) for n in ENDING_SIGNALS}
    app = make_app(ctx)
    with app.ending_on_signals():
        async with app.run_test(size=(60, 24)) as pilot:
            await ready(pilot)
            await press(pilot, "n", "t")
            await write(pilot, TEXT)
            signal.raise_signal(number)  # to this very thread: the app's handler hears it
            await pilot.pause()
            await app.runner.drained()
    assert {n: signal.getsignal(n) for n in ENDING_SIGNALS} == before  # handed back
    assert app.return_code == 128 + number
    [tag] = stored(ctx, EventKind.TAG)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert tag.note == TEXT and ritual.ritual is RitualEnd.INTERRUPTED


async def test_a_signal_while_the_app_opens_ends_it_once_it_is_up(ctx: Context) -> None:
    app = make_app(ctx)
    with app.ending_on_signals():
        signal.raise_signal(signal.SIGTERM)  # before the first frame: heard, then acted on
        async with app.run_test(size=(60, 24)) as pilot:
            await pilot.pause()
            await app.runner.drained()
    assert app.return_code == 128 + signal.SIGTERM
    assert stored(ctx, EventKind.OUTCOME) == []
