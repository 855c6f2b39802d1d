"""Events: the JSON shape on disk, its schema version, and refusing what we cannot read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.events import (
    SCHEMA_VERSION,
    Event,
    EventKind,
    InvalidEventError,
    RitualEnd,
    make_event,
    new_id,
    parse_instant,
)
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSES, NOTE_MAX, REASONS, has_control

NEEDS_TARGET = {
    EventKind.VOID, EventKind.TAG, EventKind.RITUAL, EventKind.REVIEW, EventKind.DISMISS, EventKind.DIAL,
}  # fmt: skip
NEEDS_NOTE = {EventKind.WIN, EventKind.FOCUS}

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets)
tokens = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cf"]), min_size=1, max_size=200)
notes = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cf"]), max_size=40)
words = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cf"]), min_size=1, max_size=40)
seconds = st.none() | st.floats(min_value=0, max_value=86_400, allow_nan=False)


@st.composite
def events(draw: st.DrawFn) -> Event:
    kind = draw(st.sampled_from(list(EventKind)))
    what = draw(st.sampled_from(list(Outcome)))
    outcome = what if kind is EventKind.OUTCOME else draw(st.none() | st.just(what))
    return Event(
        id=draw(st.uuids().map(str) | tokens),
        at=draw(instants),
        kind=kind,
        session=draw(st.none() | tokens),
        outcome=outcome,
        reason=draw(st.none() | st.sampled_from(["", *REASONS])),
        cause=draw(st.none() | st.sampled_from(["", *CAUSES])),
        note=draw(words) if kind in NEEDS_NOTE else draw(st.none() | notes),
        target=draw(tokens) if kind in NEEDS_TARGET else draw(st.none() | tokens),
        ritual=draw(st.none() | st.sampled_from(list(RitualEnd))),
        recovery_s=draw(seconds),
        hesitation_s=draw(seconds),
        source=draw(st.none() | st.sampled_from(["cli", "app", "import", "demo"])),
        felt=draw(st.none() | st.integers(min_value=1, max_value=5)),
        lesson=draw(words) if kind is EventKind.REVIEW else draw(st.none() | notes),
        hard=draw(st.none() | st.just(True)) if kind is EventKind.OUTCOME and outcome is Outcome.NO else None,
        story=draw(st.none() | notes),
    )


def good(**changes: Any) -> dict[str, Any]:
    """A valid stored outcome, with `changes` applied (a value of ... deletes the key)."""
    data: dict[str, Any] = {
        "v": SCHEMA_VERSION,
        "id": "0d6c3a0e-7c43-4c55-9d0c-0b8f7f1f0001",
        "at": "2026-11-23T10:05:00+01:00",
        "kind": "outcome",
        "outcome": "no",
    }
    for key, value in changes.items():
        if value is ...:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@settings(max_examples=60, database=None)
@given(events())
def test_to_dict_then_from_dict_gives_the_same_event(original: Event) -> None:
    stored = json.loads(json.dumps(original.to_dict()))
    back = Event.from_dict(stored)
    assert back == original
    assert back.at.utcoffset() == original.at.utcoffset()  # the rep's offset is kept
    assert back.to_dict() == original.to_dict()


@settings(max_examples=25, database=None)
@given(events())
def test_every_stored_event_carries_the_schema_version_first(original: Event) -> None:
    data = original.to_dict()
    assert data["v"] == SCHEMA_VERSION
    assert list(data)[:4] == ["v", "id", "at", "kind"]


def test_unset_fields_are_left_out_and_enums_are_stored_as_words() -> None:
    e = make_event(EventKind.OUTCOME, datetime(2026, 11, 23, 9, 5, tzinfo=UTC), outcome=Outcome.NOT_FIT)
    data = e.to_dict()
    assert data == {
        "v": SCHEMA_VERSION,
        "id": e.id,
        "at": "2026-11-23T09:05:00+00:00",
        "kind": "outcome",
        "outcome": "not-fit",
    }


def test_a_valid_stored_outcome_parses() -> None:
    e = Event.from_dict(good(note="[bold]literal[/bold]", recovery_s=3))
    assert e.kind is EventKind.OUTCOME
    assert e.outcome is Outcome.NO
    assert e.at == datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    assert e.note == "[bold]literal[/bold]"
    assert e.recovery_s == 3.0
    assert isinstance(e.recovery_s, float)


def test_an_event_without_a_version_is_read_as_the_first_schema() -> None:
    assert Event.from_dict(good(v=...)).outcome is Outcome.NO


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 99])
def test_a_newer_schema_version_is_refused(version: int) -> None:
    with pytest.raises(InvalidEventError, match="newer"):
        Event.from_dict(good(v=version))


BAD_SHAPES: dict[str, Any] = {
    "a list": [good()],
    "a string": "outcome no",
    "null": None,
    "version as text": good(v="1"),
    "no id": good(id=...),
    "empty id": good(id=""),
    "numeric id": good(id=7),
    "no time": good(at=...),
    "time without offset": good(at="2026-11-23T10:05:00"),
    "time as a number": good(at=1_700_000_000),
    "time that is not a time": good(at="yesterday"),
    "no kind": good(kind=...),
    "unknown kind": good(kind="coffee"),
    "unknown outcome": good(outcome="maybe"),
    "outcome without outcome": good(outcome=...),
    "void without target": good(kind="void", outcome=...),
    "tag without target": good(kind="tag", outcome=...),
    "ritual without target": good(kind="ritual", outcome=..., ritual="completed"),
    "void with empty target": good(kind="void", outcome=..., target=""),
    "unknown ritual end": good(kind="ritual", outcome=..., target="x", ritual="nap"),
    "note as a number": good(note=5),
    "reason as a list": good(reason=["budget"]),
    "recovery as text": good(recovery_s="fast"),
    "recovery as a boolean": good(recovery_s=True),
    "recovery not a number": good(recovery_s=float("nan")),
    "recovery infinite": good(recovery_s=float("inf")),
    "an unknown field": good(colour="red"),
    "an id with a newline": good(id="call\n7"),
    "an id with an escape": good(id="\x1b[2J"),
    "an id too long": good(id="x" * 201),
    "a session with an escape": good(session="\x1b]52;c;aGk=\x07"),
    "a target with a newline": good(kind="void", outcome=..., target="a\nb"),
    "a reason too long for a tag": good(reason="x" * 201),
    "a reason that is an escape": good(reason="\x1b]8;;http://x\x1b\\"),
    "a cause with a bidi override": good(cause="\u202eweather"),
    "a source that is a sentence": good(source="My Dialer v2"),
    "a note with an escape": good(note="fine \x1b[2J"),
    "a note with a bidi override": good(note="\u202egnp.exe"),
    "a note too long": good(note="x" * (NOTE_MAX + 1)),
    "a time before 1970 in UTC": good(at="1970-01-01T00:30:00+01:00"),
    "a time past 9998 in UTC": good(at="9998-12-31T23:30:00-01:00"),
    "a time too long": good(at="2026-11-23T10:05:00" + "0" * 100 + "+01:00"),
    "kind as a list": good(kind=["outcome"]),
    "outcome as a dict": good(outcome={"no": 1}),
}


@pytest.mark.parametrize("data", list(BAD_SHAPES.values()), ids=list(BAD_SHAPES))
def test_bad_shapes_are_refused_with_invalid_event_error(data: Any) -> None:
    with pytest.raises(InvalidEventError):
        Event.from_dict(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
FIELDS = [
    "v",
    "id",
    "at",
    "kind",
    "outcome",
    "target",
    "ritual",
    "note",
    "recovery_s",
    "session",
    "reason",
    "x",
]


@settings(max_examples=60, database=None, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), json_values), st.booleans())
def test_any_json_object_parses_or_raises_invalid_event_error(junk: dict[str, Any], start_good: bool) -> None:
    data = {**good(), **junk} if start_good else junk
    try:
        e = Event.from_dict(data)
    except InvalidEventError:
        return
    assert isinstance(e, Event)
    assert e.at.tzinfo is not None
    assert 1970 <= e.at.astimezone(UTC).year <= 9998
    assert not any(
        has_control(text) for text in (e.id, e.session, e.note, e.target, e.reason, e.cause) if text
    )


@pytest.mark.parametrize(
    "time", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:00-01:00", "9998-12-31T23:30:00-01:00"]
)
def test_a_time_that_would_overflow_in_utc_is_an_invalid_event_not_a_crash(time: str) -> None:
    with pytest.raises(InvalidEventError, match="out of range"):
        Event.from_dict(good(at=time))


def test_tag_text_an_earlier_version_stored_still_lets_its_call_count() -> None:
    """Free text in a reason or cause (an earlier import kept it) reads as `other` and no cause:
    the call counts; the text stays in the file. Text with control codes is refused."""
    event = Event.from_dict(good(reason="too pricey", cause="weather"))
    assert (event.outcome, event.reason, event.cause) == (Outcome.NO, "other", None)
    with pytest.raises(InvalidEventError):
        Event.from_dict(good(reason="\x1b]52;c;aGk=\x07"))


def test_a_dialers_own_ids_and_block_names_are_kept() -> None:
    """Calls an earlier version imported from a dialer with ids like these still count."""
    event = Event.from_dict(good(id="Call 1001", session="Morning block"))
    assert (event.id, event.session) == ("Call 1001", "Morning block")


def test_make_event_gives_fresh_ids_and_refuses_naive_times() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    first = make_event(EventKind.OUTCOME, now, outcome=Outcome.NO)
    second = make_event(EventKind.OUTCOME, now, outcome=Outcome.NO)
    assert first.id != second.id
    with pytest.raises(ValueError):
        make_event(EventKind.OUTCOME, datetime(2026, 11, 23, 9, 0), outcome=Outcome.NO)


def test_new_ids_are_unique() -> None:
    assert len({new_id() for _ in range(1000)}) == 1000


def test_parse_instant_needs_an_offset() -> None:
    assert parse_instant("2026-11-23T10:05:00-05:00") == datetime(2026, 11, 23, 15, 5, tzinfo=UTC)
    with pytest.raises(ValueError, match="offset"):
        parse_instant("2026-11-23T10:05:00")
    with pytest.raises(ValueError):
        parse_instant(20261123)


def test_a_hard_no_stores_true_and_reads_false_as_not_set() -> None:
    assert Event.from_dict(good(hard=True)).hard is True
    assert Event.from_dict(good(hard=False)).hard is None
    assert "hard" not in Event.from_dict(good(hard=False)).to_dict()
    with pytest.raises(InvalidEventError, match="hard must be true or false"):
        Event.from_dict(good(hard="yes"))
    with pytest.raises(InvalidEventError, match="control"):
        Event.from_dict(good(story="I \x1b[2Jalways fail"))
    with pytest.raises(InvalidEventError, match="only a no can be hard"):
        Event.from_dict(good(outcome="meeting", hard=True))
    with pytest.raises(InvalidEventError, match="only a no can be hard"):
        Event.from_dict(good(kind="tag", outcome=None, target="n1", hard=True))


def test_a_dial_mark_needs_the_no_it_marks() -> None:
    with pytest.raises(InvalidEventError, match="dial event needs a target"):
        Event.from_dict(good(kind="dial", outcome=None))
    assert Event.from_dict(good(kind="dial", outcome=None, target="n1")).target == "n1"


def test_a_reset_cut_short_is_a_stored_ending_of_its_own() -> None:
    """`[ritual] gate = "let-through"`: the journal, exports and imports read it back as itself."""
    data = good(kind="ritual", outcome=..., target="0d6c3a0e-7c43-4c55-9d0c-0b8f7f1f0002", ritual="cut-short")
    e = Event.from_dict(data)
    assert e.ritual is RitualEnd.CUT_SHORT
    assert e.to_dict()["ritual"] == "cut-short"
