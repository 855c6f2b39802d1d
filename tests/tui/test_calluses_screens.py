"""The callus ladder and the after-effect of a no on the history and summary screens, from a
hand-made history: what the rep reads, and that no verdict is told below its sample."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion.context import Context
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.tui.screens.history import HistoryScreen
from companion.tui.screens.summary import SummaryScreen
from tests.conftest import START
from tests.tui.conftest import press, running, screen_text, until

N, B, M, V = Outcome.NO, Outcome.CALLBACK, Outcome.MEETING, Outcome.VOICEMAIL


def day_of_calls(ctx: Context, days_ago: int, pairs: int, *, connects: bool, hesitation_s: float) -> None:
    """`pairs` no's, each followed by a call (a callback when `connects`, else a voicemail),
    each no's reset timed with `hesitation_s` at Dial after its 20 s of steps; a day `days_ago`
    before START."""
    at = START - timedelta(days=days_ago, hours=1)
    events: list[Event] = []
    for _ in range(pairs):
        no = make_event(EventKind.OUTCOME, at, outcome=N, source="cli")
        ending = make_event(
            EventKind.RITUAL, at + timedelta(seconds=20 + hesitation_s), target=no.id,
            ritual=RitualEnd.COMPLETED, recovery_s=20 + hesitation_s, hesitation_s=hesitation_s, source="app",
        )  # fmt: skip
        after = B if connects else V
        nxt = make_event(EventKind.OUTCOME, at + timedelta(seconds=90), outcome=after, source="cli")
        events += [no, ending, nxt]
        at += timedelta(minutes=3)
    ctx.store.add(events)


def coffee_after_a_no(ctx: Context, days_ago: int) -> None:
    """A no at 14:00, `p` for a coffee a minute on (the block paused), the next call at 15:30."""
    at = (START - timedelta(days=days_ago)).replace(hour=14, minute=0)
    no = make_event(EventKind.OUTCOME, at, outcome=N, source="app", session="s")
    ctx.store.add(
        [
            make_event(EventKind.BLOCK_START, at - timedelta(minutes=5), session="s", source="app"),
            no,
            make_event(
                EventKind.RITUAL, at + timedelta(minutes=1), target=no.id, ritual=RitualEnd.INTERRUPTED
            ),
            make_event(EventKind.PAUSE, at + timedelta(minutes=1), session="s", source="app"),
            make_event(EventKind.OUTCOME, at + timedelta(minutes=90), outcome=V, source="cli"),
        ]
    )


def calls_from(ctx: Context, at: datetime, outcomes: list[Outcome]) -> None:
    """Calls 30 s apart from `at`, logged elsewhere (no reset)."""
    ctx.store.add(
        [
            make_event(EventKind.OUTCOME, at + timedelta(seconds=30 * n), outcome=o, source="cli")
            for n, o in enumerate(outcomes)
        ]
    )


async def test_the_history_shows_the_ladder_by_week_on_a_dated_axis(ctx: Context) -> None:
    day_of_calls(ctx, 14, 3, connects=True, hesitation_s=45)  # two weeks ago: 65 s, "5 minutes"
    day_of_calls(ctx, 0, 3, connects=True, hesitation_s=3)  # this week: 23 s, "at once"
    coffee_after_a_no(ctx, 7)  # last week: 90 minutes, "the morning"
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        await until(pilot, lambda: "Callus ladder" in screen_text(app, ("history-ladder",)))
        ladder = screen_text(app, ("history-ladder",)).splitlines()
        rows = {line[:12].strip(): line[12:].split() for line in ladder[1:6]}
        # Oldest week on the left, one column a week: 09 Nov, 16 Nov, 23 Nov.
        assert rows == {
            "the morning": ["·", "1", "·"],
            "an hour": ["·", "·", "·"],
            "15 minutes": ["·", "·", "·"],
            "5 minutes": ["3", "·", "·"],
            "at once": ["·", "·", "3"],
        }
        axis = ladder[6]
        assert axis.split() == ["week", "of", "09", "Nov", "16", "Nov", "23", "Nov"]  # each week dated
        # Each count stands over its own week's date, right-aligned with it.
        assert ladder[4].index("3") == axis.index("09 Nov") + 5
        assert ladder[1].index("1") == axis.index("16 Nov") + 5
        assert ladder[5].index("3") == axis.index("23 Nov") + 5
        assert "7 no's placed." in ladder[-1]
        after = " ".join(screen_text(app, ("history-after",)).split())
        assert "The call after a no (last 4 weeks)" in after
        assert "Not told yet: it needs 20 conversations after a no (has 6)" in after
        assert "and 20 on your other calls (has 7)" in after


async def test_the_summary_says_the_no_follows_on_meetings_though_connects_rise(ctx: Context) -> None:
    """The seen case: connecting more after a no while booking far less. The verdict goes by
    meetings per conversation; connects stand beside it as context."""
    pattern = [N, B] * 38 + [N, M] * 2 + [M] * 30 + [V] * 40
    calls_from(ctx, (START - timedelta(days=1)).replace(hour=9), pattern)
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "n", "enter")  # a no today, its reset skipped past: not needed here
        await press(pilot, "s", "s", "e")
        assert isinstance(app.screen, SummaryScreen)
        await until(pilot, lambda: "After a no" in screen_text(app, ("summary-recovery",)))
        text = " ".join(screen_text(app, ("summary-recovery",)).split())
        # After a no: 40 conversations, 2 meetings. Otherwise 71: the 40 no's, the 30 meetings
        # and today's no (a day's first call), over 111 calls with the 40 voicemails.
        assert "The no follows you: 5% of conversations booked after a no, 42% otherwise." in text
        assert (
            "Meetings per conversation, the last 4 weeks: 5% (2 of 40) after a no, 42% (30 of 71) otherwise."
            in text
        )
        assert "Connected 100% after a no (40 calls), 64% otherwise (111): context, not the verdict." in text
        assert "Wait at Dial today: none timed yet" in text  # today's reset was skipped: nothing timed
        assert "Ladder today: none placed yet (1 no without a time" in text


async def test_the_summary_waits_below_the_sample_and_says_how_many_it_has(ctx: Context) -> None:
    day_of_calls(ctx, 1, 12, connects=True, hesitation_s=8)
    async with running(ctx, (60, 24)) as (app, pilot):
        await press(pilot, "n", "enter")
        await press(pilot, "s", "s", "e")
        assert isinstance(app.screen, SummaryScreen)
        await until(pilot, lambda: "After a no" in screen_text(app, ("summary-recovery",)))
        text = " ".join(screen_text(app, ("summary-recovery",)).split())
        assert "Not told yet: it needs 20 conversations after a no (has 12)" in text
        assert "The no follows you" not in text and "not following" not in text
