"""The words and numbers the screens share."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from companion.core.reframes import REFRAMES
from companion.core.words import minutes_left, plural
from companion.tui.text import balanced, nos_per_yes_line

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


def test_nos_per_yes_line_fits_the_session_screen_at_60_columns() -> None:
    assert nos_per_yes_line(19.0) == "19.0 · a meeting costs ~19 no's"
    assert nos_per_yes_line(None) == "no meeting in the last 7 days yet"
    for value in (0.0, 1.0, 9.4, 99.5, 1234.0):
        assert len(nos_per_yes_line(value)) <= 60 - 15


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
