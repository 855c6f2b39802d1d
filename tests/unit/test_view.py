"""The session screen's snapshot: the day's counters, the open block, pace and recovery."""

from __future__ import annotations

from datetime import UTC, timedelta

from companion.core.events import RitualEnd
from companion.core.ledger import Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.view import RECENT, day_view
from tests.unit.helpers import (
    BERLIN,
    DAY,
    block_end,
    block_start,
    many,
    outcome,
    pause,
    resume,
    ritual,
    t,
    void,
)

TARGETS = Targets(dials=40, conversations=10, meetings=2)
BLOCK_MINUTES = 90


def test_counters_show_the_days_totals_from_every_source() -> None:
    ledger = Ledger(
        [
            outcome(Outcome.NO, t(8), source="cli"),  # before any block
            block_start("s", t(9)),
            outcome(Outcome.MEETING, t(9, 5), session="s", source="app"),
            outcome(Outcome.VOICEMAIL, t(9, 6), source="import"),
            outcome(Outcome.NO, t(9, day=DAY - timedelta(days=1))),  # yesterday
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(9, 30).astimezone(UTC))
    assert view.today == DAY
    assert (view.counts.dials, view.counts.conversations, view.counts.meetings, view.counts.rejections) == (
        3,
        2,
        1,
        1,
    )


def test_no_block_means_no_clock_and_no_pace() -> None:
    view = day_view(Ledger([outcome(Outcome.NO, t(9))]), BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert view.block is None
    assert view.pace is None
    assert view.elapsed_s == 0.0
    assert not view.paused
    assert not view.time_up


def test_block_clock_runs_without_pauses_and_shows_time_up() -> None:
    events = [block_start("s", t(9)), pause("s", t(9, 30)), resume("s", t(9, 40))]
    ledger = Ledger(events)
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert view.block is not None
    assert view.elapsed_s == 50 * 60
    assert view.left_s == 40 * 60
    assert not view.time_up
    late = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(10, 40))
    assert late.left_s == 0
    assert late.time_up
    paused = day_view(Ledger([*events, pause("s", t(10))]), BERLIN, TARGETS, BLOCK_MINUTES, t(11))
    assert paused.paused
    assert paused.elapsed_s == 50 * 60


def test_an_ended_block_is_not_shown_and_yesterdays_open_block_is_not_resumed() -> None:
    ledger = Ledger(
        [
            block_start("old", t(16, day=DAY - timedelta(days=1))),
            block_start("s", t(9)),
            block_end("s", t(10)),
        ]
    )
    assert day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(11)).block is None


def test_pace_spreads_the_blocks_own_target_from_its_first_call() -> None:
    # Was: the day's 30 still needed, over the block. Now (issue 22) the block's own target:
    # the 30 still needed shared over the two blocks planned, 15; with one block a day, all 30.
    ledger = Ledger(
        [
            *many(Outcome.NO_ANSWER, 10, t(8)),  # before the block: 30 still needed at 9:00
            block_start("s", t(9)),
            *many(Outcome.VOICEMAIL, 12, t(9)),
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(9, 45))
    assert view.pace is not None and view.block_target == 15
    assert (view.pace.target, view.pace.expected, view.pace.done, view.pace.ahead) == (15, 7.5, 12, 4.5)
    alone = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(9, 45), blocks_per_day=1)
    assert alone.pace is not None and alone.block_target == 30
    assert (alone.pace.target, alone.pace.expected, alone.pace.done, alone.pace.ahead) == (30, 15.0, 12, -3.0)


