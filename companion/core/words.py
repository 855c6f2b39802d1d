"""Plain words for numbers and times, shared by the controller, the screens and the command line."""

from __future__ import annotations

import math
import re
from datetime import datetime

from companion.core.calendar import Zone, local


def plural(count: int, word: str) -> str:
    """`1 dial`, `2 dials`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def nos(count: int) -> str:
    """`1 no`, `2 no's`: as reps write it (plural() would make it `nos`)."""
    return f"{count} no" if count == 1 else f"{count} no's"


def whole(value: float) -> int:
    """The nearest whole number, halves up as people round them (4.5 is 5), not to even as
    Python's round() does (4.5 would be 4, beside 3.5 being 4)."""
    return math.floor(value + 0.5)


def percent(share: float | None) -> str:
    """A rate for people: `31%`; a dash when there is nothing to divide by."""
    return "–" if share is None else f"{whole(share * 100)}%"


def seconds(value: float | None) -> str:
    """A recovery time for people: 14s, 2m05s; a dash when there is none."""
    if value is None:
        return "–"
    total = whole(value)
    if total < 60:
        return f"{total}s"
    return f"{total // 60}m{total % 60:02d}s"


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


def hhmm(moment: datetime, tz: Zone) -> str:
    """The time of day on the rep's wall clock."""
    return f"{local(moment, tz):%H:%M}"


def when(moment: datetime, tz: Zone, now: datetime) -> str:
    """`16:00` for a moment of the day `now` is in; with its date for any other day (a call
    back-filled for Friday reads `Fri 04 Dec 16:00`, never as if it were today's)."""
    at = local(moment, tz)
    return f"{at:%H:%M}" if at.date() == local(now, tz).date() else f"{at:%a %d %b %H:%M}"


# What a terminal could take as a command or use to hide text: C0 controls but tab and newline,
# DEL and the C1 controls (ESC starts every escape sequence, 0x9b and 0x9d are one-byte CSI and
# OSC), every format character of Unicode (zero-width and bidi-override codes, invisible tags),
# and the lone surrogates that stand for bytes which were not UTF-8 (a file name, an argument).
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def shown(text: str) -> str:
    """`text` safe to print to a terminal: each character that could act on it is written as
    its escape (`\\x1b`, `\\u202e`; a byte that was not UTF-8 as `\\xff`), so the rep sees what
    was there and nothing runs."""
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape's stand-in for one undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# -- The figures' names: one word for each meaning, on every screen, export and the README ----
# The logged no's are "rejections" (a count of the outcome `no`) and nothing else. The coaching's
# "19 for each yes" is (dials - meetings) / meetings: every dial that was not a meeting (a
# voicemail, a no-answer, a gatekeeper as much as a no), for each meeting. It is never called
# no's: its words are "other dials for each meeting" (over conversations: "other
# conversations"). Recovery runs from a no to the dial mark; the wait at Dial from the moment
# Dial showed to that mark (core.ledger's hesitation): both end at the mark, one starts at the no.
RECOVERY = "Recovery"
AT_DIAL = "Wait at Dial"
LAST_7_DAYS = "the last 7 days"


def amount(value: float) -> str:
    """A ratio for people: whole from 10 on (`19`), to a tenth below (`4.5`, `4`, `0.5`), so
    that twice the figure reads as what it makes (2 meetings at 4.5 no's each are 9)."""
    return f"{whole(value)}" if value >= 9.95 else f"{value:.1f}".removesuffix(".0")


def others(value: float, over: str = "dial") -> str:
    """`19 other dials`: every `over` (dial or conversation) that was not a meeting, for each
    meeting (numbers.nos_per_yes over dials or over conversations)."""
    shown = amount(max(0.0, value))
    return f"{shown} other {over if shown == '1' else over + 's'}"


def per_meeting(value: float, over: str = "dial") -> str:
    """`19 other dials for each meeting`: the coaching's "19 for each yes" in words that say
    what it counts."""
    return f"{others(value, over)} for each meeting"
