"""Reasons, causes and notes: what a rep can say about a rejection, cleaned before it is stored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.tags import (
    CAUSE_LABELS,
    CAUSES,
    NOTE_MAX,
    REASONS,
    clean_note,
    has_control,
    note_too_long,
    outside_control,
    parse_cause,
    parse_reason,
)


def test_eight_reasons_for_the_number_keys_and_three_causes() -> None:
    assert len(REASONS) == 8
    assert set(CAUSES) == {"skill-gap", "poor-fit", "process"}
    assert set(CAUSE_LABELS) == set(CAUSES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("budget", "budget"),
        ("Fear of change", "fear-of-change"),
        ("HUNG_UP", "hung-up"),
        (" timing ", "timing"),
    ],
)
def test_parse_reason_forgives_case_spaces_and_underscores(text: str, expected: str) -> None:
    assert parse_reason(text) == expected


def test_parse_cause() -> None:
    assert parse_cause("Skill gap") == "skill-gap"
    with pytest.raises(ValueError) as caught:
        parse_cause("laziness")
    for cause in CAUSES:
        assert cause in str(caught.value)


def test_an_unknown_reason_names_every_valid_one() -> None:
    with pytest.raises(ValueError) as caught:
        parse_reason("the weather")
    message = str(caught.value)
    assert "'the weather'" in message
    for reason in REASONS:
        assert reason in message


def test_clean_note_keeps_markup_as_text_and_drops_control_codes() -> None:
    assert clean_note("[bold]not now[/bold]") == "[bold]not now[/bold]"
    assert clean_note("  call\tback\nin May \x1b[31m ") == "call back in May [31m"
    assert clean_note("a\u200bb") == "a b"  # a zero-width space is a format character
    assert clean_note("👩\u200d💻 dev lead") == "👩\u200d💻 dev lead"  # joiners keep emoji whole


def test_clean_note_never_cuts_and_a_long_note_is_named() -> None:
    long = "x" * (NOTE_MAX + 50)
    assert clean_note(long) == long
    assert note_too_long("x" * NOTE_MAX) is None
    assert (
        note_too_long(long)
        == f"a note holds up to {NOTE_MAX:,} characters and this one has {NOTE_MAX + 50:,}"
    )


@pytest.mark.parametrize("text", ["\x1b]52;c;aGk=\x07", "a\x9bb", "\u202eevil", "tab\there", "a\udcffb"])
def test_has_control_finds_what_a_terminal_could_run_or_hide(text: str) -> None:
    assert has_control(text)


@pytest.mark.parametrize("text", ["plain", "[bold]x[/bold]", "👩\u200d💻", "non\u00a0breaking", "", "\ue000"])
def test_has_control_lets_ordinary_text_through(text: str) -> None:
    assert not has_control(text)


@settings(max_examples=100, database=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_a_cleaned_note_has_no_control_characters_and_is_stable(text: str) -> None:
    cleaned = clean_note(text)
    assert not has_control(cleaned)
    assert cleaned == cleaned.strip()
    assert not any(ch in cleaned for ch in "\x00\x1b\r\n\t\x7f")
    assert clean_note(cleaned) == cleaned


def test_a_cleaned_note_can_always_be_stored_as_utf8() -> None:
    clean_note("abc\udcff").encode("utf-8")


@given(st.lists(st.sampled_from([*REASONS, None])))
def test_outside_control_counts_the_sources_four_reasons_among_the_tagged(reasons: list[str | None]) -> None:
    outside, tagged = outside_control(reasons)
    assert tagged == sum(r is not None for r in reasons)  # an untagged no says nothing either way
    assert outside == sum(r in ("budget", "timing", "stakeholders", "fear-of-change") for r in reasons)
    assert outside_control([*reasons, "competitor"]) == (outside, tagged + 1)
