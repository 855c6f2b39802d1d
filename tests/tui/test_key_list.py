"""The help's key list: groups with a title, three columns where they fit, families of keys as
`key word` pairs, never wider than its room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from companion.tui.widgets.key_list import KeyGroup, KeyList

GROUPS = [
    KeyGroup(
        "Log a call",
        rows=(
            ("n", "No", "a rejection; starts the reset"),
            ("ctrl+q", "Quit", "close Companion; an open block resumes on the next start"),
        ),
    ),
    KeyGroup(
        "Reason", pairs=(("1", "budget"), ("2", "timing"), ("3", "stakeholders"), ("4", "fear of change"))
    ),
]


def test_groups_titled_rows_in_three_columns_and_families_as_pairs() -> None:
    lines = [str(line) for line in KeyList(GROUPS).lines(60)]
    assert lines == [
        "Log a call",
        "     n  No    a rejection; starts the reset",
        "ctrl+q  Quit  close Companion; an open block resumes on the",
        " " * 14 + "next start",  # too long for 60: wrapped under its own column, not cut
        "",
        "Reason",
        "  1 budget  2 timing  3 stakeholders  4 fear of change",
    ]


def test_a_family_wraps_between_pairs_never_inside_one() -> None:
    lines = [str(line) for line in KeyList(GROUPS[1:]).lines(30)]
    assert lines == ["Reason", "  1 budget  2 timing", "  3 stakeholders", "  4 fear of change"]


@given(st.integers(min_value=len("  4 fear of change"), max_value=200))
def test_no_line_is_wider_than_the_room_it_is_given(width: int) -> None:
    lines = KeyList(GROUPS).lines(width)
    assert all(cell_len(str(line)) <= width for line in lines)
    shown = "".join("".join(str(line).split()) for line in lines)
    for group in GROUPS:  # nothing dropped
        for row in group.rows:
            assert "".join(" ".join(row).split()) in shown
        for key, word in group.pairs:
            assert "".join(f"{key} {word}".split()) in shown


def test_no_groups_is_no_lines() -> None:
    assert KeyList([]).lines(40) == ()
