"""Formatting shared by the screens: durations, times and the words for numbers."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from companion.core.calendar import Zone as Timezone
from companion.core.calendar import local
from companion.core.words import plural as plural  # the screens take it from here too

QUIT_HELP = "close Companion; an open block resumes on the next start"


def clock(seconds: float) -> str:
    """H:MM:SS for a block clock; negative values count time over."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def minutes_left(seconds: float) -> str:
    """Rounded up, so a fresh 90-minute block says 90 and the last seconds say 1 min."""
    if seconds <= 0:
        return "time's up"
    return f"{math.ceil(seconds / 60)} min left"


def hhmm(moment: datetime, tz: Timezone) -> str:
    return f"{local(moment, tz):%H:%M}"


def seconds(value: float | None) -> str:
    """A recovery time for people: 14s, 2m05s; a dash when there is none."""
    if value is None:
        return "–"
    whole = round(value)
    if whole < 60:
        return f"{whole}s"
    return f"{whole // 60}m{whole % 60:02d}s"


def nos_per_yes_line(value: float | None) -> str:
    """What each no is worth, in the numbers game."""
    if value is None:
        return "no meeting in the last 7 days yet"
    if value <= 0:
        return f"{value:.1f} · every dial was a yes"
    if value < 1.5:
        return f"{value:.1f} · about one no for each meeting"
    return f"{value:.1f} · a meeting costs ~{value:.0f} no's"


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


def percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """One character per value, low to high; a flat line when all are equal."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return SPARKS[len(SPARKS) // 2] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in values)


def home_relative(path: Path) -> str:
    """`~/…` for a path in the home folder: shorter on a narrow screen."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)
