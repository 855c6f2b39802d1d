"""What the reset's Review target step shows: what is left today, pace, this week from Monday
against the week's target with the on-track verdict (core.week), and the wait at Dial today
against the last 7 days."""

from __future__ import annotations

from textual.content import Content

from companion.core.ideas import Coached, Idea
from companion.core.view import DayView
from companion.core.week import Verdict
from companion.core.words import AT_DIAL, plural, seconds, whole

STILL_TO_GO = Coached(Idea.REVIEW_TARGET, "Still to go today: {conversations}, {meetings}.")
DAY_MET = Coached(Idea.REVIEW_TARGET, "Today's conversations and meetings are met.")
TIME_IT = "Press Enter as you dial: it times your recovery."  # a key hint, before any reset is timed


def review_text(view: DayView) -> Content:
    """What is left today, pace, the week so far and whether it is on track, and one line on
    the wait at Dial."""
    c, t = view.counts, view.targets
    need_conv = max(0, t.conversations - c.conversations)
    need_meet = max(0, t.meetings - c.meetings)
    if need_conv or need_meet:
        left = STILL_TO_GO.text.format(
            conversations=plural(need_conv, "conversation"), meetings=plural(need_meet, "meeting")
        )
    else:
        left = DAY_MET.text
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
    parts += week_lines(view)
    parts.append(trend_line(view.median_hesitation_s, view.seven_day_median_hesitation_s, view.measured))
    return Content.assemble(*parts)


def week_lines(view: DayView) -> list[str | tuple[str, str]]:
    """This week from Monday against the week's targets, then the verdict (on track, behind by
    so many dials, met), which ends on the next call: two lines."""
    w, target = view.week, view.targets.week()
    standing = view.week_standing
    week = f"This week: {w.dials}/{target.dials} dials · {w.meetings}/{target.meetings} meetings\n"
    if standing.verdict is Verdict.NO_TARGET:
        return [(f"This week: {plural(w.dials, 'dial')} · {plural(w.meetings, 'meeting')}\n", "$text-muted")]
    # Behind is painted as on track is: one call matters no more either way.
    return [(week, "$text-muted"), (f"{standing.words()}\n", "bold")]


def trend_line(today: float | None, seven_days: float | None, timed: int = 0) -> str:
    """The wait at Dial in a line: how long Dial waits for you once the steps are over, today
    (over `timed` resets) against the last 7 days."""
    if today is None and seven_days is not None:
        week = seconds(seven_days)
        return f"{AT_DIAL}, last 7 days: {week}; none timed today yet."
    if today is None:
        return TIME_IT
    now = f"{AT_DIAL}: {seconds(today)} today ({timed} timed)"
    if seven_days is None or seconds(today) == seconds(seven_days) or today > seven_days:
        return f"{now}."
    return f"{now}, under 7 days' {seconds(seven_days)}."
