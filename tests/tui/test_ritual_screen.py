"""The reset on screen, driven through Pilot with the clock advanced: what the rep sees and what
is stored. The rules themselves are unit-tested with the controller (test_session_ritual.py)."""

from __future__ import annotations

import errno
from unittest.mock import patch

from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, RitualEnd, make_event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.reframes import REFRAMES, SCRIPT
from companion.tui.app import CompanionApp
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from companion.tui.screens.summary import SummaryScreen
from tests.conftest import START
from tests.tui.conftest import (
    footer,
    poll,
    press,
    ready,
    running,
    said,
    screen_text,
    stored,
    tick,
    until,
)

BODY = ("ritual-title", "ritual-count", "ritual-main", "ritual-detail")


async def step(pilot: Pilot[int], app: CompanionApp, clock: FrozenClock, seconds: float) -> str:
    await tick(pilot, clock, seconds)
    assert isinstance(app.screen, RitualScreen)
    return screen_text(app, BODY)


async def test_a_no_runs_all_four_steps_and_stores_recovery_and_hesitation(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        text = screen_text(app, BODY)
        assert text.startswith("Breathe") and "10s" in text and "Breathe in" in text
        assert said(app, "ritual-status") == "Logged no · 10:00"
        text = await step(pilot, app, clock, 4.2)
        assert "Breathe" in text and "6s" in text  # counts down on the clock, not on frames
        text = await step(pilot, app, clock, 6.0)
        assert text.startswith("Reframe")
        shown = screen_text(app, ("ritual-main",))
        mantra, under = shown.split("\n\n")
        assert mantra == SCRIPT.text  # the script first, on every reset
        assert under.replace("\n", " ") in REFRAMES or "other dials" in under
        assert all(len(line) <= 56 for line in shown.splitlines())  # fits 60 columns, balanced
        text = await step(pilot, app, clock, 5.0)
        assert text.startswith("Review target") and "Still to go today: 9 conversations, 2 meetings" in text
        text = await step(pilot, app, clock, 5.0)
        assert text.startswith("Dial") and "Pick up the phone" in text
        await step(pilot, app, clock, 3.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert "Recovered in 24s" in said(app, "status")
        assert "today 4s · 1 timed" in screen_text(app, ("numbers",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.COMPLETED
    assert ritual.recovery_s == 23.7 and ritual.hesitation_s == 3.7
    assert ritual.target == stored(ctx, EventKind.OUTCOME)[0].id


async def test_a_no_at_dial_starts_the_next_reset_and_says_it_was_not_timed(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "1")
        await step(pilot, app, clock, 26)
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        assert app.screen.state is not None and app.screen.state.ritual is not None
        assert app.screen.state.ritual.no_id == stored(ctx, EventKind.OUTCOME)[-1].id
        assert said(app, "ritual-status") == "Logged no · not timed (Enter at Dial times it)"
        assert screen_text(app, BODY).startswith("Breathe")
        assert "Tagged" not in screen_text(app, ("ritual-tags",))  # the new no has no tags yet
        assert len(app.screen_stack) == 2
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO, Outcome.NO]


async def test_the_footer_offers_enter_only_at_dial(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, RitualScreen)
        assert screen.check_action("dial", ()) is False and "I'm dialling" not in footer(app)
        await press(pilot, "enter")
        assert app.screen is screen and stored(ctx, EventKind.RITUAL) == []
        assert said(app, "ritual-status") == "Enter marks dialling once Dial opens, in 20s."
        await step(pilot, app, clock, 20)
        assert screen.check_action("dial", ()) is True
        await until(pilot, lambda: "I'm dialling" in footer(app))
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)


async def test_a_call_from_elsewhere_ends_the_reset_even_with_help_open(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        other = Context.open(ctx.paths, clock=ctx.clock)
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.VOICEMAIL, source="cli")])
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen) and len(app.screen_stack) == 1
        assert said(app, "status") == "Reset ended: voicemail logged elsewhere."
        await press(pilot, "v")
        assert "Dials            3/40" in screen_text(app, ("counters",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED and ritual.recovery_s is None


async def test_our_own_no_never_interrupts_its_own_reset(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        for _ in range(3):  # polls read our own journal line back
            await poll(pilot)
        assert isinstance(app.screen, RitualScreen) and len(app.screen_stack) == 2
    # Quitting at the end of the test closes it; nothing else did.
    assert [e.ritual for e in stored(ctx, EventKind.RITUAL)] in ([], [RitualEnd.INTERRUPTED])


async def test_a_reset_cut_short_by_a_kill_counts_as_interrupted_and_unlocks(ctx: Context) -> None:
    # What a killed app leaves behind: its `no`, and no ritual ending.
    ctx.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.NO, source="app")])
    async with running(ctx) as (app, pilot):
        assert isinstance(app.screen, SessionScreen)
        await press(pilot, "v")
        assert "Dials            2/40" in screen_text(app, ("counters",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED


async def test_tags_still_go_on_the_no_after_the_reset_until_the_next_call(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "s", "s", "7")
        assert said(app, "status") == "Tagged: competitor"
        await press(pilot, "v", "3")
        assert said(app, "status") == "Reasons and causes go on the last no, until the next call."
    no, _ = Ledger(ctx.store.all_events()[0]).outcomes
    assert no.reason == "competitor"


async def test_e_and_p_say_when_they_work_and_e_at_dial_opens_the_summary(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "e")
        assert isinstance(app.screen, RitualScreen)
        assert "e ends the block from the Dial step" in said(app, "ritual-status")
        await press(pilot, "p")
        assert said(app, "ritual-status") == "p pauses the block from the Dial step, or after s s."
        await step(pilot, app, clock, 25)
        await press(pilot, "e")  # done for now, at Dial: no fake recovery, the block ends
        assert isinstance(app.screen, SummaryScreen) and len(app.screen_stack) == 2
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED and ritual.recovery_s is None
    assert len(stored(ctx, EventKind.BLOCK_END)) == 1


async def test_a_reset_that_cannot_be_closed_stays_and_says_why_quietly(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 25)
        full = OSError(errno.ENOSPC, "No space left on device")
        with patch("companion.store.journal.os.write", side_effect=full), patch.object(app, "bell") as bell:
            await press(pilot, "e")
        assert isinstance(app.screen, RitualScreen)  # still there: nothing was stored
        assert "NOT saved" in said(app, "ritual-status")
        bell.assert_not_called()  # no sound unless [ui] bell = true
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
    assert stored(ctx, EventKind.BLOCK_END) == []
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.COMPLETED


async def test_the_reset_moves_on_while_help_is_in_front(ctx: Context, clock: FrozenClock) -> None:
    """The app keeps the session's clock, whatever screen is on top: its own tick (injected
    short here) moves the reset to Dial while help covers it."""
    app = CompanionApp(ctx, poll_s=None, tick_s=0.01)
    async with app.run_test(size=(60, 24)) as pilot:
        await ready(pilot)
        await press(pilot, "n", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        clock.advance(25)
        await until(pilot, lambda: app.state.ritual is not None and app.state.ritual.at_dial)
        await press(pilot, "escape")
        assert "Dial" in screen_text(app, ("ritual-title",))
