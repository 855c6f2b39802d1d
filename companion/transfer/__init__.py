"""History in and out of Companion, as text: no I/O and no textual here.

- export: events to CSV (live calls) or JSON (every event); `Window` picks the days.
- report: events to a readable Markdown report.
- reading: import files (our JSON, our CSV, a minimal `timestamp,outcome` CSV) back to events,
  every row checked before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.core.events import Event
from companion.transfer.export import CSV_COLUMNS, FORMATS, Window, live_calls, to_csv, to_json
from companion.transfer.reading import BadImportError, ImportReader, ignored_columns, is_json, read_import
from companion.transfer.report import to_markdown

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "BadImportError",
    "ImportReader",
    "Window",
    "ignored_columns",
    "is_json",
    "live_calls",
    "read_import",
    "render",
    "to_csv",
    "to_json",
    "to_markdown",
]


def render(fmt: str, events: Sequence[Event], window: Window) -> str:
    """The export of `events` in `window` as `fmt` (one of FORMATS)."""
    if fmt == "csv":
        return to_csv(events, window)
    if fmt == "json":
        return to_json(events, window)
    if fmt == "md":
        return to_markdown(events, window)
    raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
