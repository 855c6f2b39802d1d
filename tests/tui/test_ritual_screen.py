"""The reset ritual, driven through Pilot with the clock advanced: no real sleeps."""

from __future__ import annotations

import asyncio
import errno
import itertools
import time
from unittest.mock import patch

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.reframes import REFRAMES, rate_line
from companion.tui.app import CompanionApp
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from companion.tui.screens.summary import SummaryScreen
from tests.conftest import START, write_config
from tests.tui.conftest import make_app, press, ready, running, said, screen_text, stored, until


def footer(app: CompanionApp) -> str:
    return " ".join(key.description for key in app.screen.query(FooterKey))


BODY = ("ritual-title", "ritual-count", "ritual-main", "ritual-detail")


async def step(pilot: Pilot[int], app: CompanionApp, clock: FrozenClock, seconds: float) -> str:
    clock.advance(seconds)
    assert isinstance(app.screen, RitualScreen)
    app.screen.paint()
    await pilot.pause()
    return screen_text(app, BODY)


async def test_a_no_runs_all_four_steps_and_stores_recovery_and_hesitation(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        text = screen_text(app, BODY)
        assert text.startswith("Breathe") and "10s" in text and "Breathe in" in text
        text = await step(pilot, app, clock, 4.2)
        assert "Breathe" in text and "6s" in text  # counts down on the clock, not on frames
        text = await step(pilot, app, clock, 6.0)
        assert text.startswith("Reframe")
        shown = screen_text(app, ("ritual-main",))
        assert shown.replace("\n", " ") in REFRAMES or "no's" in shown
        assert all(len(line) <= 56 for line in shown.splitlines())  # fits 60 columns, balanced
        text = await step(pilot, app, clock, 5.0)
        assert text.startswith("Review target") and "Still to go today: 9 conversations, 2 meetings" in text
        text = await step(pilot, app, clock, 5.0)
        assert text.startswith("Dial") and "Pick up the phone" in text
        await step(pilot, app, clock, 3.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert "Recovered in 24s" in said(app, "status")
        assert "last 24s" in screen_text(app, ("numbers",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.COMPLETED
    assert ritual.recovery_s == 23.7 and ritual.hesitation_s == 3.7
    assert ritual.target == stored(ctx, EventKind.OUTCOME)[0].id


async def test_outcome_keys_are_locked_until_dial_then_log_and_complete(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 12)
        await press(pilot, "m", "v")
        assert said(app, "ritual-status") == "Not logged: no call yet. Dial opens in 8s."
        assert len(stored(ctx, EventKind.OUTCOME)) == 1
        await step(pilot, app, clock, 10)
        await press(pilot, "m")
        assert isinstance(app.screen, SessionScreen)
        assert "Meetings          1/2" in screen_text(app, ("counters",))
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO, Outcome.MEETING]
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.COMPLETED and ritual.recovery_s == 22.0


async def test_a_no_at_dial_starts_the_next_reset(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 25)
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        assert app.screen.ritual.no_id == stored(ctx, EventKind.OUTCOME)[-1].id


async def test_skipping_takes_two_presses_and_is_logged(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, "s")
        assert isinstance(app.screen, RitualScreen)
        assert "Press s again" in said(app, "ritual-status")
        clock.advance(5)  # too late: the first press has lapsed
        await press(pilot, "s")
        assert isinstance(app.screen, RitualScreen)
        clock.advance(1)
        await press(pilot, "s")
        assert isinstance(app.screen, SessionScreen)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.SKIPPED and ritual.recovery_s is None


async def test_undo_in_the_ritual_voids_the_no_and_cancels(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, "u")
        assert isinstance(app.screen, SessionScreen)
        assert "Rejections          0" in screen_text(app, ("counters",))
    [no] = stored(ctx, EventKind.OUTCOME)
    [void] = stored(ctx, EventKind.VOID)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert void.target == no.id and ritual.ritual is RitualEnd.CANCELLED


async def test_an_outcome_logged_elsewhere_interrupts_the_ritual(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        other = Context.open(ctx.paths, clock=ctx.clock)
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.VOICEMAIL, source="cli")])
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert "Dials            2/40" in screen_text(app, ("counters",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED and ritual.recovery_s is None


async def test_a_reset_cut_short_by_a_kill_counts_as_interrupted_and_unlocks(ctx: Context) -> None:
    # What a killed app leaves behind: its `no`, and no ritual ending.
    ctx.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.NO, source="app")])
    async with running(ctx) as (app, pilot):
        assert isinstance(app.screen, SessionScreen)
        await press(pilot, "v")
        assert "Dials            2/40" in screen_text(app, ("counters",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED


async def test_quitting_mid_ritual_records_it_as_interrupted(ctx: Context) -> None:
    async with running(ctx) as (_app, pilot):
        await press(pilot, "n")
        await press(pilot, "ctrl+q")
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED


async def test_reason_cause_and_note_tag_the_no(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, "2", "z", "t")
        await press(pilot, *"CFO owns it", "enter")
        tags = screen_text(app, ("ritual-tags",))
        assert "Tagged  timing · skill gap · “CFO owns it”" in tags
        await press(pilot, "1")  # changed my mind: budget
        await pilot.pause()
    events = ctx.store.all_events()[0]
    [no] = Ledger(events).outcomes
    assert (no.reason, no.cause, no.note) == ("budget", "skill-gap", "CFO owns it")


async def test_tags_still_go_on_the_no_after_the_ritual_until_the_next_call(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, "s", "s")
        await press(pilot, "7")
        await press(pilot, "v", "3")
        assert "Tags go on today's last no" in said(app, "status")
    no, _ = Ledger(ctx.store.all_events()[0]).outcomes
    assert no.reason == "competitor"


async def test_the_bell_rings_on_step_change_only_when_asked(ctx: Context, clock: FrozenClock) -> None:
    for bell, expected in ((False, 0), (True, 3)):
        write_config(ctx.paths.config_dir, f"[ui]\nbell = {'true' if bell else 'false'}\n")
        app = make_app(Context.open(ctx.paths, clock=clock))
        async with app.run_test(size=(60, 24)) as pilot:
            await ready(pilot)
            with patch.object(CompanionApp, "bell") as rung:
                await press(pilot, "n")
                for _ in range(3):
                    await step(pilot, app, clock, 5.01 if _ else 10.01)
                assert rung.call_count == expected


async def test_the_reframe_line_never_repeats_back_to_back(ctx: Context, clock: FrozenClock) -> None:
    seen: list[str] = []
    async with running(ctx, seed=3) as (app, pilot):
        for _ in range(12):
            await press(pilot, "n")
            await step(pilot, app, clock, 10.5)
            assert isinstance(app.screen, RitualScreen)
            seen.append(screen_text(app, ("ritual-main",)))
            await press(pilot, "s", "s")
            clock.advance(10)
    assert all(a != b for a, b in itertools.pairwise(seen))
    assert len(set(seen)) > 3
    assert rate_line(19.0) is not None and "19" in (rate_line(19.0) or "")


async def test_a_call_from_elsewhere_ends_the_reset_even_with_help_open(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await press(pilot, "question_mark")
        other = Context.open(ctx.paths, clock=ctx.clock)
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.VOICEMAIL, source="cli")])
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert len(app.screen_stack) == 1
        await press(pilot, "v")
        assert "Dials            3/40" in screen_text(app, ("counters",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED


async def test_our_own_no_never_interrupts_its_own_reset(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        for _ in range(30):  # several polls pass over our own journal lines
            await pilot.pause(0.05)
        assert isinstance(app.screen, RitualScreen)
        assert len(app.screen_stack) == 2
    assert stored(ctx, EventKind.RITUAL) == []  # still running when the test ended; nothing interrupted it


async def test_the_locked_message_counts_down_and_enter_waits_for_dial(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, RitualScreen)
        assert screen.check_action("dial", ()) is False  # not offered in the footer yet
        assert "I'm dialling" not in footer(app)
        await press(pilot, "enter")
        assert app.screen is screen and stored(ctx, EventKind.RITUAL) == []
        await press(pilot, "v")
        assert "Dial opens in 20s." in said(app, "ritual-status")
        await step(pilot, app, clock, 3)
        assert "Dial opens in 17s." in said(app, "ritual-status")
        await step(pilot, app, clock, 17)
        assert screen.check_action("dial", ()) is True
        await pilot.pause()
        assert "I'm dialling" in footer(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)


async def test_end_and_pause_during_a_reset_say_when_they_work(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "e")
        assert isinstance(app.screen, RitualScreen)
        assert "e ends the block from the Dial step" in said(app, "ritual-status")
        await press(pilot, "p")
        assert said(app, "ritual-status") == "p pauses the block once the reset ends."
        await press(pilot, "enter")
        assert "Enter marks dialling once Dial opens, in 20s" in said(app, "ritual-status")
        kinds = [e.kind for e in stored(ctx)]
        assert EventKind.PAUSE not in kinds and EventKind.BLOCK_END not in kinds
        await step(pilot, app, clock, 25)
        await press(pilot, "e")  # done for now, at Dial: no fake recovery, the block ends
        assert isinstance(app.screen, SummaryScreen)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED and ritual.recovery_s is None
    assert len(stored(ctx, EventKind.BLOCK_END)) == 1


async def test_a_no_logged_at_dial_says_the_recovery_on_the_next_reset(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 26)
        first = app.screen
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen) and app.screen is not first
        assert "Recovered in 26s · logged no" in said(app, "ritual-status")
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO, Outcome.NO]


async def test_a_reset_left_at_dial_for_ten_minutes_closes_unmeasured(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 20 + 5 * 60)
        assert "waiting 5m00s" in screen_text(app, BODY)
        clock.advance(5 * 60 + 1)
        assert isinstance(app.screen, RitualScreen)
        app.screen.paint()
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))  # the next poll closes it
        assert "a break, not a recovery" in said(app, "status")
        assert "measured after each reset" in screen_text(app, ("numbers",))
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED and ritual.recovery_s is None


