"""What the rep sees of `[ritual] gate` and of the wait at Dial standing still while they write,
driven through Pilot with the clock advanced. The rules are unit-tested with the controller
(tests/unit/test_session_gate.py, test_session_writing.py)."""

from __future__ import annotations

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.tui.app import CompanionApp
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from tests.conftest import START, write_config
from tests.tui.conftest import poll, press, running, said, screen_text, stored, tick, write
from tests.tui.test_help_fits import short_of


def palette(app: CompanionApp) -> dict[str, str]:
    """What the command palette offers on the screen in front, title to words."""
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


def let_through(ctx: Context) -> Context:
    write_config(ctx.paths.config_dir, '[ritual]\ngate = "let-through"\n')
    return Context.open(ctx.paths, clock=ctx.clock)


async def test_hold_keeps_the_steps_and_says_why_naming_the_setting(ctx: Context, clock: FrozenClock) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 4)
        assert palette(app)["Meeting (m)"] == "once Dial is on; locked before"
        await press(pilot, "m")
        assert isinstance(app.screen, RitualScreen)
        assert said(app, "ritual-status") == 'Not logged: Dial opens in 16s ([ritual] gate = "hold").'
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO]


async def test_let_through_logs_the_call_and_the_reset_is_cut_short(ctx: Context, clock: FrozenClock) -> None:
    async with running(let_through(ctx), (120, 40)) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 4)
        assert palette(app)["Meeting (m)"] == "at once; before Dial: cut short"
        await press(pilot, "m")
        assert isinstance(app.screen, SessionScreen)
        assert said(app, "status") == "Logged meeting · reset cut short"
        assert "Meetings          1/2" in screen_text(app, ("counters",))
        await press(pilot, "e")  # the summary counts it on its own
        assert "1 cut short" in screen_text(app, ("summary-recovery",))
    assert [e.ritual for e in stored(ctx, EventKind.RITUAL)] == [RitualEnd.CUT_SHORT]


async def test_let_through_a_no_opens_its_own_reset_the_help_says_so_and_a_call_from_elsewhere_cuts_it(
    ctx: Context, clock: FrozenClock
) -> None:
    """At 60x24: a no in Breathe opens its own reset; `?` says what the call keys do on one line
    each; a call the dialer logs in the next reset's timed steps cuts that one short too."""
    async with running(let_through(ctx), (60, 24)) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 2)
        await press(pilot, "n")
        assert isinstance(app.screen, RitualScreen) and len(app.screen_stack) == 2
        assert app.screen.state is not None and app.screen.state.ritual is not None
        assert app.screen.state.ritual.no_id == stored(ctx, EventKind.OUTCOME)[-1].id
        assert screen_text(app, ("ritual-title", "ritual-count")).startswith("Breathe\n10s")
        assert said(app, "ritual-status") == "Logged no · reset cut short"
        origin = pilot.app.screen  # (app.screen is narrowed to the reset above)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert short_of(app, origin) == []
        assert "at once; before Dial: cut short" in screen_text(app, ("help-keys",))
        await press(pilot, "escape")
        await tick(pilot, clock, 10)
        other = Context.open(ctx.paths, clock=ctx.clock)
        other.store.append(
            [make_event(EventKind.OUTCOME, clock.now(), outcome=Outcome.VOICEMAIL, source="cli")]
        )
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert said(app, "status") == "voicemail logged elsewhere: reset cut short."
    assert [e.ritual for e in stored(ctx, EventKind.RITUAL)] == [RitualEnd.CUT_SHORT] * 2


async def test_the_wait_at_dial_stands_still_while_a_note_is_written(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "n")
        await tick(pilot, clock, 30)  # Dial opened at 20 s
        assert screen_text(app, ("ritual-count",)) == "waiting 10s"
        await press(pilot, "t")
        await write(pilot, "rushed the opener")
        await tick(pilot, clock, 6)
        assert screen_text(app, ("ritual-count",)) == "waiting 10s · paused while you write"
        await press(pilot, "enter")  # the note is saved, the box closes
        await tick(pilot, clock, 2)
        assert isinstance(app.screen, RitualScreen)
        assert screen_text(app, ("ritual-count",)) == "waiting 12s"
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert (ritual.recovery_s, ritual.hesitation_s) == (38.0, 12.0)
    [tag] = stored(ctx, EventKind.TAG)
    assert tag.note == "rushed the opener"
    assert ritual.at > START


async def test_a_note_still_open_as_a_call_cuts_the_reset_short_holds_the_next_resets_wait(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(let_through(ctx)) as (app, pilot):
        await press(pilot, "n", "t")
        await write(pilot, "budget again")
        other = Context.open(ctx.paths, clock=ctx.clock)
        theirs = make_event(EventKind.OUTCOME, clock.now(), outcome=Outcome.NO, source="cli")
        other.store.append([theirs])
        await poll(pilot)  # the dialer logged the next no: its own reset, the note still open
        assert isinstance(app.screen, RitualScreen) and app.screen.state is not None
        assert app.screen.state.ritual is not None and app.screen.state.ritual.no_id == theirs.id
        await tick(pilot, clock, 25)
        assert screen_text(app, ("ritual-count",)) == "waiting 0s · paused while you write"
        await press(pilot, "enter")
        await tick(pilot, clock, 3)
        assert screen_text(app, ("ritual-count",)) == "waiting 3s"
