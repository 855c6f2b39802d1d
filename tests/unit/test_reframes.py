"""The Reframe step's words: the script on every reset, one rotating line under it that names
the idea it carries, never the script and never twice running, and a rep's own reframes.txt
read with care."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.ideas import Coached, Idea
from companion.core.reframes import (
    OWN_REFRAME_MAX,
    OWN_REFRAMES_MAX,
    POOL,
    RATE,
    REFRAMES,
    SCRIPT,
    ReframesError,
    next_reframe,
    parse_own_reframes,
    rate_line,
)
from companion.tui.text import balanced

WHERE = "reframes.txt"
# The ideas the brief asks a reset line for, each at least once in the pool.
RESET_IDEAS = {
    Idea.BLANK_SLATE, Idea.ONE_APPROACH, Idea.MATH, Idea.TRACK_NUMBERS, Idea.FRIDAY_TEST,
    Idea.SO_WHAT, Idea.IDENTITY, Idea.NOT_YOUR_WORTH, Idea.SELF_DISQUALIFIED,
    Idea.OUTSIDE_CONTROL, Idea.CALLUSES, Idea.TWENTY_FOUR_HOURS, Idea.REAL_PAIN,
    Idea.CARRY_OVER, Idea.TREND, Idea.PATTERNS, Idea.MOVE_ON, Idea.ZERO_IMPACT, Idea.CRAFT,
    Idea.DIAL_NOW, Idea.WINS_STAY,
}  # fmt: skip
# The Reframe step lasts 5 s: each rotating line is one line of the reset's body at 60 columns.
BODY_W = 56


def test_every_line_names_its_idea_and_the_reset_ideas_each_have_one() -> None:
    assert all(isinstance(line, Coached) and isinstance(line.idea, Idea) and line.text for line in POOL)
    assert {line.idea for line in POOL} >= RESET_IDEAS
    assert Idea.OURS not in {line.idea for line in POOL}  # every reframe is the sources' idea
    assert tuple(line.text for line in POOL) == REFRAMES
    assert (SCRIPT.idea, RATE.idea) == (Idea.SCRIPT, Idea.MATH)


def test_the_pool_is_short_plain_and_distinct() -> None:
    assert 21 <= len(REFRAMES) <= 30
    assert len(set(REFRAMES)) == len(REFRAMES)
    assert [line for line in REFRAMES if len(line) > BODY_W] == []


@pytest.mark.parametrize("rate", [0.5, 4.5, 19.0, 99.4, 999.0])
def test_the_rate_line_is_at_most_60_characters_and_wraps_in_two_at_most(rate: float) -> None:
    line = rate_line(rate)
    assert line is not None and len(line) <= 60, line
    assert all(len(part) <= BODY_W for part in balanced(line, BODY_W).split("\n")), line


def test_the_checklist_is_asked_on_screen_not_in_the_pool() -> None:
    assert Idea.CHECKLIST not in {line.idea for line in POOL}


def test_lines_that_carried_no_idea_or_contradict_the_sources_are_gone() -> None:
    gone = (
        "That part was yours",
        "A clear no beats a maybe",
        "surrounded by no's",
        "needs exactly what you offer",
        "That's all that call was",  # the point is that the approach can change
        "a little quicker",  # recovery is measured, never promised
        "how fast you're back",
        "keeps score",
        "nobody reads",
        "will teach you more",  # a plain no never comes back to teach anything
        "theirs to carry",  # "most" is measured now: the share outside the rep's control
        "had room for it",  # said without looking at the rep's numbers
    )
    assert not [line for line in (*REFRAMES, SCRIPT.text) if any(words in line for words in gone)]


def test_the_script_is_in_the_reps_own_voice_on_one_line_at_60_columns() -> None:
    assert "I'm" in SCRIPT.text and "one data point" in SCRIPT.text.lower()
    assert len(SCRIPT.text) <= 56
    assert SCRIPT.text not in REFRAMES  # it is said on every reset, above the rotating line


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from((None, 0.0, 4.0, 19.0)))
def test_the_line_under_the_script_is_never_the_script_nor_the_line_before(
    seed: int, rate: float | None
) -> None:
    rng = random.Random(seed)
    previous = None
    for _ in range(30):
        line = next_reframe(previous, rng, rate, own=("My own line.", SCRIPT.text))
        assert line not in (previous, SCRIPT.text)
        previous = line


def test_the_pool_mixes_the_rate_line_and_the_reps_own_lines() -> None:
    rate = rate_line(19.0)
    seen = {next_reframe(None, random.Random(n), 19.0, own=("Mine, in my words.",)) for n in range(400)}
    assert rate in seen and "Mine, in my words." in seen
    assert seen <= {*REFRAMES, rate, "Mine, in my words."}


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
