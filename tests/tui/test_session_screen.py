"""The session screen, driven through Pilot: what the rep sees and what is stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest.mock import patch

from textual import events
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.core.tags import NOTE_MAX
from companion.paths import shown_path
from companion.session.commands import Tick
from companion.session.state import Phase
from companion.transfer.export import CSV_COLUMNS
from companion.tui.app import CompanionApp
from companion.tui.outcome_keys import key_words, screen_keys
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.history import HistoryScreen
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from companion.tui.screens.summary import SummaryScreen
from companion.tui.text import shown_key
from tests.conftest import START
from tests.tui.conftest import (
    footer,
    make_app,
    poll,
    press,
    ready,
    running,
    said,
    screen_text,
    settle,
    slow_opening,
    stored,
    tick,
    until,
    write,
)
from tests.tui.textual_seams import no_second_parse, stylesheet_files

COUNTERS = ("counters",)


async def test_each_outcome_key_logs_at_once_and_counts_follow_the_rules(ctx: Context) -> None:
    # Ritual off so every key lands on the session screen.
    ctx.paths.config_file.write_text(
        '[session]\ntimezone = "Europe/Berlin"\n[ritual]\nafter = []\n', encoding="utf-8"
    )
    ctx = Context.open(ctx.paths, clock=ctx.clock)
    async with running(ctx) as (app, pilot):
        await press(pilot, "n", "m", "b", "f", "g", "v", "a")
        text = screen_text(app, COUNTERS)
        assert "Dials            7/40" in text
        assert "Conversations    4/10" in text
        assert "Meetings          1/2" in text
        assert "Rejections          1" in text
        recent = screen_text(app, ("recent",))
        assert recent.splitlines()[0].split()[1] == "no-answer"  # newest first
    logged = [e.outcome for e in stored(ctx, EventKind.OUTCOME)]
    assert logged == [
        Outcome.NO, Outcome.MEETING, Outcome.CALLBACK, Outcome.NOT_FIT,
        Outcome.GATEKEEPER, Outcome.VOICEMAIL, Outcome.NO_ANSWER,
    ]  # fmt: skip


async def test_undo_voids_the_latest_then_the_one_before(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "v")
        clock.advance(30)
        await press(pilot, "a")
        await press(pilot, "u")
        assert "Dials            1/40" in screen_text(app, COUNTERS)
        assert "Undone: no-answer" in said(app, "status")
        await press(pilot, "u")
        assert "Dials            0/40" in screen_text(app, COUNTERS)
        await press(pilot, "u")
        assert "Nothing to undo today" in said(app, "status")
    outcomes = stored(ctx, EventKind.OUTCOME)
    voids = stored(ctx, EventKind.VOID)
    assert [v.target for v in voids] == [outcomes[1].id, outcomes[0].id]
    assert len(outcomes) == 2  # nothing deleted


async def test_the_block_clock_pauses_and_resumes_and_time_up_never_switches_the_screen(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await tick(pilot, clock, 20 * 60)  # email first: no block yet, its clock stands full
        assert "Block 1:30:00 · first dial starts it" in screen_text(app, ("block-bar",))
        await press(pilot, "p")
        assert said(app, "status") == "The block has not started: your first call starts it."
        await press(pilot, "v")  # the first call starts the block and its clock
        clock.advance(60)
        await press(pilot, "p")
        await tick(pilot, clock, 600)
        bar = screen_text(app, ("block-bar",))
        assert "Block 0:01:00" in bar and "PAUSED" in bar
        await press(pilot, "p")
        await tick(pilot, clock, 30)
        assert "Block 0:01:30" in screen_text(app, ("block-bar",))
        await tick(pilot, clock, 90 * 60)  # past the block's 90 minutes of clock
        assert "Time's up" in screen_text(app, ("block-bar",))
        assert isinstance(app.screen, SessionScreen)
    kinds = [e.kind for e in stored(ctx)]
    assert kinds.count(EventKind.PAUSE) == 1 and kinds.count(EventKind.RESUME) == 1


def palette(app: CompanionApp) -> dict[str, str]:
    """What the command palette offers on the screen in front, title to words."""
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


async def test_command_palette_offers_every_action_of_the_screen_with_its_words(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        offered = palette(app)
        for binding in screen_keys(app.screen):  # its own keys and the app's call keys, when they work
            title = f"{binding.description} ({shown_key(binding, app.keys_in_force)})"
            if binding.action in ("close_warmup", "own_focus", "take_focus"):
                assert title not in offered, title  # no warm-up is open
                continue
            if app.screen.check_action(binding.action, ()) is False:  # as the footer: e or Enter
                assert title not in offered, title
                continue
            assert offered.get(title) == key_words(app.screen, binding) != "", title
        assert offered["No (n)"] == "a rejection: starts the reset"
        assert offered["budget (1)"] == "reason for the last no (until the next call)"
        assert "Export today" in offered and "History (h)" in offered
        assert "Quit (ctrl+q)" in offered and "Keys" not in offered  # `?` is the list of keys
        assert "End (e)" not in offered and "New (enter)" in offered  # no block before the first call
        await press(pilot, "o")  # the warm-up: now Esc closes it, and the palette offers that
        assert "Close (escape)" in palette(app)
        await press(pilot, "escape")
        assert "Close (escape)" not in palette(app)
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        offered = palette(app)
        assert offered["Meeting (m)"] == "once Dial is on; locked before"
        assert offered["budget (1)"] == "tag the no with this reason"  # the reset's own no


async def test_export_today_from_the_palette_then_from_the_summary_makes_two_files(ctx: Context) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "v")
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export today"]
        assert export.help == f"save today's calls as CSV in {shown_path(ctx.paths.exports_dir)}"
        export.callback()
        await until(pilot, lambda: "Saved " in screen_text(app, ("status",)))
        path = ctx.paths.exports_dir / "companion-2026-11-23.csv"
        assert screen_text(app, ("status",)) == f"Saved {shown_path(path)}"  # the whole path
        assert len((ctx.paths.exports_dir / "companion-2026-11-23.csv").read_text().splitlines()) == 2
        await press(pilot, "a", "e", "x")  # again, from the summary: a second file, never the first
        await until(pilot, lambda: len(list(ctx.paths.exports_dir.glob("*.csv"))) == 2)
        await press(pilot, "escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        await until(pilot, lambda: "Week of" in screen_text(app, ("history-weeks",)))
        await press(pilot, "escape")
        assert isinstance(app.screen, SessionScreen)
    files = sorted(ctx.paths.exports_dir.glob("*.csv"))
    assert [f.name for f in files] == ["companion-2026-11-23-2.csv", "companion-2026-11-23.csv"]
    for f, calls in zip(files, (2, 1), strict=True):  # the second has both calls
        lines = f.read_text().splitlines()
        assert lines[0] == ",".join(CSV_COLUMNS) and len(lines) == 1 + calls
        assert f.stat().st_mode & 0o777 == 0o600


async def test_an_export_beside_a_dialer_says_the_whole_path_over_two_lines(ctx: Context) -> None:
    """At 60 columns the path did not fit, and the line said "in the exports folder"."""
    async with running(ctx, (60, 24)) as (app, pilot):
        await press(pilot, "v")
        app.export_today()
        await until(pilot, lambda: "Saved " in screen_text(app, ("status",)))
        said_here = f"Saved {shown_path(ctx.paths.exports_dir / 'companion-2026-11-23.csv')}"
        assert screen_text(app, ("status",)) == said_here and len(said_here) > 58
        status = app.screen.query_one("#status")
        assert status.has_class("-long") and status.size.height >= 2  # wrapped, not cut
        await press(pilot, "a")
        assert not status.has_class("-long") and status.size.height == 1


async def test_restarting_the_same_day_resumes_the_block_with_its_counts(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (_app, pilot):
        await press(pilot, "v", "a")
    clock.advance(20 * 60)
    again = make_app(Context.open(ctx.paths, clock=clock))
    async with again.run_test(size=(60, 24)) as pilot:
        await ready(pilot)
        assert "Dials            2/40" in screen_text(again, COUNTERS)
        assert "Block 0:20:00" in screen_text(again, ("block-bar",))
    events = ctx.store.all_events()[0]
    assert [e.kind for e in events].count(EventKind.BLOCK_START) == 1
    assert [e.kind for e in events].count(EventKind.OUTCOME) == 2


async def test_notes_are_shown_literally_not_as_markup(ctx: Context) -> None:
    ctx.store.append(
        [make_event(EventKind.OUTCOME, START, outcome=Outcome.CALLBACK, note="[bold]call back[/bold] Tue")]
    )
    async with running(ctx, (120, 40)) as (app, _pilot):
        assert "[bold]call back[/bold] Tue" in screen_text(app, ("recent",))


async def test_a_store_that_cannot_be_read_is_reported_not_a_crash(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        with patch.object(type(ctx.store), "poll", side_effect=PermissionError(13, "Permission denied")):
            await poll(pilot)
        assert "Could not read new calls" in said(app, "status")
        await press(pilot, "v")
        assert "Dials            1/40" in screen_text(app, ("counters",))


async def test_calls_logged_while_the_day_opens_are_stored_at_once_and_count_once_it_is_open(
    ctx: Context,
) -> None:
    app = make_app(ctx)
    with slow_opening(ctx) as opening:
        async with app.run_test(size=(60, 24)) as pilot:
            await pilot.pause()
            app.runner.send(Tick())  # the app's first moment...
            await app.runner.drained()
            ctx.clock.advance(2)  # type: ignore[attr-defined]
            await pilot.press("v", "n", "p")  # ...then keys, before the day is open: they still flow
            await pilot.pause()
            await app.runner.drained()
            assert app.state.phase is Phase.OPENING
            calls = stored(ctx, EventKind.OUTCOME)
            assert [c.outcome for c in calls] == [Outcome.VOICEMAIL, Outcome.NO]  # durable already
            assert "that key counts in a moment" in said(app, "status")  # `p` needs the day
            assert "End" not in footer(app) and "New" not in footer(app)
            opening.set()
            await ready(pilot)
            assert isinstance(app.screen, RitualScreen)  # the no, still fresh, gets its reset
            assert app.state.day is not None and app.state.day.counts.dials == 2
            # The waiting `p` is answered once the day is open, as in any reset.
            assert said(app, "ritual-status") == "p pauses the block from the Dial step, or after s s."
    [block] = stored(ctx, EventKind.BLOCK_START)
    # Was: the block began when the app opened. Now (issue 22) with the first call, stored with it.
    assert block.at == calls[0].at and {c.session for c in calls} == {block.session}


async def test_keys_that_need_the_day_are_refused_out_loud_while_history_cannot_be_read(
    ctx: Context,
) -> None:
    app = make_app(ctx)
    failing = PermissionError(13, "Permission denied")
    with patch.object(type(ctx.store), "load", side_effect=failing):
        async with app.run_test(size=(60, 24)) as pilot:
            await ready(pilot)
            assert app.state.phase is Phase.UNREADABLE
            await press(pilot, "e")
            assert "Not done: could not read your history" in said(app, "status")
            await press(pilot, "m")  # a call still logs: it needs nothing from the past
            assert said(app, "status").startswith("Logged meeting")
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.MEETING]
    assert stored(ctx, EventKind.BLOCK_END) == []


async def test_midnight_starts_a_new_block_and_says_so(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "v")
        await tick(pilot, clock, timedelta(hours=14).total_seconds())  # 10:00 to 00:00 the next day
        # Was "New day: new block": the new day's block starts with its first call now.
        assert said(app, "status") == "New day: first call starts its block. Yesterday's is kept."
        assert "Dials            0/40" in screen_text(app, COUNTERS)
        assert "first dial starts it" in screen_text(app, ("block-bar",))
        await press(pilot, "a")
    first, second = [e for e in ctx.store.all_events()[0] if e.kind is EventKind.BLOCK_START]
    assert first.session != second.session


async def test_a_call_while_paused_or_outside_a_block_says_so(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "g", "p", "g")
        assert said(app, "status").endswith("· clock paused (p resumes)")
        await press(pilot, "e")
        await press(pilot, "escape", "g")
        # Was "· no block (Enter starts one)": a call after the end starts the next block now.
        assert said(app, "status") == "Logged gatekeeper · 10:00"
        assert "Block 0:00:00 · 90 min left" in screen_text(app, ("block-bar",))
        await press(pilot, "q")
        assert "ctrl+q quits" in said(app, "status")
        assert "Dials            3/40" in screen_text(app, COUNTERS)  # all counted: the day's totals


async def test_a_note_on_the_last_no_from_the_session_screen(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        assert not app.screen.query("#note-input")  # built on first use, not on the way up
        await press(pilot, "t")
        assert said(app, "status") == "No call today yet: a note goes on today's latest call."
        await press(pilot, "n", "s", "s", "t")
        assert isinstance(app.screen, SessionScreen)
        await write(pilot, "asked for Q2", "enter")
        assert "Note saved." in said(app, "status")
        assert "“asked for Q2”" in screen_text(app, ("recent",))
    [tag] = stored(ctx, EventKind.TAG)
    assert tag.note == "asked for Q2"


async def test_a_paste_too_long_for_a_note_is_refused_out_loud_never_with_the_bell(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        rang: list[bool] = []
        app.bell = lambda: rang.append(True)  # type: ignore[method-assign]
        await press(pilot, "n", "s", "s", "t")
        box = app.screen.query_one("#note-input", Input)
        box.insert_text_at_cursor("short start ")
        box.insert_text_at_cursor("x" * NOTE_MAX)  # a paste that would not fit whole
        await settle(pilot)
        assert box.value == "short start "  # kept whole, never cut
        assert said(app, "status") == "Not added: a note holds up to 2,000 characters."
        assert rang == []
        await press(pilot, "enter")
    [tag] = stored(ctx, EventKind.TAG)
    assert tag.note == "short start"


async def test_history_for_a_new_rep_is_one_line_not_a_wall_of_zeros(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "h")
        await until(pilot, lambda: "Week of" in screen_text(app, ("history-weeks",)))
        weeks = screen_text(app, ("history-weeks",)).splitlines()
        days = screen_text(app, ("history-days",)).splitlines()
        assert len(weeks) == 2 and weeks[1].startswith("23 Nov 2026")
        assert days[1].startswith("Mon 23 Nov") and "Nothing logged yet" in days[-1]
        assert not any(line.startswith("Sun 22 Nov") for line in days)


async def test_the_footer_offers_end_during_a_block_and_new_block_after(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await until(pilot, lambda: "New" in footer(app))  # opening starts no block (issue 22)
        assert "End" not in footer(app)
        await press(pilot, "v")  # the first call starts it
        await until(pilot, lambda: "End" in footer(app))  # the footer recomposes after a refresh
        assert "New" not in footer(app)
        await press(pilot, "enter")  # off while a block is open: it says why, once
        assert said(app, "status") == "A block is open already; e ends it."
        await press(pilot, "e")
        assert said(app, "summary-status") == "Block ended. Enter starts a new one."  # `e` acted once
        await press(pilot, "escape")
        await until(pilot, lambda: "New" in footer(app))
        assert "End" not in footer(app)
        await press(pilot, "e")
        assert said(app, "status") == "No block is open: your next call starts one."
        await press(pilot, "enter")
        await until(pilot, lambda: "End" in footer(app))
    assert len(stored(ctx, EventKind.BLOCK_START)) == 2
    assert len(stored(ctx, EventKind.BLOCK_END)) == 1


async def test_the_counters_history_and_the_summary_follow_a_call_logged_elsewhere(ctx: Context) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        other = Context.open(ctx.paths, clock=ctx.clock)  # as `companion log` would
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.MEETING, source="cli")])
        await poll(pilot)  # the app's timer does this twice a second
        assert "Meetings          1/2" in screen_text(app, COUNTERS)
        await press(pilot, "v", "h")
        await until(pilot, lambda: "Week of" in screen_text(app, ("history-weeks",)))
        assert "Mon 23 Nov" in screen_text(app, ("history-days",))
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.MEETING, source="cli")])
        await poll(pilot)
        await until(pilot, lambda: _day_line(app).split()[4] == "3")  # Mon 23 Nov ... dials 3
        await press(pilot, "escape", "e")
        assert isinstance(app.screen, SummaryScreen)
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.CALLBACK, source="cli")])
        await poll(pilot)
        dials = next(line for line in screen_text(app, ("summary-table",)).splitlines() if "Dials" in line)
        assert dials.split()[2] == "4"  # Block, Today, Target: today counts the call from elsewhere


def _day_line(app: CompanionApp) -> str:
    return next(line for line in screen_text(app, ("history-days",)).splitlines() if "23 Nov" in line)


async def test_an_outcome_key_logs_from_history_and_help_and_a_no_there_resets_then_comes_back_here(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "v", "h")
        assert isinstance(app.screen, HistoryScreen)
        assert said(app, "history-status") == ""  # that line was for the session screen
        await press(pilot, "v")  # the call ended while the rep looked back: the same minute,
        assert said(app, "history-status") == "Logged voicemail · 10:00"  # the same words, news
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "a")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen)
        assert [type(s) for s in app.screen_stack] == [SessionScreen, RitualScreen]  # history gave way
        await tick(pilot, clock, 21)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert "Dials            4/40" in screen_text(app, COUNTERS)
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [
        Outcome.VOICEMAIL,
        Outcome.VOICEMAIL,
        Outcome.NO_ANSWER,
        Outcome.NO,
    ]


async def test_a_hard_no_with_help_open_logs_it_and_opens_the_long_reset(ctx: Context) -> None:
    # N was bound on the screens but not on help: with help open it did nothing and said nothing.
    async with running(ctx) as (app, pilot):
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "N")
        assert isinstance(app.screen, RitualScreen)
        assert [type(s) for s in app.screen_stack] == [SessionScreen, RitualScreen]  # help gave way
        assert screen_text(app, ("ritual-title",)) == "Perspective"  # the long reset's first step
    [no] = stored(ctx, EventKind.OUTCOME)
    assert (no.outcome, no.hard) == (Outcome.NO, True)


def together(app: CompanionApp, *keys: str) -> None:
    """Keys that arrive in one write (a fast hand, a dialer's macro, a paste): queued before the
    app handles the first."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_pressed_together_reach_the_session_in_the_order_pressed(
    ctx: Context, clock: FrozenClock
) -> None:
    # A call key once went ahead of the key pressed just before it: `u m` voided the meeting,
    # Enter at Dial then a call left the reset untimed, a reason then a call lost the reason.
    async with running(ctx) as (app, pilot):
        await press(pilot, "v")
        together(app, "u", "m")
        await until(pilot, lambda: len(stored(ctx, EventKind.VOID)) == 1)
        [voicemail, meeting] = stored(ctx, EventKind.OUTCOME)
        assert (voicemail.outcome, meeting.outcome) == (Outcome.VOICEMAIL, Outcome.MEETING)
        assert [e.target for e in stored(ctx, EventKind.VOID)] == [voicemail.id]
        assert "Meetings          1/2" in screen_text(app, COUNTERS)
        await press(pilot, "n")
        await tick(pilot, clock, 30)  # at Dial
        together(app, "1", "enter", "a")
        await until(pilot, lambda: len(stored(ctx, EventKind.OUTCOME)) == 4)
        [no] = [e for e in stored(ctx, EventKind.OUTCOME) if e.outcome is Outcome.NO]
        assert [e.reason for e in stored(ctx, EventKind.TAG) if e.target == no.id] == ["budget"]
        [ended] = stored(ctx, EventKind.RITUAL)
        assert ended.recovery_s is not None  # Enter at Dial timed it before the next call came
        assert isinstance(app.screen, SessionScreen)


