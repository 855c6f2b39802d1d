"""Our JSON read back, an item at a time in any layout: each event as it was, a time without an
offset read in the zone, and a bad item named by the line it starts on."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.outcomes import Outcome
from companion.core.tags import clean_note
from companion.transfer import BadImportError, Window, read_import, to_json
from tests.conftest import START, at
from tests.transfer.helpers import call, void
from tests.transfer.import_helpers import (
    ENDINGS,
    NOW,
    TZ,
    assert_named,
    each_bad,
    in_pieces,
    notes,
    read_all,
)


def test_our_json_reads_back_exactly() -> None:
    no = call(at("10:00"), Outcome.NO, note="[bold]x[/bold]")
    events = [no, void(at("10:01"), no), call(at("10:02"), Outcome.MEETING)]
    back = read_all(to_json(events, Window(TZ)))
    assert [e.to_dict() for e in back] == [e.to_dict() for e in events]


def test_json_times_without_offset_are_read_in_the_zone() -> None:
    item = {"id": "x1", "at": "2026-11-20T14:05", "kind": "outcome", "outcome": "no"}
    assert read_all(json.dumps([item]))[0].at.isoformat() == "2026-11-20T14:05:00+01:00"


@pytest.mark.usefixtures("tiny_pieces")
def test_a_pretty_printed_json_list_is_read_item_by_item_across_pieces() -> None:
    text = (
        '[\n  {\n    "id": "a-1",\n    "at": "2026-11-20T09:00:00+01:00",\n'
        '    "kind": "outcome",\n    "outcome": "no"\n  },\n'
        '  {"id": "a-2", "at": "2026-11-20T09:05:00+01:00", "kind": "outcome", "outcome": "yes"}\n]\n'
    )
    with pytest.raises(BadImportError) as refused:
        read_import(text, TZ, NOW)
    assert refused.value.line == 8
    assert [e.id for e in read_import(text.replace('"yes"', '"meeting"'), TZ, NOW)] == ["a-1", "a-2"]


@pytest.mark.parametrize("ending", ENDINGS)
def test_json_errors_are_named_by_their_line_whatever_the_line_ends(ending: str) -> None:
    lines = [
        "[",
        '{"id": "a", "at": "2026-11-20T09:00:00+01:00",',
        '"kind": "outcome", "outcome": "no"},',
        "{oops}",
        "]",
    ]
    with pytest.raises(BadImportError) as refused:
        read_import(ending.join(lines) + ending, TZ, NOW)
    assert refused.value.line == 4


def test_an_event_spread_over_many_lines_is_decoded_a_few_times_not_once_a_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries: list[int] = []
    real = json.JSONDecoder.raw_decode

    def counted(self: json.JSONDecoder, text: str, index: int = 0) -> tuple[Any, int]:
        tries.append(len(text))
        return real(self, text, index)

    monkeypatch.setattr(json.JSONDecoder, "raw_decode", counted)
    padding = "\n" * 15_000
    text = f'[{{"id": "a",{padding}"at": "2026-11-20T09:00:00+01:00", "kind": "outcome", "outcome": "no"}}]\n'
    [event] = read_import(text, TZ, NOW)
    assert event.id == "a"
    assert len(tries) < 20  # each try on twice the text of the one before


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 10_000), notes), min_size=1, max_size=6),
    st.sampled_from([None, 0, 2, "\t"]),
    st.sampled_from(ENDINGS),
    st.integers(1, 12),
)
def test_a_json_list_in_any_layout_reads_as_json_itself_reads_it(
    calls: list[tuple[int, str]], indent: int | str | None, ending: str, piece: int
) -> None:
    items = [
        {
            "id": f"call-{n}",
            "at": (START + timedelta(minutes=minute)).isoformat(),
            "kind": "outcome",
            "outcome": "no",
            "note": note,
        }
        for n, (minute, note) in enumerate(calls)
    ]
    text = json.dumps(items, indent=indent, ensure_ascii=False).replace("\n", ending)
    with in_pieces(piece):
        read = read_import(text, TZ, NOW + timedelta(days=8))
    assert [(e.id, e.at, e.note) for e in read] == [
        (item["id"], datetime.fromisoformat(str(item["at"])), clean_note(str(item["note"]))) for item in items
    ]


BAD_JSON: list[tuple[str, str, int, str]] = [
    ("json object", '{"events": []}', 1, "expected a JSON list of events"),
    (
        "json syntax",
        '[\n{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}\n{"id": "b"}\n]',
        3,
        "not valid JSON",
    ),
    ("json syntax inside", '[\n{"id": "a",\n "at": }\n]', 3, "not valid JSON"),
    (
        "json event lacks id",
        '[\n{"at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}\n]',
        2,
        "event lacks 'id'",
    ),
    ("json not an object", "[\n1\n]", 2, "each event must be a JSON object"),
    (
        "json unknown kind",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "call"}]',
        1,
        "unknown kind 'call'; valid kinds: outcome, void",
    ),
    (
        "json unknown outcome",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "yes"}]',
        1,
        "unknown outcome 'yes'; valid outcomes",
    ),
    (
        "json NaN",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "ritual", "target": "b",\n'
        '"ritual": "completed", "recovery_s": NaN}]',
        1,
        "NaN is not a number",
    ),
    (
        "json newer schema",
        '[{"v": 99, "id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome"}]',
        1,
        "newer than this app knows",
    ),
    ("json trailing text", "[]\n\nmore", 3, "unexpected text after the list"),
    (
        "json missing bracket",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}',
        1,
        "expected ',' or ']'",
    ),
]


@each_bad(BAD_JSON)
def test_a_bad_json_event_is_named_by_its_line(text: str, line: int, why: str) -> None:
    assert_named(text, line, why)
