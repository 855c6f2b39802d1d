"""The Reframe step's words: every line carries a coaching seed, the first reset says the script,
lines never repeat back to back, and a rep's own reframes.txt is read with care."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.reframes import (
    OWN_REFRAME_MAX,
    OWN_REFRAMES_MAX,
    REFRAMES,
    SCRIPT,
    SEEDED,
    ReframesError,
    Seed,
    next_reframe,
    parse_own_reframes,
    rate_line,
)
from companion.tui.text import balanced

WHERE = "reframes.txt"


def test_every_seed_is_carried_by_a_line_and_every_line_names_its_seed() -> None:
    assert {seed for seed, _ in SEEDED} == set(Seed)
    assert all(isinstance(seed, Seed) and line for seed, line in SEEDED)
    assert tuple(line for _, line in SEEDED) == REFRAMES


def test_the_pool_is_short_plain_and_distinct() -> None:
    assert 16 <= len(REFRAMES) <= 22
    assert len(set(REFRAMES)) == len(REFRAMES)
    for line in REFRAMES:
        assert len(line) <= 110, line
        assert all(len(part) <= 56 for part in balanced(line, 56).split("\n")), line


def test_lines_that_carried_no_seed_are_gone() -> None:
    gone = (
        "That part was yours",
        "A clear no beats a maybe",
        "surrounded by no's",
        "needs exactly what you offer",
    )
    assert not [line for line in REFRAMES if any(words in line for words in gone)]


def test_the_script_comes_first_in_the_reps_own_voice() -> None:
    assert REFRAMES[0] == SCRIPT
    assert SEEDED[0] == (Seed.ONE_DATA_POINT, SCRIPT)
    assert "I'm" in SCRIPT and "one data point" in SCRIPT


def test_the_first_reset_of_a_run_shows_the_script() -> None:
    for n in range(20):
        assert next_reframe(None, random.Random(n), nos_per_yes=19.0, own=("Mine.",)) == SCRIPT


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from((None, 0.0, 4.0, 19.0)))
def test_a_line_never_follows_itself(seed: int, rate: float | None) -> None:
    rng = random.Random(seed)
    previous = next_reframe(None, rng, rate)
    for _ in range(30):
        line = next_reframe(previous, rng, rate, own=("My own line.",))
        assert line != previous
        previous = line


def test_the_pool_mixes_the_rate_line_and_the_reps_own_lines() -> None:
    rate = rate_line(19.0)
    seen = {next_reframe(SCRIPT, random.Random(n), 19.0, own=("Mine, in my words.",)) for n in range(400)}
    assert rate in seen and "Mine, in my words." in seen
    assert seen <= {*REFRAMES, rate, "Mine, in my words."} - {SCRIPT}


def test_a_pool_of_one_line_returns_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("companion.core.reframes.REFRAMES", ("Only me.",))
    assert next_reframe("Only me.", random.Random(1)) == "Only me."


def test_own_reframes_skip_comments_blanks_and_duplicates() -> None:
    text = "\ufeff# my lines\n\n  Breathe, then dial.  \r\nBreathe, then dial.\n\t# indented comment\nNext!\n"
    assert parse_own_reframes(text, WHERE) == ("Breathe, then dial.", "Next!")
    assert parse_own_reframes("", WHERE) == ()


def test_an_own_reframe_too_long_names_its_line() -> None:
    text = "ok\n" + "x" * OWN_REFRAME_MAX + "\n" + "y" * (OWN_REFRAME_MAX + 1) + "\n"
    with pytest.raises(ReframesError, match=r"^reframes.txt, line 3: .*up to 200 characters.* 201$"):
        parse_own_reframes(text, WHERE)


@pytest.mark.parametrize("bad", ["\x1b[2J wipe", "bell\x07", "form\x0cfeed", "mid\x85line", "rtl\u202eflip"])
def test_an_own_reframe_with_a_control_or_escape_code_is_refused(bad: str) -> None:
    with pytest.raises(ReframesError, match=r"^reframes.txt, line 2: .*control character or escape code"):
        parse_own_reframes(f"fine\n{bad}\n", WHERE)


def test_too_many_own_reframes_is_refused_but_duplicates_do_not_count() -> None:
    lines = [f"line {n}" for n in range(OWN_REFRAMES_MAX)]
    assert len(parse_own_reframes("\n".join(lines + lines), WHERE)) == OWN_REFRAMES_MAX
    with pytest.raises(ReframesError, match=rf"^reframes.txt, line {OWN_REFRAMES_MAX + 1}: .*up to 500"):
        parse_own_reframes("\n".join([*lines, "one more"]), WHERE)


def test_reframes_error_is_a_value_error() -> None:
    assert issubclass(ReframesError, ValueError)
