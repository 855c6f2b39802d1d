"""The cells of an imported CSV row, read as a call's fields (the outcome word is read by the
core's OutcomeWords): the reason and cause (unknown text kept in the note), how bad a no felt,
whether it landed hard, and the id a row without one gets.

A row's id is the row: uuid5 of its cells as the file has them (row_key), never of one reading
of them, so the same file read with another date order, zone or --map gives the same ids. The
id earlier versions gave (row_id: the instant and outcome as read) is still worked out, so a
file imported before is known again when read as it was then."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from companion.core.outcomes import DIALER_HINT, DIALER_WORDS, Outcome
from companion.core.tags import clean_note, note_too_long, parse_cause, parse_reason
from companion.transfer.export import unguard

# The dialers' words we know live in the core, beside ours (one parser for `log` and imports);
# these names stay for the callers that read them here.
DISPOSITIONS = DIALER_WORDS
DISPOSITION_HINT = DIALER_HINT
ROW_NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-5e3a-9c61-0d2f8b4a7e15")  # ids of earlier versions
_NAMESPACE_BYTES = ROW_NAMESPACE.bytes
# Ids of a row's own cells (row_key); another namespace, so they never meet an earlier id.
CELLS_NAMESPACE = uuid.UUID("0b7e51c4-93d2-5a6f-8e17-c4a2d9f03b68")
_CELLS_BYTES = CELLS_NAMESPACE.bytes
_quote = json.encoder.encode_basestring  # a JSON string as json.dumps(ensure_ascii=False) writes it


def clean(text: str) -> str:
    """clean_note, at a dialer's million notes: a text with nothing unprintable in it (no
    control, format or surrogate code, the only ones clean_note changes) needs only its runs
    of space made one."""
    return " ".join(text.split()) if text.isprintable() else clean_note(text)


def parse_tags(
    reason_text: str, cause_text: str, note_text: str
) -> tuple[str | None, str | None, str | None]:
    """A known reason and cause kept; unknown text moved into the note, so nothing is lost."""
    if not (reason_text or cause_text or note_text):
        return None, None, None
    reason_text, cause_text, note_text = unguard(reason_text), unguard(cause_text), unguard(note_text)
    kept: list[str] = []
    reason = cause = None
    if reason_text.strip():
        try:
            reason = parse_reason(reason_text)
        except ValueError:
            reason = "other"
            kept.append(f"reason: {clean(reason_text)}")
    if cause_text.strip():
        try:
            cause = parse_cause(cause_text)
        except ValueError:
            kept.append(f"cause: {clean(cause_text)}")
    note = clean(note_text)
    if note:
        kept.append(note)
    joined = clean("; ".join(kept)) or None
    too_long = note_too_long(joined or "")
    if too_long:
        raise ValueError(too_long)
    return reason, cause, joined


def parse_felt(cell: str) -> int | None:
    """How bad a no felt, 1 to 5, or nothing; ValueError for anything else."""
    text = cell.strip()
    if not text:
        return None
    if text not in ("1", "2", "3", "4", "5"):
        raise ValueError(f"felt must be a whole number from 1 to 5, not {text[:20]!r}")
    return int(text)


def parse_hard(cell: str) -> bool | None:
    """A no that landed hard: yes (or true, 1) or nothing; ValueError for anything else."""
    text = cell.strip().lower()
    if text in ("", "no", "false", "0"):
        return None
    if text in ("yes", "true", "1"):
        return True
    raise ValueError(f"hard must be yes or empty, not {text[:20]!r}")


def row_key(names: Sequence[str], cells: Sequence[str]) -> str:
    """A row as its own identity: each cell with its column's name as written in the header
    (case and runs of spaces do not count), in name order, empty cells and an `id` column left
    out, each cell's outer spaces trimmed. Everything else in the row counts, the columns
    Companion leaves out (a dialer's `Contact`) too; the file's name and how a cell is read
    (a date's order, the zone, an outcome word's meaning) do not."""
    named: dict[str, str] = {}
    for name, cell in zip(names, cells, strict=False):
        text = cell.strip()
        if not text or name == "id":
            continue
        key, n = name, 1
        while key in named:  # a name the header gives twice: each cell still counts
            n += 1
            key = f"{name}#{n}"
        named[key] = text
    # json.dumps(sorted(named.items()), ensure_ascii=False), as every version wrote it (the ids
    # stand on these bytes), without making an encoder a row: unambiguous whatever a cell holds.
    return "[" + ", ".join(f"[{_quote(k)}, {_quote(v)}]" for k, v in sorted(named.items())) + "]"


def row_keys(names: Sequence[str]) -> Callable[[Sequence[str]], str]:
    """row_key for every row under the header `names`, its work for the header done once: where
    no name comes twice, the order of the cells and their names' JSON are the same on every
    row, and only each cell's own text is left to write."""
    if len(set(names)) < len(names):
        return lambda cells: row_key(names, cells)
    order = sorted((name, index) for index, name in enumerate(names) if name != "id")
    quoted = [(index, f"[{_quote(name)}, ") for name, index in order]

    def key(cells: Sequence[str]) -> str:
        width = len(cells)
        return (
            "["
            + ", ".join(
                [  # a list, not a generator: join makes one anyway, and a list is made quicker
                    f"{name}{_quote(text)}]"
                    for index, name in quoted
                    if index < width and (text := cells[index].strip())
                ]
            )
            + "]"
        )

    return key


class RowIds:
    """The ids of an import's rows that have none: for each row the first id of its cells
    (row_key, then 0, 1, ... for identical rows before it) that no earlier row of the file took
    and no undone import gave (`undone`), so a row brought back after an undo is a new call. Only
    the ids given are kept. `legacy` gives the id an earlier version gave the same row."""

    def __init__(self, undone: Callable[[str], bool] | None = None, *, legacy_wanted: bool = True) -> None:
        self.seen: set[str] = set()
        self._legacy_seen: set[str] = set()
        self._undone = undone or (lambda _id: False)
        # Only a store holding calls an earlier version imported can know a row by its legacy
        # id; without one, neither the ids nor the set of them given need be made.
        self.legacy_wanted = legacy_wanted

    def give(self, key: str) -> str:
        count = 0
        while True:
            event_id = _uuid5(_CELLS_BYTES, f"{key}\x1e{count}")
            if event_id not in self.seen and not self._undone(event_id):
                self.seen.add(event_id)
                return event_id
            count += 1

    def legacy(
        self,
        at: datetime,
        outcome: Outcome,
        reason: str | None,
        cause: str | None,
        note: str | None,
        session: str | None,
    ) -> str:
        return row_id(at, outcome, reason, cause, note, session, self._legacy_seen)


def _uuid5(namespace: bytes, text: str) -> str:
    """uuid5, as str(uuid.uuid5(...)) writes it, from the SHA-1's hex digits: the version digit
    set to 5, the variant's two top bits to 10."""
    h = hashlib.sha1(namespace + text.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


_VARIANT = {f"{n:x}": f"{(n & 0x3) | 0x8:x}" for n in range(16)}


def row_id(
    at: datetime,
    outcome: Outcome,
    reason: str | None,
    cause: str | None,
    note: str | None,
    session: str | None,
    seen: set[str],
) -> str:
    """The id earlier versions gave a row: uuid5 of its content as read (its instant in UTC,
    outcome, tags, note, session) and how many identical rows came before it: the first id of
    that content not yet given out (so the set of ids given is all that is kept)."""
    content = "\x1f".join(
        (at.astimezone(UTC).isoformat(), outcome.value, reason or "", cause or "", note or "", session or "")
    )
    count = 0
    while True:
        event_id = _uuid5(_NAMESPACE_BYTES, f"{content}\x1e{count}")  # the same ids as ever
        if event_id not in seen:
            seen.add(event_id)
            return event_id
        count += 1
