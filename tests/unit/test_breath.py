"""The Breathe step's pace: whole breaths that exactly fill the step and end on an out-breath."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.breath import DEFAULT_BREATH, breath_phase, pace_breaths

STEPS = st.floats(min_value=1.0, max_value=600.0)
LENGTHS = st.floats(min_value=0.5, max_value=20.0)


def phase(*args: float) -> tuple[str, float]:
    """breath_phase as words and fullness to 6 places, to compare whole."""
    inhaling, fullness = breath_phase(*args)
    return ("in" if inhaling else "out"), round(fullness, 6)


@given(STEPS, LENGTHS, LENGTHS)
def test_whole_breaths_fill_the_step_exactly_and_keep_the_ratio(
    step: float, inhale: float, exhale: float
) -> None:
    breaths, paced_in, paced_out = pace_breaths(step, inhale, exhale)
    assert breaths >= 1
    assert math.isclose(breaths * (paced_in + paced_out), step, rel_tol=0, abs_tol=1e-9)
    assert math.isclose(paced_in / paced_out, inhale / exhale, rel_tol=1e-9)
    # the nearest whole number of breaths: scaled by no more than half a breath's worth
    assert abs(step / (inhale + exhale) - breaths) <= 0.5 + 1e-9 or breaths == 1


@given(STEPS, LENGTHS, LENGTHS)
def test_the_step_ends_at_the_bottom_of_an_exhale(step: float, inhale: float, exhale: float) -> None:
    inhaling, fullness = breath_phase(step, step, inhale, exhale)
    assert not inhaling and fullness == pytest.approx(0, abs=1e-9)
    inhaling, fullness = breath_phase(step - 1e-6, step, inhale, exhale)
    assert not inhaling and fullness < 1e-3  # the last moments are the end of an out-breath


@given(STEPS, LENGTHS, LENGTHS)
def test_the_last_breath_ends_exactly_at_the_step_end(step: float, inhale: float, exhale: float) -> None:
    _, paced_in, paced_out = pace_breaths(step, inhale, exhale)
    last_start = step - (paced_in + paced_out)
    assert phase(last_start + paced_in / 2, step, inhale, exhale) == ("in", 0.5)
    assert phase(step - paced_out / 2, step, inhale, exhale) == ("out", 0.5)
    _, fullness = breath_phase(step - paced_out, step, inhale, exhale)
    assert fullness == pytest.approx(1, abs=1e-6)  # full at the turn, then out to the very end


@given(STEPS, LENGTHS, LENGTHS, st.floats(min_value=-10.0, max_value=700.0))
def test_fullness_stays_between_empty_and_full(step: float, inhale: float, exhale: float, at: float) -> None:
    _, fullness = breath_phase(at, step, inhale, exhale)
    assert 0.0 <= fullness <= 1.0


def test_time_outside_the_step_is_clamped() -> None:
    assert breath_phase(-3.0, 10.0) == (True, 0.0)
    assert breath_phase(99.0, 10.0) == (False, 0.0)


def test_the_default_pattern_is_four_in_six_out_and_fills_the_default_step() -> None:
    assert DEFAULT_BREATH == (4.0, 6.0)
    assert pace_breaths(10.0, *DEFAULT_BREATH) == (1, 4.0, 6.0)
    assert pace_breaths(30.0, *DEFAULT_BREATH) == (3, 4.0, 6.0)
    breaths, paced_in, paced_out = pace_breaths(12.0, *DEFAULT_BREATH)
    assert (breaths, round(paced_in, 9), round(paced_out, 9)) == (1, 4.8, 7.2)  # stretched, not cut
    assert phase(2.0, 10.0) == ("in", 0.5)
    assert phase(4.0, 10.0)[1] == 1.0
    assert phase(7.0, 10.0) == ("out", 0.5)


def test_a_breathe_step_of_no_length_shows_an_empty_out_breath() -> None:
    assert breath_phase(0.0, 0.0) == (False, 0.0)
    with pytest.raises(ValueError, match="a breath needs time"):
        pace_breaths(0.0, *DEFAULT_BREATH)
