"""The words and numbers the screens share."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from companion.core.reframes import REFRAMES
from companion.core.words import minutes_left, others, per_meeting, plural
from companion.tui.text import balanced, per_meeting_line, sparkline

WORDS = st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1, max_size=20).map(" ".join)


@given(WORDS, st.integers(min_value=20, max_value=80))
def test_balanced_keeps_every_word_and_never_leaves_one_alone(text: str, width: int) -> None:
    lines = balanced(text, width).split("\n")
    assert " ".join(lines) == text
    assert len(lines) <= 2
    if len(lines) == 2:
        longest_word = max(len(w) for w in text.split())
        assert abs(len(lines[0]) - len(lines[1])) <= longest_word + 1


def test_every_reframe_fits_two_lines_at_60_columns() -> None:
    for line in REFRAMES:
        assert all(len(part) <= 56 for part in balanced(line, 56).split("\n")), line


def test_minutes_left_rounds_up_so_a_fresh_block_shows_its_length() -> None:
    assert minutes_left(90 * 60 - 1) == "90 min left"
    assert minutes_left(61) == "2 min left"
    assert minutes_left(1) == "1 min left"
    assert minutes_left(0) == "time's up"


def test_per_meeting_line_says_what_it_counts_and_its_window_at_60_columns() -> None:
    """The coaching's 19 is every dial that was not a meeting, per meeting: never no's."""
    assert per_meeting_line(19.0) == "19 other dials · last 7 days"
    assert per_meeting_line(None) == "no meeting in the last 7 days yet"
    assert per_meeting_line(1.0) == "1 other dial · last 7 days"
    for value in (0.0, 0.5, 1.0, 4.5, 9.4, 99.5, 1234.0):
        assert len(per_meeting_line(value)) <= 60 - 15
        assert "no" not in per_meeting_line(value).replace("no meeting", "")


def test_the_per_meeting_words_round_so_that_twice_the_figure_reads_right() -> None:
    assert per_meeting(19.0) == "19 other dials for each meeting"
    assert per_meeting(4.5, "conversation") == "4.5 other conversations for each meeting"
    assert (others(0.0), others(1.0), others(9.96), others(56.7)) == (
        "0 other dials", "1 other dial", "10 other dials", "57 other dials",
    )  # fmt: skip


@given(st.lists(st.floats(min_value=0, max_value=3600), min_size=1, max_size=30))
def test_sparkline_draws_equal_values_as_equal_bars_and_keeps_their_order(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values)
    for (a, ca), (b, cb) in zip(
        zip(values, line, strict=True), zip(values[1:], line[1:], strict=True), strict=False
    ):
        if a == b:
            assert ca == cb
        elif a < b:
            assert ca <= cb
    assert len(set(sparkline([values[0]] * 5))) == 1  # a flat series is a flat line


def test_sparkline_of_two_close_values_is_no_jump() -> None:
    """Two blocks at 8s each (8.4 and 7.6 read as 8s) drew the lowest bar then the highest."""
    from companion.tui.charts import trend

    assert trend([8.4, 7.6]).plain == "8s ██ 8s"
    assert sparkline([8.0, 16.0]) == "▄█"  # half the height for half the time


def test_plural() -> None:
    assert (plural(1, "dial"), plural(0, "dial"), plural(2, "dial")) == ("1 dial", "0 dials", "2 dials")


def test_shown_makes_every_control_and_format_character_visible() -> None:
    """Every character Unicode calls a control or a format code (bar tab and newline) is
    written as its escape, so nothing printed from data can act on a terminal or hide text."""
    from companion.core.words import shown

    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n":
            assert shown(ch).startswith("\\"), hex(code)
    assert shown("tab\there\nnext é 👩\u200d💻") == "tab\there\nnext é 👩\\u200d💻"
    assert shown("name-\udcff.csv") == "name-\\xff.csv"  # a byte that was not UTF-8
