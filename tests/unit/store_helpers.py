"""Shared bits of the store tests: the window read, the month written, a torn line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from companion.core.events import Event
from companion.store.store import Store
from tests.unit.helpers import DAY, t

WINDOW = (t(0, day=DAY - timedelta(days=6)), t(0, day=DAY + timedelta(days=1)))
MONTH = "2026-11"
# A writer killed half-way through a line.
TORN = b'{"v":1,"id":"torn-line","at":"2026-11-23T09:0'


def ids(events: list[Event] | tuple[Event, ...]) -> list[str]:
    return sorted(e.id for e in events)


def archive_docs(store: Store, key: str = MONTH) -> list[dict[str, Any]]:
    """The raw TinyDB documents of one month, read as plain JSON."""
    data = json.loads(store.archive.path(key).read_bytes())
    return list(data["events"].values())


def fd_path(fd: int) -> str:
    return str(Path(f"/proc/self/fd/{fd}").readlink())


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name open files")
