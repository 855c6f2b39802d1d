"""What a rep can say about a rejection: a reason (what the prospect said) and a cause (the
post-call triage: what, if anything, to work on). Plus cleaning of free text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

REASONS: tuple[str, ...] = (
    "budget",
    "timing",
    "stakeholders",
    "fear-of-change",
    "not-interested",
    "hung-up",
    "competitor",
    "other",
)
CAUSES: tuple[str, ...] = ("skill-gap", "poor-fit", "process")
# A cause as the rep reads it, in one name on every screen: the reset's checklist answers and
# tag keys, the Tagged line, the summary, the review, the resume, the exports' reports.
CAUSE_LABELS: dict[str, str] = {
    "skill-gap": "skill gap",
    "poor-fit": "poor fit",  # not "not a fit": that is the outcome `not-fit` (f)
    "process": "process issue",
}
# A note is stored whole or refused, never cut: room for a CRM's longest notes.
NOTE_MAX = 2000


def reason_label(reason: str) -> str:
    """A reason as the rep reads it: `fear of change`, as the keys list it."""
    return reason.replace("-", " ")


def parse_reason(text: str) -> str:
    """A known reason; ValueError naming the valid ones."""
    return _pick(text, REASONS, "reason")


def parse_cause(text: str) -> str:
    """A known cause; ValueError naming the valid ones."""
    return _pick(text, CAUSES, "cause")


def clean_note(text: str) -> str:
    """A note as it will be stored: control characters (escape codes too) become spaces and
    runs of space one space. Markup stays literal text. The length is never cut: callers refuse
    a note longer than NOTE_MAX with `note_too_long`."""
    cleaned = "".join(_clean_char(ch) for ch in text)
    return " ".join(cleaned.split())


def note_too_long(note: str, what: str = "note") -> str | None:
    """Why `note` (or a lesson, a win: `what`) cannot be stored whole, or None when it can."""
    if len(note) <= NOTE_MAX:
        return None
    return f"a {what} holds up to {NOTE_MAX:,} characters and this one has {len(note):,}"


def has_control(text: str) -> bool:
    """True when `text` holds a character a terminal could take as a command (C0/C1 controls,
    escape) or that reorders or hides text (format codes), or an undecodable byte."""
    # isprintable() is one C loop and true for nearly every note; it is false for a wider set
    # (other spaces, private use), which the exact test then settles.
    return not text.isprintable() and any(_clean_char(ch) != ch for ch in text)


def _pick(text: str, valid: tuple[str, ...], what: str) -> str:
    cleaned = text.strip().lower().replace("_", "-").replace(" ", "-")
    if cleaned not in valid:
        raise ValueError(f"unknown {what} {text!r}; valid {what}s: {', '.join(valid)}")
    return cleaned


def _clean_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cs":  # a lone surrogate: undecodable bytes from the command line
        return "\ufffd"
    if category in ("Cc", "Cf") and ch != "\u200d":  # control and format codes; keep emoji joins
        return " "
    return ch


# The reasons the sources name as the prospect's side of a no ("frameworks": budget, timing,
# the other people who decide, fear of change): a no tagged with one of them turned on
# something the rep does not control. Other reasons (not interested, hung up, a competitor,
# other) may or may not have; a no without a reason says nothing either way.
OUTSIDE_CONTROL: tuple[str, ...] = ("budget", "timing", "stakeholders", "fear-of-change")


def outside_control(reasons: Iterable[str | None]) -> tuple[int, int]:
    """(no's whose reason was outside the rep's control, no's with a reason at all), from the
    reasons of some no's (None: untagged, left out of both)."""
    tagged = [reason for reason in reasons if reason]
    return sum(reason in OUTSIDE_CONTROL for reason in tagged), len(tagged)
