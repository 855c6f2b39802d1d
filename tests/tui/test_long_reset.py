"""The long reset after a hard no (`N`), driven through Pilot with the clock advanced: its three
first steps (Perspective, So what, Story), the story named in its own box, and how the reset
ends: Enter at Dial, an outcome key there, or `companion dial` run elsewhere."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.tui.app import CompanionApp
from companion.tui.screens.ritual import RitualScreen
from companion.tui.screens.session import SessionScreen
from companion.tui.widgets.note_box import NoteBox
from tests.conftest import START
from tests.tui.conftest import poll, press, running, said, screen_text, stored, tick, write
from tests.unit.test_status_fits import STATUS_CELLS_AT_60

BODY = ("ritual-title", "ritual-count", "ritual-main", "ritual-detail")
# The default [ritual] lengths: perspective 20, so what 20, story 30, breathe 10, reframe 5,
# review 5; Dial opens 90 s after the no.
STORY_ENDS_S = 70.0
DIAL_OPENS_S = 90.0
HORIZONS = ("In a week:", "In a month:", "In a career:")
STORY = "I always blow the opener"


async def step(pilot: Pilot[int], app: CompanionApp, clock: FrozenClock, seconds: float) -> str:
    """Move the clock on; the reset is still in front: its body's text."""
    await tick(pilot, clock, seconds)
    assert isinstance(app.screen, RitualScreen)
    return screen_text(app, BODY)


def horizons(text: str) -> list[str]:
    return [h for h in HORIZONS if h in text]


def the_box(app: CompanionApp) -> NoteBox:
    return app.screen.query_one(NoteBox)


def the_no(ctx: Context) -> Event:
    [no] = [e for e in stored(ctx, EventKind.OUTCOME) if e.outcome is Outcome.NO]
    return no


def mark_dialling_elsewhere(ctx: Context, no: Event, after_s: float) -> None:
    """What `companion dial` stores when run `after_s` after the no: its own process, its own
    handle on the journal."""
    other = Context.open(ctx.paths, clock=ctx.clock)
    at = START + timedelta(seconds=after_s)
    other.store.append([make_event(EventKind.DIAL, at, target=no.id, session=no.session, source="cli")])


def status_text(app: CompanionApp) -> tuple[str, int]:
    """The status line of the screen in front, and the cells it has for text."""
    line = app.screen.query_one("#ritual-status" if isinstance(app.screen, RitualScreen) else "#status")
    return screen_text(app, (line.id or "",)), line.content_region.width


async def test_hard_no_walks_perspective_so_what_story_and_enter_at_dial_times_it(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "N")
        assert isinstance(app.screen, RitualScreen)
        assert said(app, "ritual-bar") == " Long reset after a hard no at 10:00"
        assert said(app, "ritual-steps") == "● Perspective ○ ○ ○ ○ ○ ○  1 of 7"  # 60 columns
        assert said(app, "ritual-status") == "Logged no (hard) · 10:00"
        # Room for every untimed ending's line (tests/unit/test_status_fits.py) on the reset...
        assert status_text(app)[1] >= STATUS_CELLS_AT_60
        text = screen_text(app, BODY)
        assert text.startswith("Perspective\n20s") and "What did that call actually change?" in text
        assert app.screen.focused is None  # no box yet: keys are the reset's

        text = await step(pilot, app, clock, 19.9)
        assert text.startswith("Perspective\n1s")
        text = await step(pilot, app, clock, 0.1)
        assert text.startswith("So what\n20s") and horizons(text) == ["In a week:"]
        assert said(app, "ritual-steps") == "✓ ● So what ○ ○ ○ ○ ○  2 of 7"
        text = await step(pilot, app, clock, 7.0)  # a third of the step gone: the second
        assert horizons(text) == ["In a week:", "In a month:"]
        text = await step(pilot, app, clock, 12.5)  # late in the step: all three
        assert text.startswith("So what\n1s") and horizons(text) == list(HORIZONS)
        assert app.screen.focused is None

        text = await step(pilot, app, clock, 0.5)  # 40 s: Story, with its box open and focused
        assert text.startswith("Story\n30s") and "One line: Enter keeps it" in text
        assert said(app, "ritual-steps") == "✓ ✓ ● Story ○ ○ ○ ○  3 of 7"
        box = the_box(app)
        assert box.is_open and box.has_focus and box.purpose == "story"
        await write(pilot, STORY, "enter")  # `n`, `b`... typed as text, not logged as calls
        assert not box.is_open and app.screen.focused is None
        text = screen_text(app, BODY)
        assert f"The story “{STORY}”" in text and "Name it in one line" not in text
        assert "The data  Today 1/10 conversations · 0/2 meetings" in text  # set beside it
        assert "let it go" not in text
        [tag] = stored(ctx, EventKind.TAG)
        assert (tag.target, tag.story, tag.note) == (the_no(ctx).id, STORY, None)

        text = await step(pilot, app, clock, STORY_ENDS_S - 40.0)
        assert text.startswith("Breathe") and not box.is_open  # named once: not asked again
        text = await step(pilot, app, clock, DIAL_OPENS_S - STORY_ENDS_S)
        assert text.startswith("Dial")
        await tick(pilot, clock, 3.2)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert said(app, "status") == "Recovered in 1m33s from the no. Next one."
    no = the_no(ctx)
    assert no.hard is True
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO]
    assert len(stored(ctx, EventKind.TAG)) == 1
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.target == no.id and ritual.ritual is RitualEnd.COMPLETED
    assert (ritual.recovery_s, ritual.hesitation_s) == (93.2, 3.2)


