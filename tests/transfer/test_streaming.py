"""An import is read a piece at a time: whatever the pieces' size, the rows, their line numbers
and the ids given are the ones a whole-file read gives."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.calendar import zone
from companion.core.tags import clean_note
from companion.transfer import BadImportError, read_import
from companion.transfer.export import guard
from companion.transfer.reading import ROW_NAMESPACE, ImportReader
from companion.transfer.reading import lines as lines_module
from companion.transfer.reading.row_fields import row_id
from tests.conftest import START, ZONE

TZ = zone(ZONE)
NOW = START + timedelta(hours=8)
ENDINGS = ("\n", "\r\n", "\r")


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 7 bytes: every line end, character and item falls across a boundary somewhere."""
    monkeypatch.setattr(lines_module, "READ_BYTES", 7)


def rows(n: int, ending: str = "\n") -> str:
    lines = ["timestamp,outcome,note", *(f"2026-11-20T09:{i % 60:02d},no,note {i} é" for i in range(n))]
    return ending.join(lines) + ending


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(ENDINGS), min_size=4, max_size=4), st.integers(1, 9), st.booleans())
def test_any_line_endings_and_any_piece_size_read_the_same_rows(
    endings: list[str], piece: int, bom: bool
) -> None:
    body = "".join(
        f"{line}{end}"
        for line, end in zip(
            ["timestamp,outcome", "2026-11-20T09:00,no", "2026-11-20T09:01,meeting", "2026-11-20T09:02,no"],
            endings,
            strict=True,
        )
    )
    whole = read_import(body, TZ, NOW)
    old = lines_module.READ_BYTES
    lines_module.READ_BYTES = piece
    try:
        data = ("\ufeff" if bom else "") + body
        pieces = list(ImportReader(io.BytesIO(data.encode()), TZ, NOW))
    finally:
        lines_module.READ_BYTES = old
    assert pieces == whole
    assert [e.outcome.value for e in pieces if e.outcome] == ["no", "meeting", "no"]


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize("ending", ENDINGS)
def test_a_bad_row_is_named_by_its_line_across_pieces(ending: str) -> None:
    text = rows(40, ending).replace("note 30 é", "x", 1).replace("09:30,no,x", "09:30,maybe,x")
    with pytest.raises(BadImportError) as refused:
        read_import(text, TZ, NOW)
    assert refused.value.line == 32  # the header, then rows 0..29, then the bad one
    assert "unknown outcome 'maybe'" in refused.value.why


@pytest.mark.usefixtures("tiny_pieces")
def test_a_byte_that_is_not_utf8_is_named_by_its_line_across_pieces() -> None:
    data = rows(50).encode().replace(b"note 44 \xc3\xa9", b"note 44 \xe9")
    with pytest.raises(BadImportError) as refused:
        list(ImportReader(io.BytesIO(data), TZ, NOW))
    assert refused.value.line == 46
    assert "not UTF-8" in refused.value.why


@pytest.mark.usefixtures("tiny_pieces")
def test_a_quoted_note_over_several_lines_is_one_row_named_by_its_first_line() -> None:
    text = 'timestamp,outcome,note\n2026-11-20T09:00,no,"first\nsecond\r\nthird"\n2026-11-20T09:01,maybe,x\n'
    with pytest.raises(BadImportError) as refused:
        read_import(text, TZ, NOW)
    assert refused.value.line == 5


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


def test_a_line_longer_than_any_call_is_refused_without_holding_it() -> None:
    data = b"timestamp,outcome,note\n2026-11-20T09:00,no," + b"x" * 10_000_000
    with pytest.raises(BadImportError) as refused:
        list(ImportReader(io.BytesIO(data), TZ, NOW))
    assert refused.value.line == 2
    assert "longer than" in refused.value.why


def test_a_carriage_return_last_in_a_piece_waits_for_its_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "timestamp,outcome\r\n2026-11-20T09:00,no\r\n"
    monkeypatch.setattr(lines_module, "READ_BYTES", text.index("\r") + 1)
    assert len(read_import(text, TZ, NOW)) == 1  # not a blank line between the header and the row


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=30), st.integers(0, 3))
def test_row_ids_are_uuid5_as_the_standard_library_makes_them(note: str, earlier: int) -> None:
    from companion.core.outcomes import Outcome

    at = START.astimezone(UTC)
    seen: set[str] = set()
    for _ in range(earlier):
        row_id(at, Outcome.NO, None, None, note, None, seen)
    made = row_id(at, Outcome.NO, None, None, note, None, seen)
    content = "\x1f".join((at.isoformat(), "no", "", "", note, ""))
    assert made == str(uuid.uuid5(ROW_NAMESPACE, f"{content}\x1e{earlier}"))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", made)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbftimestamp,outcome\n2026-11-20T09:00,no\n\xff2026-11-20T09:01,no\n",  # after a BOM
        b"timestamp,outcome\r2026-11-20T09:00,no\r\xff2026-11-20T09:01,no\r",  # carriage returns alone
    ],
    ids=["byte-order-mark", "carriage-returns"],
)
@pytest.mark.parametrize("piece", range(1, 40))
def test_a_bad_byte_is_named_by_its_line_wherever_the_pieces_break(
    monkeypatch: pytest.MonkeyPatch, piece: int, data: bytes
) -> None:
    monkeypatch.setattr(lines_module, "READ_BYTES", piece)
    with pytest.raises(BadImportError) as refused:
        list(ImportReader(io.BytesIO(data), TZ, NOW))
    assert refused.value.line == 3


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


notes = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cf"]), max_size=30) | st.sampled_from(
    ['say "hi", then', "two\nlines", "a\r\nb", "=SUM(A1)", "'=x", "-", "ends with \\"]
)


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
    old = lines_module.READ_BYTES
    lines_module.READ_BYTES = piece
    try:
        read = read_import(text, TZ, NOW + timedelta(days=8))
    finally:
        lines_module.READ_BYTES = old
    assert [(e.id, e.at, e.note) for e in read] == [
        (item["id"], datetime.fromisoformat(str(item["at"])), clean_note(str(item["note"]))) for item in items
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(notes, min_size=1, max_size=6), st.sampled_from(ENDINGS), st.integers(1, 12))
def test_a_csv_in_any_line_ending_and_quoting_reads_as_the_csv_module_wrote_it(
    cells: list[str], ending: str, piece: int
) -> None:
    out = io.StringIO()
    # Every cell quoted: a line break inside one is then data whatever ends the lines.
    writer = csv.writer(out, lineterminator=ending, quoting=csv.QUOTE_ALL)
    writer.writerow(["timestamp", "outcome", "note"])
    for n, note in enumerate(cells):
        writer.writerow([f"2026-11-20T09:{n:02d}", "no", guard(note)])
    old = lines_module.READ_BYTES
    lines_module.READ_BYTES = piece
    try:
        read = read_import(out.getvalue(), TZ, NOW)
    finally:
        lines_module.READ_BYTES = old
    assert [e.note for e in read] == [clean_note(note) or None for note in cells]
