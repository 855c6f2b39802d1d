"""Events: the one record of everything that happened. History is never rewritten; undo and
edits are new events that point at the event they change."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from companion.core.wire import EventFields

from companion.core.calendar import FIRST_YEAR, LAST_YEAR
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSES, NOTE_MAX, REASONS, has_control, note_too_long

SCHEMA_VERSION = 1
# An id, a block's session and a target: a uuid, or a dialer's own call id ("Call 1001"): any
# text without control codes, of a bounded length.
ID_MAX = 200
TAG_TEXT_MAX = 200
_SOURCE = re.compile(r"[a-z][a-z0-9-]{0,31}")
# One stored event is a flat object of a few hundred bytes; a 2,000-character note fits many
# times over. Anything longer is not an event, and is never parsed.
MAX_EVENT_BYTES = 16 * 1024
FELT_MIN, FELT_MAX = 1, 5


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
    # The day around the block (core.around):
    REVIEW = "review"  # the 24-hour review of `target` (a no): `lesson`, and `felt` now
    DISMISS = "dismiss"  # `target` needs no review (and leaves the rejection resume)
    WIN = "win"  # a win the rep added by hand: `note` says what
    FOCUS = "focus"  # the skill to practise today: `note` names it
    READ_BACK = "read-back"  # the rep read the rejection resume back, up to `at`
    NUDGE = "nudge"  # the app said once that old resume entries wait to be read back
    DIAL = "dial"  # the rep marked dialling for the reset after `target` (a no) from elsewhere
    # An import of a file: `note` says which, how many calls, the date order and zone it was read
    # with; its calls carry the source `import-TOKEN` (its id). A void of it and of each of its
    # calls undoes it as a whole (transfer.reading.earlier).
    IMPORT = "import"


class RitualEnd(StrEnum):
    """How a reset ritual ended."""

    COMPLETED = "completed"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"
    # `[ritual] gate = "let-through"`: the next call was logged during the timed steps (a power
    # dialer's pace). Never timed: no recovery, no hesitation.
    CUT_SHORT = "cut-short"


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
    felt: int | None = None  # how bad a no felt, 1 (barely) to 5: on a tag (then), a review (now)
    lesson: str | None = None  # a review's one line
    hard: bool | None = None  # a no that landed hard: it gets the long reset (only True is stored)
    story: str | None = None  # the story the rep caught themselves telling after a hard no (a tag)

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
                data[name] = value.value if name in _ENUMS else value
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Event:
        """The one validator of the event schema: every event read from the journal, an archive
        month or an import passes here. InvalidEventError says what is wrong."""
        if not isinstance(data, dict):
            raise InvalidEventError("an event must be a JSON object")
        if not _KEYS.issuperset(data):
            unknown = sorted(map(str, data.keys() - _KEYS))[0]
            raise InvalidEventError(f"unknown field {unknown!r} in an event")
        version = data.get("v", SCHEMA_VERSION)
        if type(version) is not int or version != SCHEMA_VERSION:
            if type(version) is not int or version < 1:
                raise InvalidEventError(f"event schema version {version!r} is not a version")
            raise InvalidEventError(f"event schema version {version!r} is newer than this app knows")
        try:
            event_id = data["id"]
            at = parse_instant(data["at"])
            kind_name = data["kind"]
        except KeyError as missing:
            raise InvalidEventError(f"event lacks {missing}") from None
        except (ValueError, TypeError) as error:
            raise InvalidEventError(str(error)) from None
        kind = _KINDS.get(kind_name) if type(kind_name) is str else None
        if kind is None:
            raise InvalidEventError(f"unknown kind {str(kind_name)[:40]!r}; valid kinds: {', '.join(_KINDS)}")
        if not _is_id(event_id):
            raise InvalidEventError(_ID_RULE.format(name="event id"))
        fields = dict(_UNSET)
        for name, value in data.items():  # the few fields an event holds, not all it may
            if value is not None:
                check = _CHECKS.get(name)
                if check is not None:
                    fields[name] = check(name, value)
        return _finish(cls, event_id, at, kind, fields)


def _finish(cls: type[Event], event_id: str, at: datetime, kind: EventKind, fields: dict[str, Any]) -> Event:
    """The event, once its fields are checked one by one: the rules between them."""
    if kind is EventKind.OUTCOME and fields["outcome"] is None:
        raise InvalidEventError("an outcome event needs an outcome")
    if kind in _NEEDS_TARGET and not fields["target"]:
        raise InvalidEventError(f"a {kind.value} event needs a target")
    if fields["hard"] and (kind is not EventKind.OUTCOME or fields["outcome"] is not Outcome.NO):
        raise InvalidEventError("only a no can be hard")
    needs = _NEEDS_TEXT.get(kind)
    if needs is not None and not fields[needs]:
        raise InvalidEventError(f"a {kind.value} event needs a {needs}")
    # `fields` holds every optional field in Event's own order (_UNSET, _OPTIONAL): passed by
    # position, a million imported calls skip matching seventeen names each.
    return cls(event_id, at, kind, *fields.values())


def _choice(valid: dict[str, Any]) -> Any:
    def check(name: str, value: Any) -> Any:
        try:
            return valid[value]
        except (KeyError, TypeError):
            shown = f"{value[:40]!r}" if isinstance(value, str) else "that is not text"
            raise InvalidEventError(
                f"unknown {name} {shown}; valid {name}s: {', '.join(v for v in valid if v)}"
            ) from None

    return check


def _tag(known: Any, otherwise: str | None) -> Any:
    """A reason or cause: one Companion knows. Plain text it does not know, as an earlier
    version could store from an import, reads as `otherwise` (its text stays in the file), so
    the call it tags still counts; text with control codes, or too long for a tag, is refused."""

    def check(name: str, value: Any) -> Any:
        try:
            return known(name, value)
        except InvalidEventError:
            if type(value) is str and len(value) <= TAG_TEXT_MAX and not has_control(value):
                return otherwise
            raise

    return check


def _token(name: str, value: Any) -> str:
    if not _is_id(value):
        raise InvalidEventError(_ID_RULE.format(name=name))
    return value


def _is_id(value: Any) -> TypeGuard[str]:
    # isprintable() (one C loop) is true for nearly every id, and then has_control is false.
    return type(value) is str and 0 < len(value) <= ID_MAX and (value.isprintable() or not has_control(value))


_ID_RULE = "{name} must be text of 1 to " + str(ID_MAX) + " characters, without control codes"


def _source(name: str, value: Any) -> str:
    if type(value) is str and value in _SOURCES_SEEN:  # an import's million calls share one
        return value
    if type(value) is not str or not _SOURCE.fullmatch(value):
        raise InvalidEventError("source must be a short lower-case word such as cli or app")
    if len(_SOURCES_SEEN) < 64:
        _SOURCES_SEEN.add(value)
    return value


_SOURCES_SEEN: set[str] = set()


def _note(name: str, value: Any) -> str:
    """Free text, whole and harmless: never longer than NOTE_MAX, no control codes."""
    if type(value) is not str:
        raise InvalidEventError(f"{name} must be text")
    if len(value) <= NOTE_MAX and value.isprintable():  # nearly every note: nothing to refuse
        return value
    too_long = note_too_long(value, name)
    if too_long:
        raise InvalidEventError(too_long)
    if has_control(value):
        raise InvalidEventError(f"a {name} may not hold control characters or escape codes")
    return value


def _felt(name: str, value: Any) -> int:
    if type(value) is not int or not FELT_MIN <= value <= FELT_MAX:
        raise InvalidEventError(f"felt must be a whole number from {FELT_MIN} to {FELT_MAX}")
    return value


def _hard(name: str, value: Any) -> bool | None:
    """Only `true` means anything; `false` is read as not set, so it is never written back."""
    if type(value) is not bool:
        raise InvalidEventError("hard must be true or false")
    return value or None


def _seconds(name: str, value: Any) -> float:
    if type(value) not in (int, float) or not 0 <= value < 1e9:
        raise InvalidEventError(f"{name} must be a number of seconds, 0 or more")
    return float(value)


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
    "felt",
    "lesson",
    "hard",
    "story",
)
_KEYS = frozenset({"v", "id", "at", "kind", *_OPTIONAL})
_ENUMS = frozenset({"outcome", "ritual"})
_KINDS = {kind.value: kind for kind in EventKind}
_NEEDS_TARGET = frozenset(
    {EventKind.VOID, EventKind.TAG, EventKind.RITUAL, EventKind.REVIEW, EventKind.DISMISS, EventKind.DIAL}
)
# Kinds that are nothing without their words: a review's lesson, a win's or a focus's note.
_NEEDS_TEXT = {EventKind.REVIEW: "lesson", EventKind.WIN: "note", EventKind.FOCUS: "note"}
# How each optional field is checked; an empty reason or cause is a tag clearing it.
_CHECKS: dict[str, Any] = {
    "session": _token,
    "outcome": _choice({o.value: o for o in Outcome}),
    "reason": _tag(_choice({"": "", **{r: r for r in REASONS}}), "other"),
    "cause": _tag(_choice({"": "", **{c: c for c in CAUSES}}), None),
    "note": _note,
    "target": _token,
    "ritual": _choice({r.value: r for r in RitualEnd}),
    "recovery_s": _seconds,
    "hesitation_s": _seconds,
    "source": _source,
    "felt": _felt,
    "lesson": _note,
    "hard": _hard,
    "story": _note,
}


_UNSET: dict[str, Any] = dict.fromkeys(_CHECKS)


def parse_event(raw: bytes | str) -> Event:
    """One event from its JSON text (a journal line, an import's item): bounded in size and
    depth, then through the one validator. InvalidEventError for anything else, never a crash."""
    if len(raw) > MAX_EVENT_BYTES:
        raise InvalidEventError(f"longer than {MAX_EVENT_BYTES // 1024} KB, which no event is")
    return Event.from_dict(load_json(raw))


def parse_event_typed(raw: bytes | str) -> Event:
    """parse_event by the typed fast path, for many lines at once: msgspec decodes a line
    straight into an event's fields, then the validator's own checks run on them. Whatever it
    does not take goes through parse_event, which decides, and says why; so a line is an
    event here exactly when parse_event says so (tests/unit/test_typed_events.py holds them to
    it). msgspec takes about 10 ms to import: a reader of a few lines is quicker without it."""
    if len(raw) > MAX_EVENT_BYTES:
        raise InvalidEventError(f"longer than {MAX_EVENT_BYTES // 1024} KB, which no event is")
    event = typed_event(raw)
    return event if event is not None else Event.from_dict(load_json(raw))


def typed_event(raw: bytes | str) -> Event | None:
    """The event a line holds, read by the typed fast path; None when that path cannot tell
    (not an event, or a form only the full validator reads): then parse_event asks it."""
    from companion.core.wire import decode_fields

    wire = decode_fields(raw)
    if wire is None or wire.v != SCHEMA_VERSION:
        return None
    kind = _KINDS.get(wire.kind)
    if kind is None or not _is_id(wire.id):
        return None
    try:
        return _finish(Event, wire.id, parse_instant(wire.at), kind, _checked(wire))
    except (ValueError, TypeError):  # InvalidEventError too: the full validator says why
        return None


def _checked(wire: EventFields) -> dict[str, Any]:
    """The optional fields of a typed line, each through its check (_CHECKS), as from_dict."""
    from companion.core.wire import optional_values

    return {
        name: None if value is None else _CHECKS[name](name, value)
        for name, value in zip(_OPTIONAL, optional_values(wire), strict=True)
    }


def load_json(raw: bytes | str, *, constants: bool = False) -> Any:
    """JSON text (UTF-8 when bytes) as values, or InvalidEventError: not JSON, not UTF-8, nested
    deeper than the parser's stack (an event has one level), or NaN or Infinity (no event holds
    them; with `constants` they are read, for the validator to refuse the one document holding
    them)."""
    try:
        text = raw.decode() if isinstance(raw, bytes) else raw
        return (_LENIENT if constants else _STRICT).decode(text)
    except RecursionError:
        raise InvalidEventError("nested too deeply to be an event") from None
    except UnicodeDecodeError:
        raise InvalidEventError("not UTF-8 text") from None
    except ValueError as error:
        raise InvalidEventError(f"not valid JSON ({error})") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event can hold")


# Made once: json.loads with an argument makes a decoder on every call.
_STRICT = json.JSONDecoder(parse_constant=_no_constant)
_LENIENT = json.JSONDecoder()


def new_id() -> str:
    """A fresh event id."""
    return str(uuid.uuid4())


def parse_instant(value: Any) -> datetime:
    """An ISO-8601 timestamp that carries its offset, as an aware datetime."""
    if not isinstance(value, str):
        raise ValueError("timestamp must be ISO-8601 text")
    if len(value) > 64:
        raise ValueError("timestamp is too long to be ISO-8601")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no UTC offset")
    check_range(moment)
    return moment


def check_range(moment: datetime) -> None:
    """ValueError unless `moment` falls in the years a rep could mean, both on its own clock and
    in UTC (where the archive files it): 1970-01-01T00:30+01:00 is still 1969 in UTC."""
    if FIRST_YEAR < moment.year < LAST_YEAR:
        return  # an offset moves a time by under a day: only the first and last years need UTC
    out_of_range = ValueError(
        f"time {moment.isoformat()} is out of range: use a time from {FIRST_YEAR} to {LAST_YEAR} in UTC"
    )
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise out_of_range  # before converting: year 1 or 9999 in UTC overflows datetime
    if moment.tzinfo is not None and not FIRST_YEAR <= moment.astimezone(UTC).year <= LAST_YEAR:
        raise out_of_range


def make_event(kind: EventKind, at: datetime, **fields: Any) -> Event:
    """A new event with a fresh id, its time kept with its offset."""
    if at.tzinfo is None:
        raise ValueError("event time must be aware")
    check_range(at)
    return Event(id=new_id(), at=at, kind=kind, **fields)


def sort_key(event: Event) -> datetime:
    """Chronological order. Sorts are stable, so events at the same instant keep the order
    they were recorded in (a tag pressed twice in one clock tick: the second one wins)."""
    return event.at.astimezone(UTC)
