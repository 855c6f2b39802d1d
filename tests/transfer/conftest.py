"""Fixtures for the tests of reading an import."""

from __future__ import annotations

import pytest

from companion.transfer.reading import lines as lines_module


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 7 bytes: every line end, character and item falls across a boundary somewhere."""
    monkeypatch.setattr(lines_module, "READ_BYTES", 7)
