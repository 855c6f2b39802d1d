"""`companion status`: the day in one line for a prompt or a status bar (tmux, waybar). The
figures come from the same rules as the session screen (core.view); the rep's `--format` may
name only the fields below, so a format string can never reach into an object."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from datetime import datetime
from typing import Any

from companion.core.calendar import Zone, day_bounds, day_of, week_bounds
from companion.core.due import reviews
from companion.core.events import Event
from companion.core.ledger import Counts, Ledger
from companion.core.numbers import Targets
from companion.core.reset_stats import RitualStats
from companion.core.ritual import RitualSchedule, waiting_for_dial
from companion.core.standing import open_block_at
from companion.core.tags import has_control
from companion.core.week import week_standing
from companion.core.words import seconds, whole

DEFAULT_FORMAT = (
    "{dials}/{dials_target} dials · {conversations}/{conversations_target} conv"
    " · {meetings}/{meetings_target} mtg{state_part}"
)
FIELDS: dict[str, str] = {
    "dials": "dials today",
    "dials_target": "the day's dial target",
    "conversations": "conversations today",
    "conversations_target": "the day's conversation target",
    "meetings": "meetings today",
    "meetings_target": "the day's meeting target",
    "rejections": "no's today",
    "pace": "dials ahead (+) or behind (-) the block's even pace; empty without an open block",
    "block_target": "the open block's own dial target; empty without an open block",
    "block_dials": "dials in the open block; empty without an open block",
    "recovery": "today's median recovery over timed resets (24s); empty before one",
    "cut_short": "today's resets cut short by a call in their timed steps ([ritual] gate)",
    "week_dials": "dials this week, from Monday",
    "week_dials_target": "the week's dial target",
    "week_behind": "dials behind the week's share due by the start of today; 0 when on track",
    "state": "reset (a reset waits for its dial), review (a no is due for review), or empty",
    "state_part": "' · ' and the state, or nothing: for a default-like line",
}
FORMAT_MAX = 200
WIDTH_MAX = 40  # a field's width in --format: a status bar is one short line


class BadFormatError(ValueError):
    """A `--format` that names a field we do not have, or cannot be used: one line why."""


def check_format(text: str) -> str:
    """`text` if it only names FIELDS (each at most with a format spec such as `{dials:>3}`);
    BadFormatError otherwise. Attribute or index access (`{dials.real}`) is refused."""
    if len(text) > FORMAT_MAX:
        raise BadFormatError(f"--format holds up to {FORMAT_MAX} characters")
    if has_control(text):
        raise BadFormatError("--format may not hold control characters or escape codes")
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as error:
        raise BadFormatError(f"--format cannot be read ({error}); write {{{{ for a brace") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if any(int(width) > WIDTH_MAX for width in re.findall(r"\d+", spec or "")):
            raise BadFormatError(f"--format: {{{name}}} may be at most {WIDTH_MAX} wide")
        if name not in FIELDS:
            raise BadFormatError(f"--format: unknown field {{{name}}}; valid fields: {', '.join(FIELDS)}")
        if conversion is not None:
            raise BadFormatError(f"--format: write {{{name}}}, without !{conversion}")
        if "{" in (spec or ""):
            raise BadFormatError(f"--format: {{{name}}} may not hold another field")
    try:
        render(_EMPTY_DAY, text)
    except (ValueError, TypeError) as error:
        raise BadFormatError(f"--format cannot be used ({error})") from None
    return text


# What `status_values` gives on an empty day: a format is tried on it, through `render`, so
# each field has the type it will have.
_EMPTY_DAY: dict[str, Any] = {
    **dict.fromkeys(("dials", "dials_target", "conversations", "conversations_target"), 0),
    **dict.fromkeys(("meetings", "meetings_target", "rejections"), 0),
    "pace": None,
    "block": None,
    "recovery_s": None,
    "cut_short": 0,
    "state": "",
    "on_track": {"dials": 0, "target": 0, "behind": 0},
}


def status_values(
    ledger: Ledger,
    now: datetime,
    tz: Zone,
    targets: Targets,
    block_minutes: int,
    schedule_for: Callable[[Event], RitualSchedule | None],
    *,
    blocks_per_day: int = 2,
) -> dict[str, Any]:
    """The fields at `now`, numbers as numbers (for `--json`). `ledger` holds the review window
    (core.due.REVIEW_DAYS) up to now, and the week's calls from Monday. `block` is the open
    block (its own dial target, its dials, its pace), or null when none is open; `on_track` the
    week against its dial target (core.week)."""
    today = day_of(now, tz)
    start, end = day_bounds(today, tz)
    calls = ledger.outcomes_between(start, end)
    c = Counts.of(calls)
    standing = open_block_at(ledger, start, end, targets, block_minutes * 60.0, blocks_per_day, now)
    pace = standing.pace if standing is not None else None
    block = None
    if standing is not None:
        block = {
            "target": standing.target,
            "dials": len(standing.calls),
            "pace": whole(standing.pace.ahead),
        }
    timed = RitualStats.of(ledger, start, end)
    state = ""
    if waiting_for_dial(ledger, now, schedule_for) is not None:
        state = "reset"
    elif reviews(ledger, now).due:
        state = "review"
    return {
        "dials": c.dials,
        "dials_target": targets.dials,
        "conversations": c.conversations,
        "conversations_target": targets.conversations,
        "meetings": c.meetings,
        "meetings_target": targets.meetings,
        "rejections": c.rejections,
        "pace": None if pace is None else whole(pace.ahead),
        "block": block,
        "recovery_s": timed.median_recovery_s,
        "cut_short": timed.cut_short,
        "week_targets": targets.week().as_dict(),
        "on_track": week_standing(
            targets, len(ledger.outcomes_between(week_bounds(today, tz)[0], end)), today
        ).as_dict(),
        "state": state,
    }


def render(values: dict[str, Any], text: str = DEFAULT_FORMAT) -> str:
    """One line from `values` through a format checked by `check_format`."""
    pace = values["pace"]
    block = values["block"]
    shown = {
        **{name: values[name] for name in FIELDS if name in values},
        "pace": "" if pace is None else f"{pace:+d}" if pace else "0",
        "block_target": "" if block is None else str(block["target"]),
        "block_dials": "" if block is None else str(block["dials"]),
        "recovery": "" if values["recovery_s"] is None else seconds(values["recovery_s"]),
        "state_part": f" · {values['state']}" if values["state"] else "",
        "week_dials": values["on_track"]["dials"],
        "week_dials_target": values["on_track"]["target"],
        "week_behind": values["on_track"]["behind"],
    }
    return text.format_map(shown)
