"""The reset's own words (core.coaching) and how they are laid out (tui.widgets.reset_words):
each fits the reset's body at 60 columns, the checklist's answers have one name each (the
cause labels) in the question, the legend and what an answer means, So what asks more than its
heading says, and the long reset's blocks keep one height and width from the first line shown
to the last."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from companion.core import coaching
from companion.core.coaching import (
    CHECKLIST_ASK,
    CHECKLIST_MEANS,
    CURIOSITY_ASK,
    CURIOSITY_WHEN,
    PERSPECTIVE_WALK,
    SO_WHAT_ASK,
    SO_WHAT_HORIZONS,
)
from companion.core.ideas import Coached, Idea
from companion.core.ritual import RitualStep
from companion.core.tags import CAUSE_LABELS, CAUSES
from companion.tui.widgets.reset_words import balanced_lines, perspective, so_what

BODY_W = 56  # the reset's body at 60 columns
TAGS_W = 58  # its tag lines at 60 columns


def reset_lines() -> list[Coached]:
    found: list[Coached] = []
    for value in vars(coaching).values():
        if isinstance(value, Coached):
            found.append(value)
        elif isinstance(value, tuple | dict):
            items = value.values() if isinstance(value, dict) else value
            found += [item for item in items if isinstance(item, Coached)]
            found += [pair[1] for pair in items if isinstance(pair, tuple)]
    return found


def test_every_line_of_the_reset_fits_its_body_at_60_columns() -> None:
    lines = reset_lines()
    assert len(lines) >= 20
    assert [line.text for line in lines if len(line.text) > BODY_W] == []
    assert [when for when, what in SO_WHAT_HORIZONS if len(f"{when}: {what.text}") > BODY_W] == []


def test_each_answer_has_one_name_the_cause_labels() -> None:
    assert list(CHECKLIST_MEANS) == list(CAUSES) == list(CAUSE_LABELS)
    for cause, means in CHECKLIST_MEANS.items():
        assert means.text.startswith(f"{CAUSE_LABELS[cause].capitalize()}: "), means.text
    assert not hasattr(coaching, "CHECKLIST_ANSWERS")  # no second set of names
    assert len(set(CAUSE_LABELS.values())) == len(CAUSES)


def test_the_question_and_its_answers_fit_one_tag_line_at_60_columns() -> None:
    asked = CHECKLIST_ASK.text + "".join(
        f"  {key} {CAUSE_LABELS[c]}" for key, c in zip("zxc", CAUSES, strict=True)
    )
    assert len(asked) <= TAGS_W, asked


def test_so_what_asks_more_than_its_heading_says() -> None:
    heading = RitualStep.SO_WHAT.heading
    assert SO_WHAT_ASK.idea is Idea.SO_WHAT
    assert SO_WHAT_ASK.text.rstrip("?").lower() != heading.lower()
    assert heading.lower() not in SO_WHAT_ASK.text.lower()


def test_the_words_to_try_at_dial_are_short() -> None:
    # Dial is read in a glance: the words to try are one line, under one line saying when.
    assert len(CURIOSITY_ASK.text) <= 50 and len(CURIOSITY_WHEN.text) <= 40


def test_lines_that_overstated_or_mismatched_their_idea_are_gone() -> None:
    texts = " ".join(line.text for line in reset_lines())
    gone = ("carry it into the next call", "a rate you can move", "saved you time", "talent", "So what?")
    assert [words for words in gone if words in texts] == []
    career = dict(SO_WHAT_HORIZONS)["In a career"]
    assert career.idea is Idea.ZERO_IMPACT and "calling" in career.text


@given(st.floats(min_value=0, max_value=1))
def test_the_perspective_walk_keeps_its_height_as_lines_appear(progress: float) -> None:
    _, walk = perspective(progress)
    lines = walk.split("\n", allow_blank=True)
    assert len(lines) == len(PERSPECTIVE_WALK)
    shown = [line.plain for line in lines if line.plain]
    assert shown == [line.text for line in PERSPECTIVE_WALK[: len(shown)]] and shown


@given(st.floats(min_value=0, max_value=1), st.integers(min_value=30, max_value=116))
def test_so_what_keeps_its_height_and_width_as_horizons_appear(progress: float, width: int) -> None:
    _, block = so_what(progress, width)
    _, full = so_what(1.0, width)
    lines = block.split("\n", allow_blank=True)
    assert len(lines) == len(full.split("\n", allow_blank=True))
    assert {line.cell_length for line in lines} == {line.cell_length for line in full.split("\n")}
    assert lines[0].plain.startswith("In a week: ")


def test_balanced_lines_split_a_long_line_in_two_and_keep_its_styles() -> None:
    long = "Enter as you dial times your recovery and your wait at Dial."
    content = Content.assemble(("Still to go today.", "bold"), "\n", long, "\n")
    out = balanced_lines(content, BODY_W)
    lines = out.split("\n", allow_blank=True)
    assert [line.plain for line in lines] == [
        "Still to go today.",
        "Enter as you dial times your",
        "recovery and your wait at Dial.",
        "",
    ]
    assert lines[0].spans and all(len(line.plain) <= BODY_W for line in lines)
    assert balanced_lines(Content("short"), BODY_W).plain == "short"
