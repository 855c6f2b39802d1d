"""The one parser of outcome words, for `companion log` and imports alike: ours in any case and
spacing, the dialers' words we know, the rep's own ([dispositions], --map), and one clear refusal
naming the word, the valid outcomes and [dispositions]."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.outcomes import (
    DIALER_WORDS,
    OWN_WORD_MAX_CHARS,
    VALID_NAMES,
    Outcome,
    OutcomeWords,
    OwnWordError,
    UnknownOutcomeError,
    own_words,
    quoted,
    spoken,
)

SEPARATORS = st.sampled_from([" ", "  ", "-", "_", " - ", "\t", "__"])


@st.composite
def written(draw: st.DrawFn, word: str) -> str:
    """`word` as a person or a dialer might write it: any case, any separators between its
    parts, spaces around it."""
    parts = spoken(word).split()
    cased = ["".join(ch.upper() if draw(st.booleans()) else ch for ch in part) for part in parts]
    text = cased[0]
    for part in cased[1:]:
        text += draw(SEPARATORS) + part
    return draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " ", "\t"]))


@settings(max_examples=200, database=None)
@given(st.sampled_from(list(Outcome)), st.data())
def test_any_casing_and_spacing_of_our_outcome_reads_as_it(outcome: Outcome, data: st.DataObject) -> None:
    text = data.draw(written(outcome.value))
    assert OutcomeWords().read(text) == (outcome, None)
    assert Outcome.parse(text) is outcome  # the same normalising as the strict parse


@settings(max_examples=200, database=None)
@given(st.sampled_from(sorted(DIALER_WORDS)), st.data())
def test_any_casing_and_spacing_of_a_dialer_word_reads_as_its_outcome(word: str, data: st.DataObject) -> None:
    assert OutcomeWords().read(data.draw(written(word))) == DIALER_WORDS[word]


def folds_alike(ch: str) -> bool:
    """Its upper case folds as it does: every letter but a few (the Turkish dotless ı, whose
    upper case is I), which Unicode's case folding itself keeps apart."""
    return ch.upper().casefold() == ch.casefold()


OWN_WORD = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")).filter(folds_alike),
    min_size=1,
    max_size=OWN_WORD_MAX_CHARS,
).filter(lambda w: spoken(w) != "" and w.isprintable())


@settings(max_examples=200, database=None)
@given(OWN_WORD, st.sampled_from(list(Outcome)), st.data())
def test_the_rep_s_own_word_round_trips_in_any_casing(
    word: str, outcome: Outcome, data: st.DataObject
) -> None:
    try:
        table = own_words([(word, outcome.value)])
    except OwnWordError:  # one of ours meaning another outcome: refused, checked below
        assert Outcome.parse(word) is not outcome
        return
    words = OutcomeWords(table)
    assert words.read(word)[0] is outcome
    assert words.read(data.draw(written(word)))[0] is outcome


@settings(max_examples=200, database=None)
@given(st.text(max_size=60))
def test_spoken_is_settled_after_one_pass(text: str) -> None:
    assert spoken(spoken(text)) == spoken(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("left voicemail", (Outcome.VOICEMAIL, None)),
        ("Left_Voicemail", (Outcome.VOICEMAIL, None)),
        ("HUNG-UP", (Outcome.NO, "hung-up")),
        ("Not Interested", (Outcome.NO, "not-interested")),
        ("noanswer", (Outcome.NO_ANSWER, None)),
        ("No Answer", (Outcome.NO_ANSWER, None)),
    ],
)
def test_dialer_words_bring_their_reason(text: str, expected: tuple[Outcome, str | None]) -> None:
    assert OutcomeWords().read(text) == expected


def test_the_rep_s_own_words_come_before_the_dialers_and_after_ours() -> None:
    words = OutcomeWords([("Busy", Outcome.NO), ("Interested - send info", Outcome.CALLBACK)])
    assert words.read("busy") == (Outcome.NO, None)  # theirs, not ours (no-answer)
    assert words.read("interested send info") == (Outcome.CALLBACK, None)
    assert words.read("meeting") == (Outcome.MEETING, None)
    assert OutcomeWords().read("busy") == (Outcome.NO_ANSWER, None)


@pytest.mark.parametrize("text", ["maybe", "Interested - send info", "meetings", "n", "DNC\x1b[2J"])
def test_an_unknown_word_is_named_with_the_valid_ones_and_dispositions(text: str) -> None:
    with pytest.raises(UnknownOutcomeError) as caught:
        OutcomeWords().read(text)
    message = str(caught.value)
    assert caught.value.word == text.strip()
    assert f"unknown outcome {quoted(text)}" in message
    assert all(name in message for name in VALID_NAMES)
    assert "[dispositions]" in message
    assert "\n" not in message and "\x1b" not in message


def test_an_empty_word_is_no_outcome_not_an_unknown_one() -> None:
    with pytest.raises(ValueError, match="no outcome") as caught:
        OutcomeWords().read("  ")
    assert not isinstance(caught.value, UnknownOutcomeError)


OWN_REFUSED = [
    ([("", "no")], "", "is an empty word"),
    ([(" - _ ", "no")], " - _ ", "is an empty word"),
    ([("x" * (OWN_WORD_MAX_CHARS + 1), "no")], "x" * (OWN_WORD_MAX_CHARS + 1), "longer than 100"),
    ([("DNC\x07", "no")], "DNC\x07", "holds a control character"),
    ([("DNC", "maybe")], "DNC", 'maps to an unknown outcome "maybe"; valid outcomes: no, meeting'),
    ([("DNC", 3)], "DNC", 'must be an outcome such as "callback" (got 3)'),
    ([("DNC", "no\x1b")], "DNC", 'maps to an unknown outcome "no\\x1b"'),
    ([("No-Answer", "voicemail")], "No-Answer", "is Companion's own outcome no-answer"),
    ([("Send Info", "callback"), ("send_info", "meeting")], "send_info", 'is the word "Send Info" again'),
]


@pytest.mark.parametrize(("entries", "word", "why"), OWN_REFUSED)
def test_the_rep_s_own_words_are_refused_naming_the_word(
    entries: list[tuple[str, object]], word: str, why: str
) -> None:
    with pytest.raises(OwnWordError) as caught:
        own_words(entries)
    assert caught.value.word == word
    assert why in str(caught.value)


def test_own_words_take_ours_for_the_same_outcome_and_say_how_many_are_too_many() -> None:
    assert own_words([("No", "no"), ("VM", "Voicemail")]) == (("No", Outcome.NO), ("VM", Outcome.VOICEMAIL))
    with pytest.raises(OwnWordError, match="more than 500 words") as caught:
        own_words((f"word {n}", "no") for n in range(501))
    assert caught.value.word is None


def test_quoted_escapes_what_a_terminal_would_obey_and_shortens() -> None:
    assert quoted("DNC") == '"DNC"'
    assert quoted('say "hi"\x1b[2J\u202e') == '"say \\"hi\\"\\x1b[2J\\u202e"'
    assert quoted("x" * 100) == '"' + "x" * 59 + '…"'
