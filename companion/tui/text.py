"""Formatting only the screens need (plain words for numbers and times are in core.words)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.binding import Binding

from companion.core.numbers import Pace
from companion.core.words import LAST_7_DAYS, others, whole

QUIT_HELP = "close; the block resumes later"
SCROLL_HELP = "every key (↑↓ PgUp PgDn scroll)"  # `?` on a screen that scrolls


def per_meeting_line(value: float | None) -> str:
    """The session screen's `Per meeting` line: every dial that was not a meeting, for each
    meeting, over the last 7 days (numbers.nos_per_yes); never called no's."""
    if value is None:
        return f"no meeting in {LAST_7_DAYS} yet"
    return f"{others(value)} · {LAST_7_DAYS.removeprefix('the ')}"


def balanced(text: str, width: int) -> str:
    """Two lines of about the same length when `text` is wider than `width`, so a line never
    ends with one word left alone below it."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    split = min(spaces, key=lambda i: abs(i - middle))
    return f"{text[:split]}\n{text[split + 1 :]}"


def quoted(note: str | None) -> str | None:
    """A note as the rep typed it, in quotes so it never reads as a tag."""
    return f"“{note}”" if note else None


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """One character per value, its height in proportion to the value (from zero, as a bar
    chart's): equal values draw equal bars, a flat series a flat line, and two close values
    never a jump from the lowest bar to the highest."""
    if not values:
        return ""
    high = max(values)
    if high <= 0:
        return SPARKS[0] * len(values)
    # Eighths of the highest: ▄ is half of █ (the lowest bar stands for anything up to 1/8).
    return "".join(SPARKS[max(0, whole(max(0.0, v) / high * len(SPARKS)) - 1)] for v in values)


def paragraph(text: str, width: int) -> str:
    """`text` wrapped to `width`: in two lines of about the same length where two will do, so
    no word is left alone on the last."""
    two = balanced(text, width)
    return two if all(len(line) <= width for line in two.splitlines()) else wrap(text, width)


def wrap(text: str, width: int, indent: str = "") -> str:
    """Words to lines of at most `width` cells, each after `indent`; a word longer than a line
    (a link, say) is broken across lines, never cut short."""
    room = max(1, width - len(indent))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
            continue
        pieces = [word[i : i + room] for i in range(0, len(word), room)]
        lines += pieces
    return "\n".join(indent + line for line in lines)


def standing(pace: Pace) -> str:
    """Where the block stands against its even pace: `+3 ahead`, `2 behind` or `on pace`."""
    ahead = whole(pace.ahead)
    return "on pace" if ahead == 0 else f"+{ahead} ahead" if ahead > 0 else f"{-ahead} behind"


def shown_key(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The key a binding answers to now: the rep's own from `[keys]`, else its default."""
    mine = keymap.get(binding.id or "")
    if mine:
        return " ".join(key.strip() for key in mine.split(","))
    return binding.key_display or binding.key


def keys_in_force(screen: Any) -> Mapping[str, str]:
    """The `[keys]` keymap of the app a screen belongs to (empty when it has none)."""
    found: Mapping[str, str] = getattr(screen.app, "keys_in_force", {})
    return found
