"""The Breathe step's pace: whole breaths that exactly fill the step and end on an out-breath;
and the shape drawn from it, growing and shrinking with the breath."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from companion.core.breath import DEFAULT_BREATH, DEFAULT_BREATHS, breath_phase, pace_breaths
from companion.tui.widgets.breath import breath_shape, breath_words

STEPS = st.floats(min_value=1.0, max_value=600.0)
LENGTHS = st.floats(min_value=0.5, max_value=20.0)


def phase(*args: float, breaths: int = 0) -> tuple[str, float]:
    """breath_phase as words and fullness to 6 places, to compare whole."""
    inhaling, fullness = breath_phase(*args, breaths=breaths)
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


def test_three_breaths_fill_the_default_ten_seconds_by_default() -> None:
    """The source's three deep breaths in its ten seconds: the pattern gives the ratio."""
    assert DEFAULT_BREATHS == 3
    breaths, paced_in, paced_out = pace_breaths(10.0, *DEFAULT_BREATH, DEFAULT_BREATHS)
    assert (breaths, round(paced_in, 9), round(paced_out, 9)) == (3, 1.333333333, 2.0)
    turns = [phase(at, 10.0, *DEFAULT_BREATH, breaths=3)[0] for at in (0.5, 2.0, 3.8, 5.3, 7.2, 8.5)]
    assert turns == ["in", "out", "in", "out", "in", "out"]


@given(STEPS, LENGTHS, LENGTHS, st.integers(min_value=1, max_value=20))
def test_a_set_number_of_breaths_fills_the_step_keeps_the_ratio_and_ends_on_an_exhale(
    step: float, inhale: float, exhale: float, breaths: int
) -> None:
    counted, paced_in, paced_out = pace_breaths(step, inhale, exhale, breaths)
    assert counted == breaths
    assert math.isclose(breaths * (paced_in + paced_out), step, rel_tol=0, abs_tol=1e-9)
    assert math.isclose(paced_in / paced_out, inhale / exhale, rel_tol=1e-9)
    inhaling, fullness = breath_phase(step - 1e-6, step, inhale, exhale, breaths=breaths)
    assert not inhaling and fullness < 1e-3


def test_zero_breaths_is_as_many_of_the_pattern_as_fit() -> None:
    assert pace_breaths(30.0, *DEFAULT_BREATH, 0) == pace_breaths(30.0, *DEFAULT_BREATH) == (3, 4.0, 6.0)
    with pytest.raises(ValueError, match="a breath needs time"):
        pace_breaths(10.0, *DEFAULT_BREATH, -1)


def test_a_breathe_step_of_no_length_shows_an_empty_out_breath() -> None:
    assert breath_phase(0.0, 0.0) == (False, 0.0)
    with pytest.raises(ValueError, match="a breath needs time"):
        pace_breaths(0.0, *DEFAULT_BREATH)


# -- the shape drawn from it ------------------------------------------------------------------------


def extent(shape: Content) -> tuple[int, int]:
    """(columns, lines) the blob covers: its dots, not the blank canvas around them."""
    lines = [line for line in shape.plain.split("\n") if line.strip()]
    columns = [n for line in lines for n, char in enumerate(line) if char != " "]
    return (max(columns) - min(columns) + 1 if columns else 0), len(lines)


def test_the_shape_grows_in_width_and_height_breathing_in_and_shrinks_breathing_out() -> None:
    # The default pattern in a 10 s step: in for 4 s, out for 6 s.
    sizes = [extent(breath_shape(at, 14, 5)) for at in (0.2, 1.5, 2.5, 4.0, 6.0, 7.5, 9.8)]
    rising, falling = sizes[:4], sizes[3:]
    assert all(a[0] < b[0] and a[1] <= b[1] for a, b in pairwise(rising)), sizes
    assert all(a[0] > b[0] and a[1] >= b[1] for a, b in pairwise(falling)), sizes
    assert sizes[0][1] < sizes[3][1]  # taller at the top of the breath, not only wider
    assert sizes[3] == (14, 5)  # full: it fills the canvas asked for


def test_the_shape_never_vanishes_and_keeps_its_canvas() -> None:
    for at in (0.0, 10.0, 99.0):
        shape = breath_shape(at, 14, 5)
        assert extent(shape) > (0, 0)  # the eye keeps its place at the bottom of a breath
        assert [len(line) for line in shape.plain.split("\n")] == [14] * 5  # centred as one block
    assert breath_shape(0.0, 14, 5, 0.0).plain.strip()  # a step of no length: still a dot


def test_in_and_out_have_colours_and_words_of_their_own() -> None:
    inhale, exhale = breath_shape(2.0, 14, 5), breath_shape(7.0, 14, 5)
    assert {s.style for s in inhale.spans} == {"$primary"}
    assert {s.style for s in exhale.spans} == {"$secondary"}
    assert breath_words(2.0).plain == "Breathe in…"
    assert breath_words(7.0).plain == "…and out"
    assert breath_words(7.0, alone=True).plain.strip() == "…and out"
    # Three breaths in the step: the second in-breath is under way at 4 s.
    assert breath_words(4.0, 10.0, DEFAULT_BREATH, 3).plain == "Breathe in…"
    assert extent(breath_shape(4.0, 14, 5, 10.0, DEFAULT_BREATH, 3)) < (14, 5)
