"""An import's bytes read as lines, a piece at a time: whatever the pieces' size and the line
ends, the rows and their line numbers are the ones a whole-file read gives; a byte that is not
UTF-8, or a line longer than any call, is named by its line."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.transfer import BadImportError, read_import
from companion.transfer.reading import ImportReader
from companion.transfer.reading import lines as lines_module
from tests.transfer.import_helpers import ENDINGS, NOW, TZ, in_pieces


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
    with in_pieces(piece):
        data = ("\ufeff" if bom else "") + body
        pieces = list(ImportReader(io.BytesIO(data.encode()), TZ, NOW))
    assert pieces == whole
    assert [e.outcome.value for e in pieces if e.outcome] == ["no", "meeting", "no"]


@pytest.mark.usefixtures("tiny_pieces")
@pytest.mark.parametrize("ending", ENDINGS)
def test_a_bad_row_is_named_by_its_line_across_pieces(ending: str) -> None:
    text = rows(40, ending).replace("note 30 é", "x", 1).replace("09:30,no,x", "09:30,maybe,x")
    with pytest.raises(BadImportError) as refused:
        read_import(text, TZ, NOW)
    assert refused.value.line == 32  # the header, then rows 0..29, then the bad one
    assert '1 row says "maybe"' in refused.value.why


@pytest.mark.usefixtures("tiny_pieces")
def test_a_byte_that_is_not_utf8_is_named_by_its_line_across_pieces() -> None:
    data = rows(50).encode().replace(b"note 44 \xc3\xa9", b"note 44 \xe9")
    with pytest.raises(BadImportError) as refused:
        list(ImportReader(io.BytesIO(data), TZ, NOW))
    assert refused.value.line == 46
    assert "not UTF-8" in refused.value.why


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
