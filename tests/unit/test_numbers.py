"""The numbers game: no's per yes, pace against an even spread, medians, targets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.numbers import Targets, median_or_none, nos_per_yes, pace

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


def test_halfway_through_the_block_half_the_needed_dials_are_expected() -> None:
    p = pace(needed=40, done=25, elapsed_s=BLOCK_S / 2, block_s=BLOCK_S)
    assert p.expected == 20.0
    assert p.ahead == 5.0
    assert p.needed == 40
    assert p.done == 25


def test_behind_the_spread_is_negative() -> None:
    p = pace(needed=30, done=6, elapsed_s=BLOCK_S / 3, block_s=BLOCK_S)
    assert p.expected == pytest.approx(10.0)
    assert p.ahead == pytest.approx(-4.0)


def test_expected_dials_stop_at_the_block_length() -> None:
    over = pace(needed=40, done=38, elapsed_s=BLOCK_S * 2, block_s=BLOCK_S)
    assert over.expected == 40.0
    assert over.ahead == -2.0


def test_when_nothing_is_needed_every_dial_is_ahead() -> None:
    p = pace(needed=0, done=3, elapsed_s=600, block_s=BLOCK_S)
    assert p.expected == 0.0
    assert p.ahead == 3.0
    assert pace(needed=-5, done=0, elapsed_s=600, block_s=BLOCK_S).needed == 0  # target already beaten


def test_a_zero_length_block_expects_everything_at_once() -> None:
    assert pace(needed=12, done=0, elapsed_s=0, block_s=0).expected == 12.0


@settings(max_examples=100, database=None)
@given(
    st.integers(0, 500),
    st.integers(0, 500),
    st.floats(0, 4 * BLOCK_S, allow_nan=False),
    st.floats(0, 4 * BLOCK_S, allow_nan=False),
)
def test_expected_is_an_even_spread_capped_at_needed(
    needed: int, done: int, elapsed_s: float, later_s: float
) -> None:
    p = pace(needed, done, elapsed_s, BLOCK_S)
    assert 0 <= p.expected <= needed
    assert p.expected == pytest.approx(needed * min(1.0, elapsed_s / BLOCK_S))
    assert p.ahead == pytest.approx(done - p.expected)
    if later_s >= elapsed_s:
        assert pace(needed, done, later_s, BLOCK_S).expected >= p.expected


# -- medians and targets -------------------------------------------------------------------


def test_median_or_none() -> None:
    assert median_or_none([]) is None
    assert median_or_none([12.0]) == 12.0
    assert median_or_none([30.0, 10.0, 20.0]) == 20.0
    assert median_or_none([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert median_or_none([1.04, 1.06]) == 1.1
    assert median_or_none(x for x in (4.0, 8.0)) == 6.0


def test_targets_default_to_the_design_values_and_scale_by_days() -> None:
    targets = Targets()
    assert targets.as_dict() == {"dials": 40, "conversations": 10, "meetings": 2}
    assert Targets(30, 8, 1).scaled(5).as_dict() == {"dials": 150, "conversations": 40, "meetings": 5}
