"""The events of an import in our JSON: one list of event objects, in any layout, read a line
at a time so a long file never sits in memory whole. Each item is checked as our own events are
(Event.from_dict), after the few kindnesses a hand-edited file needs: a time without an offset
is read in the rep's zone, a reason or cause we do not know goes to the note, the note is
cleaned as a typed one is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from companion.core.events import Event, EventKind, InvalidEventError
from companion.core.outcomes import VALID_NAMES
from companion.core.tags import clean_note, parse_cause, parse_reason
from companion.transfer.reading.lines import MAX_LINE_CHARS, BadImportError, Lines
from companion.transfer.reading.wall_clock import WallClock

_SPACE = re.compile(r"\s*")
_LINE_END_ANY = re.compile(r"\r\n|\r|\n")  # in the text of a JSON list, to count its lines
_KINDS = tuple(kind.value for kind in EventKind)


def json_rows(lines: Lines, clock: WallClock) -> Iterator[tuple[int, Event]]:
    """Each event of the list with the line it starts on; BadImportError at the first bad one."""
    for line, item in _json_items(lines):
        if not isinstance(item, dict):
            raise BadImportError(line, "each event must be a JSON object")
        _check_names(item, line)
        if isinstance(item.get("at"), str):
            item = {**item, "at": _with_offset(item["at"], clock, line)}
        item = _known_tags(item)
        if isinstance(item.get("note"), str):  # cleaned as a typed note is; never cut
            item = {**item, "note": clean_note(item["note"])}
        try:
            event = Event.from_dict(item)
        except InvalidEventError as error:
            raise BadImportError(line, str(error)) from None
        yield line, event


def _known_tags(item: dict[str, Any]) -> dict[str, Any]:
    """A JSON event's reason and cause as a CSV row's are read: a known one (in any spelling)
    kept, other text moved, cleaned, to the front of the note, the reason then `other`. An
    empty one (a tag clearing it) and one that is not text are left for the validator."""
    moved: list[str] = []
    item = dict(item)
    for name, parse in (("reason", parse_reason), ("cause", parse_cause)):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            item[name] = parse(value)
        except ValueError:
            moved.append(f"{name}: {clean_note(value)}")
            item[name] = "other" if name == "reason" else None
    note = item.get("note")
    if moved and (note is None or isinstance(note, str)):  # a note of another type is refused later
        item["note"] = "; ".join([*moved, note] if note and note.strip() else moved)
    return item


def _check_names(item: dict[str, Any], line: int) -> None:
    """Clearer words than an enum's for the two values people type by hand."""
    kind, outcome = item.get("kind"), item.get("outcome")
    if isinstance(kind, str) and kind not in _KINDS:
        raise BadImportError(line, f"unknown kind {kind!r}; valid kinds: {', '.join(_KINDS)}")
    if isinstance(outcome, str) and outcome not in VALID_NAMES:
        raise BadImportError(line, f"unknown outcome {outcome!r}; valid outcomes: {', '.join(VALID_NAMES)}")


def _with_offset(text: str, clock: WallClock, line: int) -> str:
    """A JSON event's time, given the configured zone's offset when it has none."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text  # Event.from_dict says what is wrong
    if moment.tzinfo is not None:
        return text
    try:
        clock.line = line
        return clock.instant(text).isoformat()
    except ValueError as error:
        raise BadImportError(line, str(error)) from None


def _json_items(lines: Lines) -> Iterator[tuple[int, Any]]:
    """The items of a JSON list, each with the line it starts on, read a line at a time: an
    item is decoded once its text is all there, and no item may be longer than a line may.
    An item spread over many lines is tried again only each time its text has doubled, so no
    layout makes the reading slower than linear."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    text = ""  # what has been read and not yet decoded
    first = 1  # the line `text` starts on
    ended = False

    def more() -> bool:
        nonlocal text, ended
        if ended:
            return False
        line = next(lines, "")
        if not line:
            ended = True
            return False
        text += line
        return True

    def lines_before(pos: int) -> int:
        return len(_LINE_END_ANY.findall(text, 0, pos))

    def forward(pos: int) -> None:
        """Drop what was decoded, counting its lines."""
        nonlocal text, first
        first += lines_before(pos)
        text = text[pos:]

    def next_mark() -> str:
        """The next character that is not white space ('' at the end), from the start."""
        while True:
            pos = _skip(text, 0)
            forward(pos)
            if text or not more():
                return text[:1]

    def too_long() -> BadImportError:
        return BadImportError(first, f"an event longer than {MAX_LINE_CHARS:,} characters, which no event is")

    if next_mark() != "[":
        raise BadImportError(
            first, "expected a JSON list of events, as `companion export --format json` writes"
        )
    forward(1)
    if next_mark() == "]":
        forward(1)
    else:
        while True:
            if not text:
                raise BadImportError(first, "not valid JSON (the list of events is not closed)")
            next_try = 0
            while True:
                if len(text) >= next_try or ended:
                    try:
                        item, end = decoder.raw_decode(text, 0)
                        break
                    except RecursionError:
                        raise BadImportError(first, "nested too deeply to be an event") from None
                    except json.JSONDecodeError as error:
                        if len(text) > MAX_LINE_CHARS:
                            raise too_long() from None
                        if ended:
                            where = first + lines_before(error.pos)
                            raise BadImportError(where, f"not valid JSON ({error.msg})") from None
                        next_try = min(2 * len(text), MAX_LINE_CHARS + 1)
                    except ValueError as error:  # NaN or Infinity
                        raise BadImportError(first, str(error)) from None
                more()
            if end > MAX_LINE_CHARS:
                raise too_long()
            yield first, item
            forward(end)
            mark = next_mark()
            if mark not in (",", "]"):
                raise BadImportError(first, "not valid JSON (expected ',' or ']' after an event)")
            forward(1)
            if mark == "]":
                break
            next_mark()
    if next_mark():
        raise BadImportError(first, "unexpected text after the list of events")


def _skip(text: str, pos: int) -> int:
    """The first position at or after `pos` that is not white space."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an event can hold")
