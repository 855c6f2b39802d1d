"""Events as JSON bytes, typed, by msgspec: a line decoded straight into an event's fields, and
an event encoded in one pass. Imported only where many events are read or written at once (an
import, a fold, a long journal): msgspec takes about 10 ms to import, more than a command that
reads a few lines saves by it.

The rules of what an event is stay in core.events (Event.from_dict and the checks it runs):
EventFields only says which keys an event has and the JSON type of each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from companion.core.events import Event

Raw = msgspec.Raw


class EventFields(msgspec.Struct, forbid_unknown_fields=True):
    """An event's JSON object as msgspec decodes it: only the keys an event has, each of its
    JSON type (a number for seconds may be written whole). The checks of each value, and the
    rules between them, are the validator's."""

    id: str
    at: str
    kind: str
    v: int = 1
    # core.events._OPTIONAL, in its order (optional_values hands them over so).
    session: str | None = None
    outcome: str | None = None
    reason: str | None = None
    cause: str | None = None
    note: str | None = None
    target: str | None = None
    ritual: str | None = None
    recovery_s: float | None = None
    hesitation_s: float | None = None
    source: str | None = None
    felt: int | None = None
    lesson: str | None = None
    hard: bool | None = None
    story: str | None = None


_FIELDS = msgspec.json.Decoder(EventFields)


def decode_fields(raw: bytes | str) -> EventFields | None:
    """The line's fields, or None when it is not an object of an event's keys and JSON types
    (or not JSON, not UTF-8): the full validator then says why."""
    try:
        return _FIELDS.decode(raw)
    except (msgspec.DecodeError, ValueError, RecursionError):  # a ValidationError too
        return None


def optional_values(fields: EventFields) -> Sequence[Any]:
    """The optional fields' values, in core.events._OPTIONAL's order."""
    return msgspec.structs.astuple(fields)[4:]


class _Line(msgspec.Struct, omit_defaults=True):
    """An event's JSON shape, as Event.to_dict makes it (fixed keys first, then each optional
    one that is set, in this order): encoded in one pass, the same JSON as
    json.dumps(event.to_dict(), ensure_ascii=False, separators=(",", ":"))."""

    v: int
    id: str
    at: str | datetime  # a datetime only where msgspec writes isoformat's text (_WRITES_ISO)
    kind: str
    session: str | None = None
    outcome: str | None = None
    reason: str | None = None
    cause: str | None = None
    note: str | None = None
    target: str | None = None
    ritual: str | None = None
    recovery_s: float | None = None
    hesitation_s: float | None = None
    source: str | None = None
    felt: int | None = None
    lesson: str | None = None
    hard: bool | None = None
    story: str | None = None


_ENCODER = msgspec.json.Encoder()
encode_json = _ENCODER.encode


_MINUTE = timedelta(minutes=1)
# For each fixed offset seen, whether msgspec writes a time at it as datetime.isoformat does: it
# does for any offset in whole minutes but zero (which it writes as Z, isoformat as +00:00; an
# offset's seconds it leaves out). msgspec writes it in C, about 0.5 us less than isoformat: an
# import of a million calls writes a million.
_WRITES_ISO: dict[timezone, bool] = {}


def _writes_iso(tz: timezone) -> bool:
    offset = tz.utcoffset(None)
    fits = bool(offset) and not offset % _MINUTE
    if len(_WRITES_ISO) < 10_000:  # offsets in whole minutes are under 3,000; others are rare
        _WRITES_ISO[tz] = fits
    return fits


def isoformat(at: datetime) -> str:
    """at.isoformat(), written by msgspec where it writes the same text (_WRITES_ISO)."""
    tz = at.tzinfo
    fits = _WRITES_ISO.get(tz) if type(tz) is timezone else False
    if fits is None:
        fits = _writes_iso(tz)  # type: ignore[arg-type]  # a timezone, not yet seen
    return _ENCODER.encode(at)[1:-1].decode() if fits else at.isoformat()


def encode_line(e: Event) -> bytes:
    """One journal line: the event's JSON and a newline (an Enum is written as its value)."""
    at: str | datetime = e.at
    tz = e.at.tzinfo  # a fixed offset for every event the validator built (datetime.fromisoformat)
    fits = _WRITES_ISO.get(tz) if type(tz) is timezone else False
    if fits is None:
        fits = _writes_iso(tz)  # type: ignore[arg-type]  # a timezone, not yet seen
    if not fits:
        at = e.at.isoformat()
    return (
        _ENCODER.encode(
            _Line(
                1,
                e.id,
                at,
                e.kind,
                e.session,
                e.outcome,
                e.reason,
                e.cause,
                e.note,
                e.target,
                e.ritual,
                e.recovery_s,
                e.hesitation_s,
                e.source,
                e.felt,
                e.lesson,
                e.hard,
                e.story,
            )
        )
        + b"\n"
    )


class _Id(msgspec.Struct):
    """Only an event's id."""

    id: str


_IDS = msgspec.json.Decoder(_Id)


def ids_of_lines(raw: bytes) -> list[str]:
    """The id of each line of `raw`, lines this process wrote and checked (JSON lines)."""
    return [one.id for one in _IDS.decode_lines(raw)]
