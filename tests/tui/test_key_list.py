"""The help's key list: three columns where they fit, never wider than its room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from companion.tui.widgets.key_list import KeyList

ROWS = [
    ("n", "No", "a rejection; starts the reset"),
    ("ctrl+q", "Quit", "close Companion; an open block resumes on the next start"),
    ("1-8", "Reason", "why the last no: 1 budget, 2 timing, 3 stakeholders, 4 fear of change"),
]


def test_three_columns_with_what_it_does_wrapped_under_its_own_column() -> None:
    lines = [str(line) for line in KeyList(ROWS).lines(60)]
    assert lines[0] == "     n  No      a rejection; starts the reset"
    assert lines[1].startswith("ctrl+q  Quit    close Companion;")
    assert lines[1] == "ctrl+q  Quit    close Companion; an open block resumes on"
    assert lines[2] == " " * 16 + "the next start"


@given(st.integers(min_value=len("ctrl+q  Reason"), max_value=200))
def test_no_line_is_wider_than_the_room_it_is_given(width: int) -> None:
    lines = KeyList(ROWS).lines(width)
    assert all(cell_len(str(line)) <= width for line in lines)
    shown = "".join("".join(str(line).split()) for line in lines)
    assert shown == "".join("".join(" ".join(row).split()) for row in ROWS)  # nothing dropped


def test_no_rows_is_no_lines() -> None:
    assert KeyList([]).lines(40) == ()
