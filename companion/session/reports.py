"""What the screens show beyond the live day, each read (or written) by a plain blocking function
that the app runs off its loop: the history of days and weeks, the summary with the recovery
trend over past blocks, and today's calls saved as CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from companion.context import Context
from companion.core.after_no import AFTER_NO_DAYS, AfterNo, after_no_to
from companion.core.calendar import day_bounds, week_start
from companion.core.insights import DayRow, PastFigures, WeekRow, day_rows, past_figures, week_rows
from companion.core.ledger import Ledger
from companion.paths import private_dir
from companion.store.files import refuse_link, write_new

TREND_DAYS = 120  # how far back the summary looks for the last 30 blocks
HISTORY_DAYS = 14  # beside a dialer; a tall, wide screen shows more
HISTORY_DAYS_MAX = 56
HISTORY_WEEKS = 8


@dataclass(frozen=True, slots=True)
class History:
    days: list[DayRow]  # oldest first
    weeks: list[WeekRow]
    after_no: AfterNo = field(default_factory=AfterNo)  # over the AFTER_NO_DAYS days to today


def read_history(ctx: Context, today: date, days: int = HISTORY_DAYS) -> History:
    """The last `days` days (as many as the screen has room for, up to HISTORY_DAYS_MAX) and
    HISTORY_WEEKS weeks up to `today`."""
    days = max(1, min(HISTORY_DAYS_MAX, days))
    first_monday = week_start(today) - timedelta(weeks=HISTORY_WEEKS - 1)
    first = min(first_monday, today - timedelta(days=days - 1), today - timedelta(days=AFTER_NO_DAYS - 1))
    loaded = ctx.store.load(*ctx.window(today, days=(today - first).days + 1))
    ledger = Ledger(loaded.events)
    rows = day_rows(ledger, today - timedelta(days=days - 1), today, ctx.tz)
    weeks = week_rows(ledger, [first_monday + timedelta(weeks=n) for n in range(HISTORY_WEEKS)], ctx.tz)
    return History(rows, weeks, after_no_to(ledger, today, ctx.tz))


def read_trend(ctx: Context, day: date) -> PastFigures:
    """The last blocks' timed resets over the TREND_DAYS days up to `day`, and the after-effect
    of a no over the AFTER_NO_DAYS days to it."""
    loaded = ctx.store.load(*ctx.window(day, days=TREND_DAYS))
    return past_figures(Ledger(loaded.events), day, ctx.tz)


def save_day_csv(ctx: Context, day: date) -> Path:
    """The day's calls as CSV in the exports folder, under a new name: never overwrites."""
    from companion.transfer import Window, render

    start, end = day_bounds(day, ctx.tz)
    # A day later too: an undo recorded after midnight still voids its call.
    loaded = ctx.store.load(start, end + timedelta(days=1))
    text = render("csv", loaded.events, Window(ctx.tz, day, day))
    refuse_link(ctx.paths.exports_dir)  # a link planted in the data folder is never followed
    folder = private_dir(ctx.paths.exports_dir)
    for n in range(1, 1000):
        path = folder / (f"companion-{day.isoformat()}" + (f"-{n}" if n > 1 else "") + ".csv")
        try:
            write_new(path, text.encode())
        except FileExistsError:
            continue
        return path
    raise OSError(f"no free file name in {folder}")
