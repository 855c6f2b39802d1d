"""The cells of an imported CSV row, read as a call's fields: the outcome (ours in any case, or a
dialer's word for it), the reason and cause (unknown text kept in the note), how bad a no felt,
whether it landed hard, and the id a row without one gets."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from companion.core.outcomes import VALID_NAMES, Outcome
from companion.core.tags import clean_note, note_too_long, parse_cause, parse_reason
from companion.transfer.export import unguard

# Dialers' own words for how a call ended, lower case with single spaces: the outcome, and the
# reason a no came with when the word says it. Ours are read first, in any case. One table: the
# tests read it whole.
DISPOSITIONS: dict[str, tuple[Outcome, str | None]] = {
    "busy": (Outcome.NO_ANSWER, None),
    "no pickup": (Outcome.NO_ANSWER, None),
    "unanswered": (Outcome.NO_ANSWER, None),
    "left voicemail": (Outcome.VOICEMAIL, None),
    "left vm": (Outcome.VOICEMAIL, None),
    "vm": (Outcome.VOICEMAIL, None),
    "voice mail": (Outcome.VOICEMAIL, None),
    "left message": (Outcome.VOICEMAIL, None),
    "no answer left message": (Outcome.VOICEMAIL, None),
    "answering machine": (Outcome.VOICEMAIL, None),
    "not interested": (Outcome.NO, "not-interested"),
    "rejected": (Outcome.NO, None),
    "declined": (Outcome.NO, None),
    "hung up": (Outcome.NO, "hung-up"),
    "do not call": (Outcome.NO, None),
    "meeting booked": (Outcome.MEETING, None),
    "meeting set": (Outcome.MEETING, None),
    "appointment set": (Outcome.MEETING, None),
    "appointment": (Outcome.MEETING, None),
    "demo booked": (Outcome.MEETING, None),
    "call back": (Outcome.CALLBACK, None),
    "call back later": (Outcome.CALLBACK, None),
    "callback requested": (Outcome.CALLBACK, None),
    "follow up": (Outcome.CALLBACK, None),
    "wrong number": (Outcome.NOT_FIT, None),
    "bad number": (Outcome.NOT_FIT, None),
    "wrong person": (Outcome.NOT_FIT, None),
    "not a fit": (Outcome.NOT_FIT, None),
    "bad fit": (Outcome.NOT_FIT, None),
    "receptionist": (Outcome.GATEKEEPER, None),
}
DISPOSITION_HINT = "dialer words such as Busy, Left Voicemail, Not Interested and Appointment Set work too"
ROW_NAMESPACE = uuid.UUID("6f1c2a8e-4b7d-5e3a-9c61-0d2f8b4a7e15")
_NAMESPACE_BYTES = ROW_NAMESPACE.bytes


def parse_outcome(text: str) -> tuple[Outcome, str | None]:
    """The outcome a cell names, and the reason its word says (a dialer's `Hung Up`); a dialer
    writes a handful of words a million times, so each word is read once."""
    known = _OUTCOME_WORDS.get(text)
    if known is not None:
        return known
    found = _read_outcome(text)
    if len(_OUTCOME_WORDS) < 1024:
        _OUTCOME_WORDS[text] = found
    return found


_OUTCOME_WORDS: dict[str, tuple[Outcome, str | None]] = {}


def _read_outcome(text: str) -> tuple[Outcome, str | None]:
    raw = text.strip()
    if not raw:
        raise ValueError(f"no outcome; valid outcomes: {', '.join(VALID_NAMES)}")
    try:
        return Outcome.parse("-".join(raw.split())), None
    except ValueError:
        pass
    spoken = " ".join(raw.lower().replace("-", " ").replace("_", " ").split())
    if spoken in DISPOSITIONS:
        return DISPOSITIONS[spoken]
    raise ValueError(
        f"unknown outcome {raw!r}; valid outcomes: {', '.join(VALID_NAMES)} ({DISPOSITION_HINT})"
    )


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
            kept.append(f"reason: {clean_note(reason_text)}")
    if cause_text.strip():
        try:
            cause = parse_cause(cause_text)
        except ValueError:
            kept.append(f"cause: {clean_note(cause_text)}")
    note = clean_note(note_text)
    if note:
        kept.append(note)
    joined = clean_note("; ".join(kept)) or None
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


def row_id(
    at: datetime,
    outcome: Outcome,
    reason: str | None,
    cause: str | None,
    note: str | None,
    session: str | None,
    seen: set[str],
) -> str:
    """uuid5 of the row's content and how many identical rows came before it: the first id of
    that content not yet given out (so the set of ids given is all that is kept)."""
    content = "\x1f".join(
        (at.astimezone(UTC).isoformat(), outcome.value, reason or "", cause or "", note or "", session or "")
    )
    count = 0
    while True:
        # uuid5, as uuid.uuid5 makes it (the same ids as ever), without its object on the way.
        digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{content}\x1e{count}".encode()).digest()[:16])
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        hexed = digest.hex()
        event_id = f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
        if event_id not in seen:
            seen.add(event_id)
            return event_id
        count += 1
