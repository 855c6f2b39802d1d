"""The wide screen's wait at Dial: how long Dial waited for the rep's mark after each timed reset
today (recovery runs from the no instead), against the last 7 days."""

from __future__ import annotations

from textual.content import Content

from companion.core.view import DayView
from companion.core.words import AT_DIAL, hhmm, seconds
from companion.tui.look import look_of
from companion.tui.widgets.painted import SizedView

Part = str | tuple[str, str]
TIME = 7  # "10:42  "
LABEL = 12  # "Last 7 days "
FIGURE = 8  # " 2m05s"
SCALE_S = 60.0  # the bars' full width is a minute at least
SHOWN = 9  # the latest timed resets, one a line: with the two medians, the region's 12 rows


class BackToDial(SizedView):
    """Today's median and the 7 days', then one bar per timed reset, newest last."""

    def draw(self, view: DayView) -> None:
        today, week = view.median_hesitation_s, view.seven_day_median_hesitation_s
        lines: list[Content] = []
        if look_of(self).plain:
            lines.append(Content.styled(AT_DIAL, "bold"))
        lines.append(_median("Today", today, f" · {view.measured} timed" if today is not None else ""))
        lines.append(_median("Last 7 days", week, ""))
        timed = view.timed_today
        if not timed:
            lines.append(Content.styled("Enter at Dial after a no times the next one.", "$text-muted"))
            self.paint(Content("\n").join(lines))
            return
        shown = timed[-SHOWN:]  # (its height follows what it paints: a count, not its size)
        widest = max(SCALE_S, *(h for _, h in shown))  # a lone 3s is a short bar, not a full one
        bar = max(4, self.size.width - TIME - FIGURE)
        for at, hesitation in shown:
            quick = week is None or hesitation <= week
            parts: list[Part] = [(f"{hhmm(at, view.tz)}  ", "$text-muted")]
            if not look_of(self).plain:
                parts.append(
                    ("█" * max(1, round(hesitation / widest * bar)), "$success" if quick else "$primary")
                )
            parts.append(f" {seconds(hesitation)}")
            lines.append(Content.assemble(*parts))
        self.paint(Content("\n").join(lines))


def _median(label: str, value: float | None, extra: str) -> Content:
    if value is None:
        return Content.assemble((f"{label:<{LABEL}}", "bold"), ("–", "$text-muted"))
    return Content.assemble((f"{label:<{LABEL}}", "bold"), seconds(value), (extra, "$text-muted"))
