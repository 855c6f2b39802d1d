"""Outcomes: the keys on the session screen, which ones are conversations, and parsing names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.outcomes import CONVERSATIONS, OUTCOME_FOR_KEY, OUTCOME_KEYS, VALID_NAMES, Outcome

# The table in design.md, written out by hand so a drift in the code shows up here.
DESIGN_TABLE = {
    "n": ("no", True),
    "m": ("meeting", True),
    "b": ("callback", True),
    "f": ("not-fit", True),
    "g": ("gatekeeper", False),
    "v": ("voicemail", False),
    "a": ("no-answer", False),
}


def test_every_outcome_has_the_key_and_name_of_the_design_table() -> None:
    found = {o.key: (o.value, o.is_conversation) for o in Outcome}
    assert found == DESIGN_TABLE


def test_keys_are_unique_and_map_back_to_their_outcome() -> None:
    assert len(set(OUTCOME_KEYS.values())) == len(Outcome)
    for outcome in Outcome:
        assert OUTCOME_FOR_KEY[outcome.key] is outcome


def test_conversations_are_no_meeting_callback_and_not_fit() -> None:
    assert {Outcome.NO, Outcome.MEETING, Outcome.CALLBACK, Outcome.NOT_FIT} == CONVERSATIONS
    assert not Outcome.GATEKEEPER.is_conversation
    assert not Outcome.VOICEMAIL.is_conversation
    assert not Outcome.NO_ANSWER.is_conversation


def test_valid_names_are_the_seven_outcome_words() -> None:
    assert set(VALID_NAMES) == {name for name, _ in DESIGN_TABLE.values()}
    assert len(VALID_NAMES) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", Outcome.NO),
        ("NO", Outcome.NO),
        ("  Meeting ", Outcome.MEETING),
        ("callback", Outcome.CALLBACK),
        ("not-fit", Outcome.NOT_FIT),
        ("not_fit", Outcome.NOT_FIT),
        ("Not_Fit", Outcome.NOT_FIT),
        ("notfit", Outcome.NOT_FIT),
        ("GATEKEEPER", Outcome.GATEKEEPER),
        ("VoiceMail", Outcome.VOICEMAIL),
        ("no-answer", Outcome.NO_ANSWER),
        ("NO_ANSWER", Outcome.NO_ANSWER),
        ("noanswer", Outcome.NO_ANSWER),
    ],
)
def test_parse_forgives_case_spaces_and_underscores(text: str, expected: Outcome) -> None:
    assert Outcome.parse(text) is expected


@settings(max_examples=100, database=None)
@given(st.sampled_from(list(Outcome)), st.data())
def test_parse_accepts_any_mix_of_case(outcome: Outcome, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(outcome.value), max_size=len(outcome.value)))
    text = "".join(ch.upper() if up else ch for ch, up in zip(outcome.value, flips, strict=True))
    assert Outcome.parse(text) is outcome


@pytest.mark.parametrize("text", ["maybe", "", "n", "yes", "no answer please", "meetings"])
def test_parse_refuses_unknown_words_naming_every_valid_outcome(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        Outcome.parse(text)
    message = str(caught.value)
    assert repr(text) in message
    for name in DESIGN_TABLE.values():
        assert name[0] in message
    assert "\n" not in message