async def story_typed(pilot: Pilot[int], app: CompanionApp, clock: FrozenClock) -> None:
    """A hard no, and STORY typed in the Story step's box, not entered."""
    await press(pilot, "N")
    await step(pilot, app, clock, 45)
    await write(pilot, STORY)


async def test_a_story_typed_but_not_entered_is_kept_when_the_step_ends_and_a_key_at_dial_is_untimed(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await story_typed(pilot, app, clock)
        assert stored(ctx, EventKind.TAG) == []  # typing alone stores nothing
        text = await step(pilot, app, clock, STORY_ENDS_S - 45 - 0.1)
        assert text.startswith("Story") and the_box(app).value == STORY  # still the rep's to finish
        text = await step(pilot, app, clock, 0.1)
        assert text.startswith("Breathe")
        assert not the_box(app).is_open and app.screen.focused is None
        [tag] = stored(ctx, EventKind.TAG)
        assert (tag.target, tag.story) == (the_no(ctx).id, STORY)

        await step(pilot, app, clock, DIAL_OPENS_S - STORY_ENDS_S + 2)
        await press(pilot, "m")  # the next call ended before Enter: logged, the reset done
        assert isinstance(app.screen, SessionScreen)
        status = screen_text(app, ("status",))
        assert status == "Logged meeting · not timed (Enter at Dial times it)"
    no = the_no(ctx)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.target == no.id and ritual.ritual is RitualEnd.COMPLETED
    assert ritual.recovery_s is None and ritual.hesitation_s is None  # not measured: no dial mark
    assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.NO, Outcome.MEETING]


async def test_a_story_typed_but_not_entered_is_kept_when_the_app_quits(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await story_typed(pilot, app, clock)
        await pilot.press("ctrl+q")
        await app.runner.drained()
    [tag] = stored(ctx, EventKind.TAG)
    assert (tag.target, tag.story) == (the_no(ctx).id, STORY)
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.ritual is RitualEnd.INTERRUPTED  # the story first, then the quit's ending
    assert [e.kind for e in stored(ctx)].index(EventKind.TAG) < [e.kind for e in stored(ctx)].index(
        EventKind.RITUAL
    )


async def test_escape_in_the_story_box_saves_nothing_and_a_dial_mark_before_dial_closes_untimed(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "N")
        await step(pilot, app, clock, 41)
        await write(pilot, "not now", "escape")
        box = the_box(app)
        assert not box.is_open and app.screen.focused is None
        text = await step(pilot, app, clock, STORY_ENDS_S - 41)  # Story ends: nothing to keep
        assert text.startswith("Breathe") and not box.is_open

        mark_dialling_elsewhere(ctx, the_no(ctx), after_s=STORY_ENDS_S + 2)
        await tick(pilot, clock, 5)  # the app reads it a little later, still before Dial
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen) and len(app.screen_stack) == 1
        status, width = status_text(app)
        assert status == "Dialled elsewhere before Dial: reset closed, not timed."
        assert width >= STATUS_CELLS_AT_60  # ...and on the session screen
    assert stored(ctx, EventKind.TAG) == []
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.target == the_no(ctx).id and ritual.ritual is RitualEnd.INTERRUPTED
    assert ritual.recovery_s is None and ritual.hesitation_s is None


async def test_a_dial_mark_from_elsewhere_at_dial_times_the_recovery_at_the_mark(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "N")
        await step(pilot, app, clock, DIAL_OPENS_S + 2)
        mark_dialling_elsewhere(ctx, the_no(ctx), after_s=DIAL_OPENS_S + 4)
        await step(pilot, app, clock, 20)  # read 18 s after it was marked: timed by the mark
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen) and len(app.screen_stack) == 1
        assert said(app, "status") == "Dial marked elsewhere · recovered in 1m34s from the no."
    [ritual] = stored(ctx, EventKind.RITUAL)
    assert ritual.target == the_no(ctx).id and ritual.ritual is RitualEnd.COMPLETED
    assert (ritual.recovery_s, ritual.hesitation_s) == (DIAL_OPENS_S + 4, 4.0)


async def test_a_story_typed_when_the_reset_is_closed_from_elsewhere_is_kept(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await story_typed(pilot, app, clock)
        mark_dialling_elsewhere(ctx, the_no(ctx), after_s=46)  # the dialer's hook, mid-sentence
        await tick(pilot, clock, 2)
        await poll(pilot)
        assert isinstance(app.screen, SessionScreen)
    assert [tag.story for tag in stored(ctx, EventKind.TAG)] == [STORY]


async def test_a_note_being_typed_is_saved_as_story_opens_and_a_stray_key_is_never_a_story(
    ctx: Context, clock: FrozenClock
) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "N")
        await press(pilot, "t")  # a note on the no, begun in Perspective
        await write(pilot, "froze on price")
        await step(pilot, app, clock, 41)  # Story opens: the note is kept, the box is the story's
        assert the_box(app).is_open and the_box(app).purpose == "story"
        await write(pilot, "s")  # a key meant for the reset, typed into the box
        text = await step(pilot, app, clock, STORY_ENDS_S - 41)
        assert text.startswith("Breathe") and not the_box(app).is_open
    [tag] = stored(ctx, EventKind.TAG)
    assert (tag.note, tag.story) == ("froze on price", None)
