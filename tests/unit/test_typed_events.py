"""The typed fast path (msgspec) reads exactly the events the one validator reads: on any line,
however hostile, parse_event_typed gives the event parse_event (Event.from_dict(load_json(line)))
gives, or refuses what it refuses. Event.from_dict stays the one rule of what an event is; the
journal's lines written by msgspec (core.wire.encode_line) are the JSON the json module wrote."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from companion.core.events import (
    MAX_EVENT_BYTES,
    Event,
    EventKind,
    InvalidEventError,
    RitualEnd,
    load_json,
    parse_event,
    parse_event_typed,
    typed_event,
)
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSES, NOTE_MAX, REASONS
from companion.core.wire import encode_line, isoformat
from companion.store.journal import encode

GOOD_LINE = (
    b'{"v":1,"id":"0b7e51c4-93d2-5a6f-8e17-c4a2d9f03b68","at":"2025-01-11T14:52:00+01:00",'
    b'"kind":"outcome","outcome":"no-answer","note":"call back Tuesday","source":"import-90d8ae568992"}'
)


def old_parse(raw: bytes | str) -> Event:
    """parse_event as it has always been: the size bound, then json and the validator."""
    if len(raw) > MAX_EVENT_BYTES:
        raise InvalidEventError("too long")
    return Event.from_dict(load_json(raw))


def outcome_of(read: Any, raw: bytes | str) -> tuple[str, Any]:
    """What a reader makes of `raw`: the event, every field and its offset as written, or a refusal."""
    try:
        event = read(raw)
    except InvalidEventError:
        return ("refused", None)
    fields = tuple((name, getattr(event, name), type(getattr(event, name))) for name in Event.__slots__)
    return ("event", (fields, event.at.isoformat()))


def agree(raw: bytes | str) -> None:
    expected = outcome_of(old_parse, raw)
    assert outcome_of(parse_event, raw) == expected
    assert outcome_of(parse_event_typed, raw) == expected
    fast = typed_event(raw) if len(raw) <= MAX_EVENT_BYTES else None
    if fast is not None:  # what the fast path takes, the validator takes, and reads alike
        assert outcome_of(lambda _raw: fast, raw) == expected


TIMES = st.sampled_from(
    [
        "2026-11-23T09:30:00+01:00",
        "2026-11-23T09:30+01:00",
        "2026-11-23 09:30:00Z",
        "2026-11-23T09:30:00.123456-05:30",
        "2026-11-23T09:30:00.1234567+00:00",
        "20261123T093000+0100",
        "2026-11-23T09:30:00",
        "2026-11-23",
        "1970-01-01T00:30:00+01:00",
        "1970-01-01T00:00:00+00:00",
        "9998-12-31T23:59:59-14:00",
        "9998-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+00:00",
        "2026-02-30T09:30:00+01:00",
        "2026-11-23t09:30:00z",
        "2026-11-23T24:00:00+01:00",
        "2026-11-23T09:30:60+01:00",
        " 2026-11-23T09:30:00+01:00",
        "2026-11-23T09:30:00+01:00\t",
        "2026-11-23T09:30:00+25:00",
    ]
)
WORDS = st.sampled_from(
    [
        *(o.value for o in Outcome),
        *(k.value for k in EventKind),
        *(r.value for r in RitualEnd),
        *REASONS,
        *CAUSES,
        "",
        "cli",
        "import-90d8ae568992",
        "Budget",
        "No",
        "x" * 201,
        "x" * (NOTE_MAX + 1),
        "a\x1b[31mred",
        "tab\tin",
        "new\nline",
        "\u200bzero width",
        "\u200d",
        "\ud800",
        "\x7f",
        "\u2028",
        "é",
        "0b7e51c4-93d2-5a6f-8e17-c4a2d9f03b68",
    ]
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 5, 6, 1.0, 3.0, 1e9, 1e9 - 1, -0.0, 2**53 + 1]),
    st.text(max_size=12),
    WORDS,
    TIMES,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
KEYS = st.sampled_from(
    [
        *("v", "id", "at", "kind", "session", "outcome", "reason", "cause", "note", "target", "ritual"),
        *("recovery_s", "hesitation_s", "source", "felt", "lesson", "hard", "story", "extra", "ID", "v "),
    ]
)


VALID = [
    {"v": 1, "id": "c1", "at": "2026-11-23T09:30:00+01:00", "kind": "outcome", "outcome": "no"},
    {
        "id": "c2",
        "at": "2026-11-23T09:30:00Z",
        "kind": "outcome",
        "outcome": "no",
        "hard": True,
        "reason": "budget",
        "cause": "skill-gap",
        "note": "n",
        "felt": 3,
        "story": "s",
        "session": "b1",
    },
    {"v": 1, "id": "t1", "at": "2026-11-23T09:31:00+01:00", "kind": "tag", "target": "c1", "reason": ""},
    {
        "v": 1,
        "id": "r1",
        "at": "2026-11-23T09:32:00+01:00",
        "kind": "ritual",
        "target": "c1",
        "ritual": "completed",
        "recovery_s": 12.5,
        "hesitation_s": 3,
        "source": "app",
    },
    {"v": 1, "id": "w1", "at": "2026-11-23T09:33:00+01:00", "kind": "win", "note": "a win"},
    {
        "v": 1,
        "id": "v1",
        "at": "2026-11-23T09:34:00+01:00",
        "kind": "review",
        "target": "c1",
        "lesson": "l",
        "felt": 1,
    },
    {"v": 1, "id": "b1", "at": "2026-11-23T09:00:00+01:00", "kind": "block-start"},
]


@st.composite
def event_objects(draw: st.DrawFn) -> bytes:
    """A valid event with a few things changed: a value set to one valid or hostile, a key
    dropped or unknown, a key given twice, a raw control code in the text."""
    base: dict[str, Any] = dict(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(0, 3))):
        key = draw(KEYS)
        change = draw(st.integers(0, 3))
        if change == 0:
            base.pop(key, None)
        else:
            base[key] = draw(st.one_of(WORDS, VALUES, TIMES) if change == 1 else VALUES)
    pairs = [json.dumps(k) + ":" + json.dumps(v, ensure_ascii=draw(st.booleans())) for k, v in base.items()]
    twice: bool = draw(st.booleans())
    if pairs and twice:  # a key written twice: JSON keeps the last, so must we
        pairs.insert(draw(st.integers(0, len(pairs))), draw(st.sampled_from(pairs)))
    text = "{" + draw(st.sampled_from([",", ", ", " ,\t"])).join(pairs) + "}"
    if draw(st.integers(0, 5)) == 0:  # a raw control code inside a string, which JSON forbids
        text = text.replace("1", draw(st.sampled_from(["1\x01", "1\t", "1\x1f", "1\x7f"])), 1)
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=1500, deadline=None)
@given(event_objects())
@example(GOOD_LINE)
@example(GOOD_LINE.replace(b'"v":1', b'"v":1.0'))
@example(GOOD_LINE.replace(b'"v":1', b'"v":true'))
@example(GOOD_LINE.replace(b'"id":"0b7e', b'"id":"\\ud800'))
@example(GOOD_LINE.replace(b"}", b',"recovery_s":5}'))
@example(GOOD_LINE.replace(b"}", b',"recovery_s":1e400}'))
@example(GOOD_LINE.replace(b"}", b',"felt":3.0}'))
@example(GOOD_LINE.replace(b"}", b',"hard":false}'))
@example(GOOD_LINE.replace(b"}", b',"reason":"too pricey"}'))
@example(GOOD_LINE.replace(b"}", b',"note":null}'))
@example(GOOD_LINE.replace(b'"kind"', b'"kind":"void","kind"'))
@example(GOOD_LINE + b" x")
@example(b"\xef\xbb\xbf" + GOOD_LINE)
@example(GOOD_LINE.replace(b"Tuesday", b"Tues\xffday"))
def test_the_typed_path_reads_an_object_exactly_as_the_validator_does(raw: bytes) -> None:
    agree(raw)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
@example(b"[" * 100_000)
@example(b'{"id":' + b"[" * 100_000)
@example(b"NaN")
@example(b'{"v":1,"id":"a","at":"2026-11-23T09:30:00+01:00","kind":"win","note":"x","felt":NaN}')
@example(b"")
@example(b"null")
def test_the_typed_path_refuses_what_the_validator_refuses_in_any_bytes(raw: bytes | str) -> None:
    agree(raw)


def test_the_typed_path_takes_the_lines_the_app_writes() -> None:
    """The fast path is no fast path if it hands every line on: what the journal holds, it takes."""
    from companion.core.calendar import zone
    from companion.core.clock import SystemClock
    from companion.demo import history

    events = history(SystemClock().now(), zone("Europe/Berlin"), days=20, seed=3)
    assert events
    for event in events:
        line = encode(event)
        assert encode_line(event) == line  # the same bytes, whichever encoder wrote them
        assert typed_event(line) == event
        assert old_parse(line) == event


def test_the_validator_hands_an_events_fields_over_in_its_own_order() -> None:
    """_finish builds an Event from its fields by position: their order is Event's."""
    from companion.core.events import _OPTIONAL, _UNSET
    from companion.core.wire import EventFields

    assert tuple(_UNSET) == _OPTIONAL == Event.__slots__[3:]
    assert EventFields.__struct_fields__[4:] == _OPTIONAL


