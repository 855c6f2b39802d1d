"""The wide screen's chart of the open block: calls made since its first call, as columns,
against the even pace that meets the block's own dial target by its end, as a dotted line.
In plain mode the same figures in words: where the block stands, and quarter by quarter. Once
the day's dial target was met before the block, there is no pace to chart: it says so."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from companion.core.view import DayView
from companion.core.words import plural, whole
from companion.tui.look import look_of
from companion.tui.text import standing
from companion.tui.widgets.painted import SizedView

Part = str | tuple[str, str]
EIGHTHS = " ▁▂▃▄▅▆▇█"
PACE_MARK = "·"
QUARTER_S = 15 * 60


@dataclass(frozen=True, slots=True)
class Column:
    """One slice of the block: calls made by its end (None while it is still to come) and the
    calls an even pace would have made by then."""

    done: int | None
    pace: float


def columns(
    calls_s: Sequence[float], target: int, block_s: float, elapsed_s: float, width: int
) -> list[Column]:
    """`width` equal slices of the block. The slice holding now counts the calls made so far;
    `calls_s` are the calls' times on the block clock, in order."""
    out = []
    for n in range(max(1, width)):
        start, end = block_s * n / width, block_s * (n + 1) / width
        share = end / block_s if block_s > 0 else 1.0
        done = bisect_right(calls_s, min(end, elapsed_s)) if start < elapsed_s or n == 0 else None
        out.append(Column(done, target * share))
    return out


def hm(seconds: float) -> str:
    """Block time as H:MM."""
    minutes = int(max(0.0, seconds) // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


class BlockChart(SizedView):
    """Dials over the block against the even pace."""

    def draw(self, view: DayView) -> None:
        pace = view.pace
        if view.block is None or pace is None:
            self._drawn = None
            self.paint(Content.styled(_waiting(view), "$text-muted"))
            return
        if pace.target == 0:  # the day's dials were met before this block: nothing to pace
            self._drawn = None
            self.paint(_met(view))
            return
        # What the chart shows moves by the minute, the call and the column, not by the tick:
        # drawn again only when one of them has (the clock ticks four times a second).
        share = min(1.0, pace.elapsed_s / pace.block_s) if pace.block_s else 1.0
        key = (
            view.block.started,
            tuple(self.size),
            view.block_calls_s,
            pace.target,
            pace.block_s,
            pace.day_met,
            int(pace.elapsed_s // 60),
            whole(pace.expected),
            int(share * self.size.width),
        )
        if key == self._drawn:
            return
        self._drawn = key
        self.paint(self._words(view) if look_of(self).plain else self._chart(view))

    _drawn: tuple[object, ...] | None = None

    def _chart(self, view: DayView) -> Content:
        pace = view.pace
        assert pace is not None
        top = max(1, pace.target, len(view.block_calls_s))
        label = len(str(top)) + 1
        width = max(8, self.size.width - label)
        figures = _figures(view)
        split = Content.assemble(*figures).cell_length > width  # the target goes on a line of its own
        height = max(3, self.size.height - (3 if split else 2))  # under it: the time axis, the figures
        block_s, elapsed_s = pace.block_s, pace.elapsed_s
        cols = columns(view.block_calls_s, pace.target, block_s, elapsed_s, width)
        rows: list[Content] = []
        for row in range(height - 1, -1, -1):  # top row first
            mark = top if row == height - 1 else 0 if row == 0 else ""
            parts: list[Part] = [(f"{mark:>{label - 1}} ", "$text-muted")]
            for col in cols:
                parts.append(_cell(col, row, height, top))
            rows.append(Content.assemble(*parts))
        now_at = min(width - 1, int(width * min(1.0, elapsed_s / block_s))) if block_s else 0
        axis = [" "] * width
        for text, at in ((hm(0), 0), (hm(block_s), width - len(hm(block_s)))):
            axis[at : at + len(text)] = text
        if 6 <= now_at <= width - 10:  # "now" under its column, when it does not hide an end
            axis[now_at] = "^"
        rows.append(Content.styled(" " * label + "".join(axis), "$text-muted"))
        if split:
            rows.append(Content.assemble(" " * label, *figures[:-1]))
            rows.append(Content.assemble(" " * label, (figures[-1][0].lstrip(" ·"), "$text-muted")))
        else:
            rows.append(Content.assemble(" " * label, *figures))
        return Content("\n").join(rows)

    def _words(self, view: DayView) -> Content:
        """Plain mode: the standing, then the calls and the pace at each quarter hour so far."""
        pace = view.pace
        assert pace is not None
        lines: list[Content] = [Content.assemble(("Block: dials against even pace", "bold"))]
        lines.append(Content.assemble(*_figures(view)))
        quarters = []
        at = QUARTER_S
        while at <= min(pace.elapsed_s, pace.block_s):
            done = bisect_right(view.block_calls_s, at)
            quarters.append(f"{hm(at)} {done} ({whole(pace.target * at / pace.block_s)} expected)")
            at += QUARTER_S
        if quarters:
            lines.append(Content.styled("By quarter hour: " + ", ".join(quarters), "$text-muted"))
        return Content("\n").join(lines)


def _cell(col: Column, row: int, height: int, top: int) -> Part:
    """One character of the chart: the column's bar (in eighths), or the pace's dot."""
    pace_row = min(height - 1, int(col.pace / top * height))
    if col.done is None:
        return (PACE_MARK, "$text-muted") if row == pace_row else " "
    fill = col.done / top * height - row
    if fill <= 0:
        return (PACE_MARK, "$text-muted") if row == pace_row else " "
    mark = EIGHTHS[max(1, min(8, round(fill * 8)))]
    return (mark, "$success" if col.done + 0.5 >= col.pace else "$warning")


def _figures(view: DayView) -> list[tuple[str, str]]:
    """Where the block stands, in one line: the same figures as the chart (the time since
    its first call)."""
    pace = view.pace
    assert pace is not None
    figures = [
        (f"{plural(pace.done, 'dial')} by {hm(pace.elapsed_s)}", "bold"),
        (f" · {whole(pace.expected)} expected ({standing(pace)})", "$text-muted"),
    ]
    if pace.day_met:
        figures.append((" · today's dials met", "$success"))
    figures.append((f" · {pace.target} by {hm(pace.block_s)}", "$text-muted"))  # its own target
    return figures


def _waiting(view: DayView) -> str:
    """Before the block's first call: what it is to make, once it starts."""
    target = view.next_target if view.block is None or view.block_target is None else view.block_target
    if target == 0:
        return "Starts with your first dial. Today's dials are met already."
    return f"Starts with your first dial: this block's {target} in {hm(view.block_s)}."


def _met(view: DayView) -> Content:
    """A block begun with the day's dials already met: said in words, no bars."""
    pace = view.pace
    assert pace is not None
    return Content.assemble(
        (f"Today's {plural(view.targets.dials, 'dial')} were met before this block.", "$success"),
        ("\n", ""),
        (
            f"{plural(pace.done, 'dial')} since, in {hm(pace.elapsed_s)}: all of it extra."
            if pace.done
            else "Every dial in this block is extra.",
            "$text-muted",
        ),
    )
