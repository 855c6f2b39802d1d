"""The reset's schedule on an injected clock: steps, deadlines, stalls. (What keys do during a
reset is tested with the session controller, in test_session_ritual.py.)"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.reframes import REFRAMES, next_reframe, rate_line
from companion.core.ritual import RitualSchedule, RitualStep
from companion.tui.text import balanced

NO_AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def ritual(breathe: float = 10, reframe: float = 5, review: float = 5) -> RitualSchedule:
    return RitualSchedule(NO_AT, breathe, reframe, review)


def later(seconds: float) -> datetime:
    return NO_AT + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("elapsed", "step", "left"),
    [
        (0.0, RitualStep.BREATHE, 10.0),
        (9.99, RitualStep.BREATHE, 0.01),
        (10.0, RitualStep.REFRAME, 5.0),
        (14.5, RitualStep.REFRAME, 0.5),
        (15.0, RitualStep.REVIEW, 5.0),
        (20.0, RitualStep.DIAL, 0.0),
        (27.5, RitualStep.DIAL, 7.5),  # in Dial, `left_s` counts the wait up
    ],
)
def test_steps_follow_their_deadlines(elapsed: float, step: RitualStep, left: float) -> None:
    moment = ritual().at(later(elapsed))
    assert moment.step is step
    assert moment.left_s == pytest.approx(left)


def test_a_three_second_stall_does_not_stretch_a_step() -> None:
    r = ritual()
    before = r.at(later(8.0))
    # The loop stalls for 3 s; the next look is at 11 s and must be a second into Reframe.
    after = r.at(later(8.0 + 3.0))
    assert before.step is RitualStep.BREATHE
    assert after.step is RitualStep.REFRAME
    assert after.step_elapsed_s == pytest.approx(1.0)


@settings(max_examples=100)
@given(
    st.floats(0, 30), st.floats(0, 30), st.floats(0, 30), st.lists(st.floats(0, 120), min_size=1, max_size=20)
)
def test_the_step_depends_only_on_the_time_asked(
    breathe: float, reframe: float, review: float, looks: list[float]
) -> None:
    """However the ticks fall (any order, any gaps), each instant gives the same answer."""
    r = ritual(breathe, reframe, review)
    fresh = {t: r.at(later(t)) for t in looks}
    for t in sorted(looks, reverse=True):
        assert r.at(later(t)) == fresh[t]
    for t in looks:
        expected = (
            RitualStep.BREATHE
            if t < breathe
            else RitualStep.REFRAME
            if t < breathe + reframe
            else RitualStep.REVIEW
            if t < breathe + reframe + review
            else RitualStep.DIAL
        )
        # Float sums at the exact boundaries can fall either side; away from them they must agree.
        boundaries = (breathe, breathe + reframe, breathe + reframe + review)
        if all(abs(t - b) > 1e-6 for b in boundaries):
            assert fresh[t].step is expected


def test_zero_length_steps_are_passed_straight_through() -> None:
    assert ritual(0, 0, 0).at(NO_AT).step is RitualStep.DIAL
    assert ritual(0, 5, 0).at(NO_AT).step is RitualStep.REFRAME


def test_dial_opens_when_the_timed_steps_are_done() -> None:
    r = ritual()
    assert r.dial_from == later(20)
    assert r.step_began(RitualStep.REVIEW) == later(15)
    assert r.step_began(RitualStep.DIAL) == later(20)


def test_a_clock_that_steps_back_stays_at_the_start() -> None:
    moment = ritual().at(later(-5))
    assert moment.step is RitualStep.BREATHE and moment.left_s == 10.0


def test_there_are_at_least_twenty_reframes_and_none_repeats_back_to_back() -> None:
    assert len(set(REFRAMES)) >= 20
    rng = random.Random(4)
    previous = None
    for _ in range(500):
        line = next_reframe(previous, rng, nos_per_yes=19.0)
        assert line != previous
        previous = line


def test_the_numbers_reframe_quotes_the_last_7_days_in_other_dials_never_in_nos() -> None:
    line = rate_line(19.0)
    assert line is not None and "Last 7 days: 19 other dials for each meeting" in line
    assert "no's" not in line and "this week" not in line.lower()
    assert all(len(part) <= 56 for part in balanced(line, 56).split("\n"))
    assert rate_line(None) is None
    seen = {next_reframe(None, random.Random(n), nos_per_yes=19.0) for n in range(200)}
    assert line in seen
