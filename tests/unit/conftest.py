"""Fixtures for the unit tests of the pure core and the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.store.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store in a private data folder of its own."""
    return Store(tmp_path / "data").prepare()
