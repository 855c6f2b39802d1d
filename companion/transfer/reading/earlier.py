"""What earlier imports left, for a new import to know its rows again: every imported call's
id and time, the imports' records and what was undone. Pure data: the caller reads the events
(`wanted` says which) and hands them over.

An import is recorded as one event of kind `import` (id `import-TOKEN`, at the time it was
made, its note saying the file, how many calls, the date order and the zone); its calls carry
the source `import-TOKEN`. Undoing it voids each of its calls and the record, with the source
UNDO_SOURCE: history is never rewritten. A row undone so can come back as a new call; one the
rep voided by hand does not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from companion.core.events import Event, EventKind

IMPORT_PREFIX = "import-"  # a record's id and its calls' source: import-TOKEN
UNDO_SOURCE = "undo-import"  # the source of the voids an undone import is


def import_source(token: str) -> str:
    return f"{IMPORT_PREFIX}{token}"


def wanted(event: Event) -> bool:
    """The events Earlier is made of (the rest of the history need not be held)."""
    if event.kind is EventKind.OUTCOME:
        return (event.source or "").startswith("import")
    return event.kind in (EventKind.VOID, EventKind.IMPORT)


@dataclass(slots=True)
class Earlier:
    """Imported calls by id (`calls`: time and source), ids voided (`voided`) and those voided
    by undoing an import (`undone`), and the records of imports by id."""

    calls: dict[str, tuple[datetime, str | None]] = field(default_factory=dict)
    voided: set[str] = field(default_factory=set)
    undone: set[str] = field(default_factory=set)
    records: dict[str, Event] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[Event]) -> Earlier:
        earlier = cls()
        for event in events:
            if event.kind is EventKind.OUTCOME and (event.source or "").startswith("import"):
                earlier.calls[event.id] = (event.at, event.source)
            elif event.kind is EventKind.VOID and event.target:
                earlier.voided.add(event.target)
                if event.source == UNDO_SOURCE:
                    earlier.undone.add(event.target)
            elif event.kind is EventKind.IMPORT:
                earlier.records[event.id] = event
        return earlier

    def record_of(self, source: str | None) -> Event | None:
        """The record of the import a call with `source` came in by (None before records)."""
        if source is None or not source.startswith(IMPORT_PREFIX):
            return None
        return self.records.get(source)
