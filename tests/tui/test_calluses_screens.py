"""The callus ladder and the after-effect of a no on the history and summary screens, from a
hand-made history: what the rep reads, and that it waits for enough calls before it speaks."""

from __future__ import annotations

from datetime import timedelta

from companion.context import Context
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.tui.screens.history import HistoryScreen
from companion.tui.screens.summary import SummaryScreen
from tests.conftest import START
from tests.tui.conftest import press, running, screen_text, until


def day_of_calls(ctx: Context, days_ago: int, pairs: int, *, connects: bool, hesitation_s: float) -> None:
    """`pairs` no's, each followed by a call (a callback when `connects`, else a voicemail),
    each no's reset timed with `hesitation_s` at Dial; a day `days_ago` before START."""
    at = START - timedelta(days=days_ago, hours=1)
    events: list[Event] = []
    for _ in range(pairs):
        no = make_event(EventKind.OUTCOME, at, outcome=Outcome.NO, source="cli")
        ending = make_event(
            EventKind.RITUAL, at + timedelta(seconds=20 + hesitation_s), target=no.id,
            ritual=RitualEnd.COMPLETED, recovery_s=20 + hesitation_s, hesitation_s=hesitation_s, source="app",
        )  # fmt: skip
        after = Outcome.CALLBACK if connects else Outcome.VOICEMAIL
        nxt = make_event(EventKind.OUTCOME, at + timedelta(seconds=90), outcome=after, source="cli")
        events += [no, ending, nxt]
        at += timedelta(minutes=3)
    ctx.store.add(events)


async def test_the_history_shows_the_ladder_by_week_and_waits_to_tell_the_after_effect(ctx: Context) -> None:
    day_of_calls(ctx, 14, 3, connects=True, hesitation_s=45)  # two weeks ago: under a minute
    day_of_calls(ctx, 0, 3, connects=True, hesitation_s=3)  # this week: immediately
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        await until(pilot, lambda: "Callus ladder" in screen_text(app, ("history-ladder",)))
        ladder = screen_text(app, ("history-ladder",)).splitlines()
        minute = next(line for line in ladder if "under a minute" in line)
        now = next(line for line in ladder if "immediately" in line)
        # Oldest week on the left: the dot climbs from "under a minute" to "immediately".
        assert minute.index("●") < now.index("●")
        assert "(6 in all)" in ladder[-1]
        after = screen_text(app, ("history-after",))
        assert "told once 20 calls in 4 weeks have followed a no (6 so far)" in after.replace("\n", " ")


async def test_the_summary_tells_the_after_effect_once_twenty_calls_followed_a_no(ctx: Context) -> None:
    day_of_calls(ctx, 1, 12, connects=False, hesitation_s=8)
    day_of_calls(ctx, 2, 10, connects=False, hesitation_s=8)
    async with running(ctx, (120, 40)) as (app, pilot):
        await press(pilot, "n", "enter")  # a no today, its reset skipped past: not needed here
        await press(pilot, "s", "s", "e")
        assert isinstance(app.screen, SummaryScreen)
        await until(pilot, lambda: "After a no" in screen_text(app, ("summary-recovery",)))
        text = " ".join(screen_text(app, ("summary-recovery",)).split())
        # 22 calls after a no, none connected; the others (the no's themselves) all did.
        assert "After a no you connect 0% of the time, otherwise 100%" in text
        assert "it follows you into the next call" in text
        assert "Wait at Dial today: none timed yet" in text  # today's reset was skipped: nothing timed
