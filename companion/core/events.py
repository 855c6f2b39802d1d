"""Events: the one record of everything that happened. History is never rewritten; undo and
edits are new events that point at the event they change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from companion.core.outcomes import Outcome

SCHEMA_VERSION = 1


class EventKind(StrEnum):
    """What an event records."""

    OUTCOME = "outcome"  # one dial and how it ended
    VOID = "void"  # undo: `target` no longer counts
    TAG = "tag"  # reason/cause/note added to `target` (an outcome)
    BLOCK_START = "block-start"
    BLOCK_END = "block-end"
    PAUSE = "pause"
    RESUME = "resume"
    RITUAL = "ritual"  # how the reset after `target` ended


class RitualEnd(StrEnum):
    """How a reset ritual ended."""

    COMPLETED = "completed"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"


class InvalidEventError(ValueError):
    """A stored line that is not a valid event of a schema we know."""


@dataclass(frozen=True, slots=True)
class Event:
    """One immutable fact, stored as one JSON object."""

    id: str
    at: datetime
    kind: EventKind
    session: str | None = None
    outcome: Outcome | None = None
    reason: str | None = None
    cause: str | None = None
    note: str | None = None
    target: str | None = None
    ritual: RitualEnd | None = None
    recovery_s: float | None = None
    hesitation_s: float | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: fixed keys first, optional ones only when set."""
        data: dict[str, Any] = {
            "v": SCHEMA_VERSION,
            "id": self.id,
            "at": self.at.isoformat(),
            "kind": self.kind.value,
        }
        for name in _OPTIONAL:
            value = getattr(self, name)
            if value is not None:
                data[name] = value.value if isinstance(value, StrEnum) else value
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Event:
        """Parse one stored event; InvalidEventError says what is wrong."""
        if not isinstance(data, dict):
            raise InvalidEventError("an event must be a JSON object")
        version = data.get("v", SCHEMA_VERSION)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InvalidEventError(f"event schema version {version!r} is not a version")
        if version > SCHEMA_VERSION:
            raise InvalidEventError(f"event schema version {version!r} is newer than this app knows")
        try:
            event_id = data["id"]
            at = parse_instant(data["at"])
            kind = EventKind(data["kind"])
        except KeyError as missing:
            raise InvalidEventError(f"event lacks {missing}") from None
        except ValueError as error:
            raise InvalidEventError(str(error)) from None
        if not isinstance(event_id, str) or not event_id:
            raise InvalidEventError("event id must be a non-empty string")
        fields: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                raise InvalidEventError(f"{name} must be text")
            fields[name] = value
        for name in ("recovery_s", "hesitation_s"):
            value = data.get(name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e9
            ):
                raise InvalidEventError(f"{name} must be a number of seconds, 0 or more")
            fields[name] = None if value is None else float(value)
        try:
            outcome = Outcome(data["outcome"]) if data.get("outcome") is not None else None
            ritual = RitualEnd(data["ritual"]) if data.get("ritual") is not None else None
        except ValueError as error:
            raise InvalidEventError(str(error)) from None
        if kind is EventKind.OUTCOME and outcome is None:
            raise InvalidEventError("an outcome event needs an outcome")
        if kind in (EventKind.VOID, EventKind.TAG, EventKind.RITUAL) and not fields["target"]:
            raise InvalidEventError(f"a {kind.value} event needs a target")
        return cls(id=event_id, at=at, kind=kind, outcome=outcome, ritual=ritual, **fields)


_OPTIONAL = (
    "session",
    "outcome",
    "reason",
    "cause",
    "note",
    "target",
    "ritual",
    "recovery_s",
    "hesitation_s",
    "source",
)
_TEXT_FIELDS = ("session", "reason", "cause", "note", "target", "source")


def new_id() -> str:
    """A fresh event id."""
    return str(uuid.uuid4())


def parse_instant(value: Any) -> datetime:
    """An ISO-8601 timestamp that carries its offset, as an aware datetime."""
    if not isinstance(value, str):
        raise ValueError("timestamp must be ISO-8601 text")
    moment = datetime.fromisoformat(value)
    if not 1970 <= moment.year <= 9998:
        raise ValueError(f"timestamp {value!r} is out of range (years 1970 to 9998)")
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no UTC offset")
    return moment


def make_event(kind: EventKind, at: datetime, **fields: Any) -> Event:
    """A new event with a fresh id, its time kept with its offset."""
    if at.tzinfo is None:
        raise ValueError("event time must be aware")
    return Event(id=new_id(), at=at, kind=kind, **fields)


def sort_key(event: Event) -> datetime:
    """Chronological order. Sorts are stable, so events at the same instant keep the order
    they were recorded in (a tag pressed twice in one clock tick: the second one wins)."""
    return event.at.astimezone(UTC)
