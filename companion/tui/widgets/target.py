"""What the reset's Review target step shows: what is left today, this week from Monday, and
the wait at Dial today against the last 7 days."""

from __future__ import annotations

from textual.content import Content

from companion.core.view import DayView
from companion.core.words import AT_DIAL, plural, seconds, whole


def review_text(view: DayView) -> Content:
    """What is left today, this week from Monday, and one line on the trend."""
    c, t, w = view.counts, view.targets, view.week
    need_conv = max(0, t.conversations - c.conversations)
    need_meet = max(0, t.meetings - c.meetings)
    if need_conv or need_meet:
        left = f"Still to go today: {plural(need_conv, 'conversation')}, {plural(need_meet, 'meeting')}."
    else:
        left = "Today's conversation and meeting targets are met. Anything more is a bonus."
    parts: list[str | tuple[str, str]] = [(left, "bold"), "\n"]
    pace = view.pace
    if pace is not None and pace.target:
        ahead = whole(pace.ahead)
        where = (
            f"{plural(-ahead, 'dial')} behind"
            if ahead < 0
            else "on pace"
            if ahead == 0
            else f"+{ahead} ahead"
        )
        parts.append(f"Pace: {where} · {plural(max(0, t.dials - c.dials), 'dial')} to go today.\n")
    parts.append(
        (
            f"Since Monday: {plural(w.dials, 'dial')} · {plural(w.conversations, 'conversation')}"
            f" · {plural(w.meetings, 'meeting')}\n",
            "$text-muted",
        )
    )
    parts.append(trend_line(view.median_hesitation_s, view.seven_day_median_hesitation_s, view.measured))
    return Content.assemble(*parts)


def trend_line(today: float | None, seven_days: float | None, timed: int = 0) -> str:
    """The wait at Dial in a line: how long Dial waits for you once the steps are over, today
    (over `timed` resets) against the last 7 days."""
    if today is None and seven_days is not None:
        week = seconds(seven_days)
        return f"{AT_DIAL}, last 7 days: {week}. Every reset is practice."
    if today is None:
        return "Enter as you dial times your recovery and your wait at Dial."
    now = f"{AT_DIAL}: {seconds(today)} today ({timed} timed)"
    if seven_days is None or seconds(today) == seconds(seven_days) or today > seven_days:
        return f"{now}."
    return f"{now}, under 7 days' {seconds(seven_days)}."