def test_pace_of_a_second_block_counts_only_its_own_dials() -> None:
    ledger = Ledger(
        [
            block_start("a", t(8)),
            *many(Outcome.NO_ANSWER, 25, t(8, 1)),
            block_end("a", t(9)),
            outcome(Outcome.NO, t(9, 30)),  # between blocks: counts toward the day
            block_start("b", t(14)),
            *many(Outcome.VOICEMAIL, 4, t(14, 1)),
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(14, 30))
    assert view.block is not None
    assert view.block.id == "b"
    assert view.pace is not None
    # The last of the two planned blocks takes all the day still needs: 40 - 26.
    assert (view.pace.target, view.pace.done) == (14, 4)
    assert view.counts.dials == 30


def test_a_block_past_the_planned_ones_takes_what_the_day_still_needs() -> None:
    ledger = Ledger(
        [
            *(
                e
                for n, h in enumerate((8, 10, 12))
                for e in (
                    block_start(f"b{n}", t(h)),
                    *many(Outcome.NO, 5, t(h)),
                    block_end(f"b{n}", t(h, 30)),
                )
            ),
            block_start("last", t(15)),
            outcome(Outcome.NO, t(15)),
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(15, 5), blocks_per_day=3)
    assert view.block_target == 25  # 40 - 15 before it; 3 blocks already: one left, never none


def test_a_block_started_with_enter_is_paced_on_its_clock_from_enter() -> None:
    """The rep began the block with Enter: its clock runs from then, and its pace with it, so
    the two never disagree (a call-started block's start is its first call)."""
    start = block_start("s", t(9))
    view = day_view(Ledger([start]), BERLIN, TARGETS, BLOCK_MINUTES, t(9, 45))
    assert view.block is not None and view.block_target == 20
    assert view.elapsed_s == 45 * 60 and view.block_calls_s == ()
    assert view.pace is not None and (view.pace.elapsed_s, view.pace.expected, view.pace.done) == (
        45 * 60,
        10.0,
        0,
    )
    called = Ledger([start, outcome(Outcome.NO, t(9, 40)), outcome(Outcome.NO, t(10))])
    later = day_view(called, BERLIN, TARGETS, BLOCK_MINUTES, t(10, 21))
    assert later.pace is not None and later.pace.elapsed_s == later.elapsed_s == 81 * 60
    assert (later.pace.expected, later.pace.done) == (18.0, 2)
    assert later.block_calls_s == (40 * 60.0, 60 * 60.0)


def test_a_block_after_the_days_dials_are_done_has_nothing_to_make_and_says_the_day_is_met() -> None:
    ledger = Ledger([*many(Outcome.NO_ANSWER, 45, t(7)), block_start("s", t(9)), outcome(Outcome.NO, t(9))])
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(9, 30))
    assert view.pace is not None and view.block_target == 0
    assert (view.pace.target, view.pace.expected, view.pace.day_met) == (0, 0.0, True)


def test_the_day_met_inside_a_block_is_said_on_its_pace() -> None:
    events = [block_start("s", t(9)), *many(Outcome.VOICEMAIL, 39, t(9), step_s=30)]
    before = day_view(Ledger(events), BERLIN, TARGETS, BLOCK_MINUTES, t(9, 30))
    assert before.pace is not None and not before.pace.day_met
    met = day_view(Ledger([*events, outcome(Outcome.NO, t(9, 25))]), BERLIN, TARGETS, BLOCK_MINUTES, t(9, 30))
    assert met.pace is not None and met.pace.day_met and met.pace.target == 20


def test_recent_lists_the_latest_live_outcomes_newest_first() -> None:
    calls = many(Outcome.NO, RECENT + 3, t(9))
    undone = calls[-1]
    ledger = Ledger([*calls, void(undone, t(10)), outcome(Outcome.NO, t(9, day=DAY - timedelta(days=1)))])
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert view.recent == tuple(reversed(calls[-RECENT - 1 : -1]))
    assert len(view.recent) == RECENT


def test_last_no_is_todays_latest_outcome_only_when_it_is_a_no() -> None:
    no = outcome(Outcome.NO, t(9))
    assert day_view(Ledger([no]), BERLIN, TARGETS, BLOCK_MINUTES, t(10)).last_no == no
    after = outcome(Outcome.VOICEMAIL, t(9, 5))
    assert day_view(Ledger([no, after]), BERLIN, TARGETS, BLOCK_MINUTES, t(10)).last_no is None


def test_recovery_shows_todays_last_and_median_completed_rituals() -> None:
    nos = many(Outcome.NO, 5, t(9))
    yesterday = DAY - timedelta(days=1)
    old_no = outcome(Outcome.NO, t(9, day=yesterday))
    ledger = Ledger(
        [
            *nos,
            old_no,
            ritual(old_no, t(9, 1, day=yesterday), recovery_s=100.0, hesitation_s=80.0),
            ritual(nos[0], t(9, 0, 30), recovery_s=30.0, hesitation_s=10.0),
            ritual(nos[1], t(9, 1, 30), recovery_s=10.0, hesitation_s=0.0),
            ritual(nos[2], t(9, 2, 30), RitualEnd.SKIPPED, recovery_s=1.0),
            ritual(nos[3], t(9, 3, 30), recovery_s=14.0, hesitation_s=4.0),
            ritual(nos[4], t(9, 4, 30)),  # completed by the next call's key: not timed
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert view.last_recovery_s == 14.0
    # Yesterday's counts in the last 7 days: 0, 4, 10 and 80 s.
    assert (view.median_hesitation_s, view.measured, view.seven_day_median_hesitation_s) == (4.0, 3, 7.0)
    assert view.timed_today == ((nos[0].at, 10.0), (nos[1].at, 0.0), (nos[3].at, 4.0))


def test_the_blocks_calls_are_placed_on_the_block_clock_without_its_pauses() -> None:
    events = [
        outcome(Outcome.NO, t(8, 50)),  # before the block: not on its chart
        block_start("s", t(9)),
        outcome(Outcome.NO, t(9, 10)),
        pause("s", t(9, 20)),
        resume("s", t(9, 30)),
        outcome(Outcome.VOICEMAIL, t(9, 40)),
    ]
    view = day_view(Ledger(events), BERLIN, TARGETS, BLOCK_MINUTES, t(9, 45))
    # On the block clock, as its pace counts: 9:10 is 10 minutes in, 9:40 thirty (a pause out).
    assert view.block_calls_s == (600.0, 1800.0)
    assert day_view(Ledger(events[:1]), BERLIN, TARGETS, BLOCK_MINUTES, t(9, 45)).block_calls_s == ()


def test_week_counts_and_nos_per_yes_on_the_live_screen() -> None:
    sunday = DAY - timedelta(days=1)
    ledger = Ledger(
        [
            outcome(Outcome.MEETING, t(9, day=sunday)),  # last week, inside 7 days
            *many(Outcome.NO, 3, t(9, day=sunday)),
            outcome(Outcome.MEETING, t(9)),
            *many(Outcome.NO, 5, t(10)),
        ]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(11))
    assert view.week.dials == 6
    assert view.week.meetings == 1
    assert view.nos_per_yes == 4.0  # 10 dials, 2 meetings over the 7 days ending today


def test_the_view_follows_the_reps_day_not_utc() -> None:
    # 00:30 in Berlin is still the previous day in UTC; the counters are already the new day's.
    ledger = Ledger(
        [outcome(Outcome.NO, t(0, 10)), outcome(Outcome.NO, t(23, 50, day=DAY - timedelta(days=1)))]
    )
    view = day_view(ledger, BERLIN, TARGETS, BLOCK_MINUTES, t(0, 30).astimezone(UTC))
    assert view.today == DAY
    assert view.counts.dials == 1


def test_without_a_block_the_view_says_what_a_block_started_now_would_aim_at() -> None:
    assert day_view(Ledger([]), BERLIN, TARGETS, BLOCK_MINUTES, t(8)).next_target == 20
    morning = [block_start("a", t(8)), *many(Outcome.NO_ANSWER, 25, t(8)), block_end("a", t(9))]
    after = day_view(Ledger(morning), BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert (after.block, after.block_target, after.next_target) == (None, None, 15)
    done = day_view(Ledger(many(Outcome.NO_ANSWER, 40, t(8))), BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert done.next_target == 0
    open_now = day_view(Ledger([block_start("b", t(9))]), BERLIN, TARGETS, BLOCK_MINUTES, t(10))
    assert (open_now.block_target, open_now.next_target) == (20, 0)  # the open block has its own


def test_a_block_without_a_call_does_not_use_up_one_of_the_days_blocks() -> None:
    """Enter then `e` with nothing logged: the next block still aims at half the day's 40."""
    empty = [block_start("a", t(9)), block_end("a", t(9, 5))]
    view = day_view(Ledger([*empty, block_start("b", t(10))]), BERLIN, TARGETS, BLOCK_MINUTES, t(10, 1))
    assert view.block_target == 20
    called = [block_start("a", t(9)), outcome(Outcome.NO, t(9, 1)), block_end("a", t(9, 5))]
    view = day_view(Ledger([*called, block_start("b", t(10))]), BERLIN, TARGETS, BLOCK_MINUTES, t(10, 1))
    assert view.block_target == 39  # one block of two used: the 39 still needed, all in this one


def test_the_week_standing_counts_every_call_from_monday_against_the_days_over() -> None:
    """Thursday: Monday to Wednesday are over (120 of 200 due); the Sunday before is another
    week, a voided call counts nowhere, and today's calls make up for the days before."""
    thursday = DAY + timedelta(days=3)
    calls = [
        *many(Outcome.VOICEMAIL, 50, t(9)),
        *many(Outcome.NO_ANSWER, 40, t(9, day=DAY + timedelta(days=2))),
    ]
    calls.append(outcome(Outcome.NO, t(9, day=DAY - timedelta(days=1))))  # last week's Sunday
    undone = outcome(Outcome.NO, t(10, day=thursday))
    calls += [undone, void(undone, t(10, 1, day=thursday)), *many(Outcome.VOICEMAIL, 5, t(11, day=thursday))]
    view = day_view(Ledger(calls), BERLIN, TARGETS, BLOCK_MINUTES, t(12, day=thursday))
    standing = view.week_standing
    assert (standing.done, standing.target, standing.due, standing.behind) == (95, 200, 120, 25)
    assert standing.words() == "25 dials behind this week. Each call takes one off."
    mine = day_view(Ledger(calls), BERLIN, Targets(week_dials=150), BLOCK_MINUTES, t(12, day=thursday))
    assert (mine.week_standing.due, mine.week_standing.verdict.value) == (90, "on-track")
