"""The numbers game: no's per yes, pace against an even spread, medians, targets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.numbers import Targets, block_target, median_or_none, nos_per_yes, pace

BLOCK_S = 90 * 60.0


# -- no's per yes --------------------------------------------------------------------------


def test_two_hundred_dials_and_ten_meetings_cost_nineteen_nos_each() -> None:
    assert nos_per_yes(200, 10) == 19.0


def test_the_same_formula_over_conversations_gives_four_at_a_twenty_percent_close_rate() -> None:
    assert nos_per_yes(50, 10) == 4.0


@pytest.mark.parametrize("dials", [0, 1, 57])
def test_no_meetings_means_no_rate(dials: int) -> None:
    assert nos_per_yes(dials, 0) is None


@pytest.mark.parametrize(
    ("dials", "meetings", "expected"), [(7, 3, 1.3), (3, 3, 0.0), (41, 2, 19.5), (10, 1, 9.0)]
)
def test_nos_per_yes_is_rounded_to_a_tenth(dials: int, meetings: int, expected: float) -> None:
    assert nos_per_yes(dials, meetings) == expected


@settings(max_examples=100, database=None)
@given(st.integers(1, 10_000), st.integers(0, 10_000))
def test_nos_per_yes_is_the_nos_over_the_yeses(meetings: int, nos: int) -> None:
    result = nos_per_yes(nos + meetings, meetings)
    assert result is not None
    assert abs(result - nos / meetings) <= 0.05 + 1e-9


# -- pace ----------------------------------------------------------------------------------


def test_halfway_through_the_block_half_the_target_dials_are_expected() -> None:
    p = pace(target=40, done=25, elapsed_s=BLOCK_S / 2, block_s=BLOCK_S)
    assert p.expected == 20.0
    assert p.ahead == 5.0
    assert p.target == 40
    assert p.done == 25


def test_behind_the_spread_is_negative() -> None:
    p = pace(target=30, done=6, elapsed_s=BLOCK_S / 3, block_s=BLOCK_S)
    assert p.expected == pytest.approx(10.0)
    assert p.ahead == pytest.approx(-4.0)


def test_expected_dials_stop_at_the_block_length() -> None:
    over = pace(target=40, done=38, elapsed_s=BLOCK_S * 2, block_s=BLOCK_S)
    assert over.expected == 40.0
    assert over.ahead == -2.0


def test_when_the_target_is_zero_every_dial_is_ahead() -> None:
    p = pace(target=0, done=3, elapsed_s=600, block_s=BLOCK_S)
    assert p.expected == 0.0
    assert p.ahead == 3.0
    assert pace(target=-5, done=0, elapsed_s=600, block_s=BLOCK_S).target == 0  # target already beaten


def test_a_zero_length_block_expects_everything_at_once() -> None:
    assert pace(target=12, done=0, elapsed_s=0, block_s=0).expected == 12.0


@settings(max_examples=100, database=None)
@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.floats(0, 4 * BLOCK_S, allow_nan=False),
    st.floats(0, 4 * BLOCK_S, allow_nan=False),
)
def test_expected_is_an_even_spread_capped_at_the_target(
    target: int, done: int, elapsed_s: float, later_s: float
) -> None:
    p = pace(target, done, elapsed_s, BLOCK_S)
    assert 0 <= p.expected <= target
    assert p.expected == pytest.approx(target * min(1.0, elapsed_s / BLOCK_S))
    assert p.ahead == pytest.approx(done - p.expected)
    if later_s >= elapsed_s:
        assert pace(target, done, later_s, BLOCK_S).expected >= p.expected


def test_the_first_block_of_two_gets_half_the_day_rounded_up() -> None:
    assert block_target(40, dials_before=0, blocks_before=0, blocks_per_day=2) == 20
    assert block_target(41, dials_before=0, blocks_before=0, blocks_per_day=2) == 21


def test_a_later_block_shares_what_is_still_needed_over_the_blocks_left() -> None:
    assert block_target(40, dials_before=25, blocks_before=1, blocks_per_day=2) == 15
    assert block_target(60, dials_before=10, blocks_before=1, blocks_per_day=3) == 25
    # Past the planned blocks: never fewer than one left, so it takes all that is still needed.
    assert block_target(40, dials_before=30, blocks_before=2, blocks_per_day=2) == 10
    assert block_target(40, dials_before=30, blocks_before=5, blocks_per_day=2) == 10


def test_a_block_after_the_day_target_is_met_has_no_dials_to_make() -> None:
    assert block_target(40, dials_before=40, blocks_before=1, blocks_per_day=2) == 0
    assert block_target(40, dials_before=52, blocks_before=0, blocks_per_day=2) == 0


@settings(max_examples=200, database=None)
@given(st.integers(0, 300), st.integers(0, 400), st.integers(0, 8), st.integers(1, 8))
def test_the_blocks_left_share_what_is_needed_and_together_cover_it(
    day_target: int, before: int, started: int, per_day: int
) -> None:
    target = block_target(day_target, before, started, per_day)
    needed = max(0, day_target - before)
    left = max(1, per_day - started)
    assert 0 <= target <= needed
    assert target * left >= needed  # rounded up: the blocks left at this target meet the day
    assert (target - 1) * left < needed or target == 0  # and no more than that


def test_pace_carries_its_clock_and_whether_the_day_is_met() -> None:
    p = pace(target=20, done=21, elapsed_s=600, block_s=BLOCK_S, day_met=True)
    assert (p.elapsed_s, p.block_s, p.day_met) == (600, BLOCK_S, True)
    assert pace(target=20, done=0, elapsed_s=-5, block_s=BLOCK_S).elapsed_s == 0.0


# -- medians and targets -------------------------------------------------------------------


def test_median_or_none() -> None:
    assert median_or_none([]) is None
    assert median_or_none([12.0]) == 12.0
    assert median_or_none([30.0, 10.0, 20.0]) == 20.0
    assert median_or_none([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert median_or_none([1.04, 1.06]) == 1.1
    assert median_or_none(x for x in (4.0, 8.0)) == 6.0


def test_targets_default_to_the_design_values_and_a_week_is_five_working_days_of_them() -> None:
    targets = Targets()
    assert targets.as_dict() == {"dials": 40, "conversations": 10, "meetings": 2}
    assert targets.week().as_dict() == {
        "dials": 200,
        "conversations": 50,
        "meetings": 10,
    }  # the source's week
    assert Targets(30, 8, 1).week().as_dict() == {"dials": 150, "conversations": 40, "meetings": 5}


def test_a_week_target_set_in_the_config_wins_over_five_days_of_the_days() -> None:
    mine = Targets(30, 8, 1, week_dials=120, week_meetings=3)
    assert mine.week().as_dict() == {"dials": 120, "conversations": 40, "meetings": 3}
    assert mine.as_dict() == {"dials": 30, "conversations": 8, "meetings": 1}  # the day's stay
