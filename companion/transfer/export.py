"""Events out: CSV with one row per live call, JSON with every event (a lossless round trip)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, local
from companion.core.events import Event, sort_key
from companion.core.ledger import Ledger

FORMATS = ("csv", "json", "md")
# Later columns go at the end, so sheets that read by position stand: `felt` (how bad a no felt,
# 1-5), then `hard` (a no that landed hard: "yes" or empty) and `story` (the story it named).
CSV_COLUMNS = ("timestamp", "outcome", "reason", "cause", "note", "session", "id", "felt", "hard", "story")

# A cell a spreadsheet would run as a formula starts with one of these (OWASP, CSV injection),
# full-width forms too. Spaces and quotes before one do not stop it (a sheet may trim them).
_STARTS = "=+\\-@\t\r\uff1d\uff0b\uff0d\uff20"
# Where a spreadsheet may start a cell: the start of ours, and after any list separator a
# locale uses (comma, semicolon, tab, the Arabic and full-width forms) or a line break, since a
# sheet that splits on `;` never sees our commas and quotes.
_SEPARATORS = ",;\t\r\n\u061b\uff0c\uff1b"
# Each such start gets a `'` after it (and one more when it already has some), which sheets
# show as text; `unguard` takes exactly that one off again on import.
_FORMULA = re.compile(f"(^|[{_SEPARATORS}])([ '\"]*)(?=[{_STARTS}])")
_GUARDED = re.compile(f"(^|[{_SEPARATORS}])'([ '\"]*)(?=[{_STARTS}])")

_FAR_PAST = datetime(1, 1, 2, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 12, 30, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Window:
    """The days an export covers, both ends included, in the rep's zone; None is open-ended."""

    tz: Timezone
    since: date | None = None
    until: date | None = None

    @property
    def start(self) -> datetime:
        return day_bounds(self.since, self.tz)[0] if self.since else _FAR_PAST

    @property
    def end(self) -> datetime:
        return day_bounds(self.until, self.tz)[1] if self.until else _FAR_FUTURE


def guard(cell: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula, however it splits the line: a `'`
    after the cell's start and after each separator inside it, where a formula would start."""
    return _FORMULA.sub(r"\1'\2", cell)


def unguard(cell: str) -> str:
    """The text a guarded cell stood for (any other cell as it is): unguard(guard(x)) == x."""
    # A guarded cell holds a `'`; a dialer's million cells mostly hold none and skip the regex.
    return _GUARDED.sub(r"\1\2", cell) if "'" in cell else cell


def live_calls(events: Iterable[Event], window: Window) -> tuple[Event, ...]:
    """The outcomes that count, tags applied, voided ones left out, in time order. The ledger
    sees every event, so an undo recorded after the window still voids its call."""
    return Ledger(events).outcomes_between(window.start, window.end)


def to_csv(events: Iterable[Event], window: Window) -> str:
    """A header and one row per live call, timestamps in the rep's zone with their offset."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for call in live_calls(events, window):
        writer.writerow(
            (
                local(call.at, window.tz).isoformat(),
                call.outcome.value if call.outcome else "",
                guard(call.reason or ""),
                guard(call.cause or ""),
                guard(call.note or ""),
                guard(call.session or ""),
                guard(call.id),
                "" if call.felt is None else str(call.felt),
                "yes" if call.hard else "",
                guard(call.story or ""),
            )
        )
    return out.getvalue()


def json_events(events: Iterable[Event], window: Window) -> list[Event]:
    """Every event in the window, in time order. An undo, tag or ritual recorded just after the
    window travels with its call, so a partial export never brings a voided call back."""
    ordered = sorted({event.id: event for event in events}.values(), key=sort_key)
    start, end = window.start, window.end
    inside = {event.id for event in ordered if start <= event.at < end}
    return [e for e in ordered if e.id in inside or (e.target is not None and e.target in inside)]


def to_json(events: Iterable[Event], window: Window) -> str:
    """A JSON list of events, one a line (so import errors can name a line)."""
    lines = [json.dumps(event.to_dict(), ensure_ascii=False) for event in json_events(events, window)]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