_OFFSETS = st.one_of(
    st.integers(-24 * 60 + 1, 24 * 60 - 1).map(lambda minutes: timedelta(minutes=minutes)),
    st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)),
)


@settings(max_examples=500, deadline=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.one_of(_OFFSETS.map(timezone), st.just(UTC), st.timezones()),
)
@example(datetime(2025, 3, 4, 10, 5), timezone(timedelta(hours=1)))
@example(datetime(2025, 3, 4, 10, 5, 0, 120), timezone(timedelta(hours=-5, minutes=-30)))
@example(datetime(2025, 3, 4, 10, 5), timezone(timedelta(0)))
@example(datetime(2025, 3, 4, 10, 5, 7), timezone(timedelta(hours=1, seconds=5)))
@example(datetime(2025, 3, 4, 10, 5, 7), timezone(timedelta(minutes=-1, microseconds=1)))
@example(datetime(999, 3, 4, 10, 5, 7), timezone(timedelta(hours=2)))
def test_a_line_writes_its_time_as_isoformat_at_any_offset(wall: datetime, tz: tzinfo) -> None:
    """encode_line leaves a time at a fixed offset to msgspec where it writes isoformat's text
    (whole minutes, not zero): the bytes are the json module's either way, whatever the offset."""
    event = Event(id="a", at=wall.replace(tzinfo=tz), kind=EventKind.OUTCOME, outcome=Outcome.NO)
    assert encode_line(event) == encode(event)
    assert encode_line(event) == encode(event)  # a second time, with the offset's rule kept
    assert isoformat(event.at) == event.at.isoformat()