async def test_escape_closes_the_note_box_without_saving_and_keys_work_again(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "t")
        box = app.screen.query_one("#note-input")
        assert box.has_class("-open") and box.has_focus
        await press(pilot, *"never mind", "escape")
        assert not box.has_class("-open") and not box.has_focus
        await press(pilot, "4")  # a tag key again, not text
    [tag] = stored(ctx, EventKind.TAG)
    assert (tag.reason, tag.note) == ("fear-of-change", None)


async def test_a_note_typed_in_the_reset_saves_on_enter_and_the_screen_makes_room(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "t")
        tags = app.screen.query_one("#ritual-tags")
        assert not tags.display  # the box takes the tag keys' rows, nothing is pushed off
        assert app.screen.query_one("#ritual-body").region.width == 60  # nothing narrows the text
        assert "Save note" in footer(app)
        await press(pilot, *"ok", "enter")
        assert tags.display
        assert "Enter marks dialling" not in said(app, "ritual-status")
        assert "“ok”" in screen_text(app, ("ritual-tags",))
    [tag] = stored(ctx, EventKind.TAG)
    assert tag.note == "ok"


async def test_a_reset_that_cannot_be_closed_leaves_the_block_open_and_says_why_quietly(
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


async def test_one_no_gets_one_ending_even_when_two_arrive_together(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await step(pilot, app, clock, 25)
        real_append = ctx.store.append

        def slow_append(events: list[Event]) -> None:
            time.sleep(0.3)
            real_append(events)

        with patch.object(ctx.store, "append", slow_append):
            enter = asyncio.create_task(pilot.press("enter"))
            await asyncio.sleep(0.1)  # the Dial ending is being written
            assert await app.ritual.interrupt("from elsewhere") is False
            await enter
            await app.writes_done()
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.COMPLETED


async def test_another_line_replaces_the_locked_countdown_for_good(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "v")
        assert said(app, "ritual-status") == "Not logged: no call yet. Dial opens in 20s."
        await step(pilot, app, clock, 5)
        assert said(app, "ritual-status") == "Not logged: no call yet. Dial opens in 15s."  # still counting
        await press(pilot, "p")
        await step(pilot, app, clock, 1)
        assert said(app, "ritual-status") == "p pauses the block once the reset ends."