def all_subclasses(cls: type[Screen[Any]]) -> list[type[Screen[Any]]]:
    found = cls.__subclasses__()
    return found + [deeper for sub in found for deeper in all_subclasses(sub)]


def test_the_call_keys_are_bound_once_on_the_app_and_nowhere_else() -> None:
    from companion.tui.keymap import screens
    from companion.tui.outcome_keys import CALL_IDS

    assert {b.id for b in CompanionApp.BINDINGS if isinstance(b, Binding)} >= CALL_IDS
    screens()  # loads every screen the app opens
    ours = [c for c in all_subclasses(Screen) if c.__module__.startswith("companion.tui.screens")]
    assert len(ours) >= 9, ours
    for screen in ours:
        assert not {b.id for b in screen.BINDINGS if isinstance(b, Binding)} & CALL_IDS, screen
        # A modal screen keeps the app's bindings from its keys: the call keys would stop there.
        assert not issubclass(screen, ModalScreen), screen
    assert all({b.id for b in found} >= CALL_IDS for name, found in screens().items() if name != "the app")


async def test_an_outcome_key_on_the_summary_logs_the_call_for_the_day(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "v")
        clock.advance(60)
        await press(pilot, "e")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "m")
        assert isinstance(app.screen, SummaryScreen)
        assert said(app, "summary-status") == "Logged meeting · 10:01"  # (it starts the next block)
        dials = next(line for line in screen_text(app, ("summary-table",)).splitlines() if "Dials" in line)
        # Block (of its own 20), Today: the block is over; the day counts it.
        assert dials.split()[1:3] == ["1/20", "2"]
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.VOICEMAIL, Outcome.MEETING]


async def test_the_other_screens_styles_are_read_after_the_first_frame_not_on_their_first_key(
    ctx: Context,
) -> None:
    async with running(ctx, warm=True) as (app, pilot):
        await until(pilot, lambda: app._collector.holding)  # the start is over
        read = stylesheet_files(app)
        assert {"app.tcss", "ritual.tcss", "reports.tcss", "help.tcss", "around.tcss"} <= read
        with no_second_parse(app):
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await press(pilot, "escape", "h")
            assert isinstance(app.screen, HistoryScreen)
            await press(pilot, "escape", "n")
            assert isinstance(app.screen, RitualScreen)
