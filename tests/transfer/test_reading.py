"""The front door of an import: JSON or CSV by the file's name or first text, nothing from the
future (a minute ahead forgiven), no id twice, and the first bad row the one named."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion.transfer import BadImportError
from tests.transfer.import_helpers import NOW, assert_named, each_bad, read_all


def test_a_file_named_json_is_read_as_json() -> None:
    with pytest.raises(BadImportError, match="expected a JSON list"):
        read_all("timestamp,outcome\n", json_hint=True)


def test_a_header_alone_imports_nothing() -> None:
    assert read_all("timestamp,outcome\n") == []
    assert read_all("[]") == []


def future(minutes: int) -> str:
    return (NOW + timedelta(minutes=minutes)).isoformat()


BAD_FILE: list[tuple[str, str, int, str]] = [
    ("in the future", f"timestamp,outcome\n{future(2)},no\n", 2, "is in the future"),
    (
        "json in the future",
        f'[{{"id": "a", "at": "{future(2)}", "kind": "outcome", "outcome": "no"}}]',
        1,
        "is in the future",
    ),
    (
        "id twice",
        "timestamp,outcome,id\n2026-11-20T14:05,no,a\n2026-11-20T14:06,no,a\n",
        3,
        "id 'a' is used by an earlier event in this file",
    ),
]


@each_bad(BAD_FILE)
def test_a_bad_row_is_named_by_its_line(text: str, line: int, why: str) -> None:
    assert_named(text, line, why)


def test_the_first_bad_row_in_the_file_is_the_one_named() -> None:
    text = f"timestamp,outcome\n{future(5)},no\n2026-11-20T14:06,maybe\n"
    with pytest.raises(BadImportError) as raised:
        read_all(text)
    assert raised.value.line == 2


def test_a_minute_ahead_is_forgiven() -> None:
    assert len(read_all(f"timestamp,outcome\n{(NOW + timedelta(seconds=59)).isoformat()},no\n")) == 1
