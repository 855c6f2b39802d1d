"""What the tests of reading an import share: the zone, a moment after every row in them, reading
a text, the refusal of a bad one, and files read a few bytes at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, timedelta

import pytest
from hypothesis import strategies as st

from companion.core.calendar import zone
from companion.core.events import Event
from companion.transfer import BadImportError, read_import
from companion.transfer.reading import lines as lines_module
from tests.conftest import START, ZONE

TZ = zone(ZONE)
NOW = START + timedelta(hours=8)
ENDINGS = ("\n", "\r\n", "\r")

notes = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cf"]), max_size=30) | st.sampled_from(
    ['say "hi", then', "two\nlines", "a\r\nb", "=SUM(A1)", "'=x", "-", "ends with \\"]
)


def read(text: str) -> list[tuple[str, str]]:
    """(UTC time, outcome) of each event read from `text`."""
    return [(e.at.astimezone(UTC).isoformat(), e.outcome.value if e.outcome else "") for e in read_all(text)]


def read_all(text: str, *, json_hint: bool = False) -> list[Event]:
    return read_import(text, TZ, NOW, json_hint=json_hint)


def refusal(text: str) -> BadImportError:
    """The error reading `text` stops at."""
    with pytest.raises(BadImportError) as raised:
        read_all(text)
    return raised.value


def each_bad(table: Sequence[tuple[str, str, int, str]]) -> pytest.MarkDecorator:
    """A test per row of a table of (name, text, line, why): the text an import refuses, the
    line it names and the words of its reason."""
    return pytest.mark.parametrize(("text", "line", "why"), [c[1:] for c in table], ids=[c[0] for c in table])


def assert_named(text: str, line: int, why: str) -> None:
    """Reading `text` stops at `line`, saying `why`."""
    refused = refusal(text)
    assert refused.line == line
    assert why in refused.why


@contextmanager
def in_pieces(size: int) -> Iterator[None]:
    """Imports read `size` bytes at a time (for hypothesis tests, which cannot take monkeypatch)."""
    old = lines_module.READ_BYTES
    lines_module.READ_BYTES = size
    try:
        yield
    finally:
        lines_module.READ_BYTES = old
