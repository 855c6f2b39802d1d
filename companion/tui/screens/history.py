"""Days and weeks: the numbers per week, the callus ladder by week, the after-effect of a no,
dials per day as bars, and the wait at Dial by day. Two columns side by side on a wide terminal
(weeks on the left, days on the right), one below the other on a narrow one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from companion.core.calendar import day_of
from companion.core.calluses import RUNGS
from companion.core.ideas import Coached, Idea
from companion.core.insights import DayRow, WeekRow
from companion.core.words import nos, seconds
from companion.session.reports import HISTORY_DAYS, History
from companion.session.state import ViewState
from companion.tui.charts import trend
from companion.tui.look import look_of
from companion.tui.screens.reading import ReadingScreen
from companion.tui.text import SCROLL_HELP
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.status import StatusLine

# A day's row is its date, a bar and its figures; the bar takes what the column leaves (less a
# little air before the scrollbar or the next column), within these bounds: a bar across half a
# wide terminal reads no better, and pushes the figures away from their day.
DAY_FIGURES = 40
AIR = 2
BAR_MIN, BAR_MAX = 12, 30
DAYS_AROUND = 16  # rows beside the days: the bars, status and footer, the table's head, trend and key
TWO_COLUMNS = 116  # from this width weeks and days stand side by side, each column still whole

Part = str | tuple[str, str]
Row = TypeVar("Row", DayRow, WeekRow)


class HistoryScreen(ReadingScreen[History]):
    """Weeks and days, the ladder and the after-effect; read again when today's numbers change
    (a call logged elsewhere, a reset ended) while it is open."""

    CSS_PATH = "reports.tcss"  # its own styles, read when it first opens
    HORIZONTAL_BREAKPOINTS = [(0, "-one-column"), (TWO_COLUMNS, "-two-columns")]
    FAILED_IN = "history-weeks"
    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="back", tooltip="back to where you were"),
        Binding("q", "dismiss", "Back", show=False, id="back-q", tooltip="back to where you were"),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip=SCROLL_HELP),
    ]
    CALLS_HELP = "from here too"  # what every call key does here
    AUTO_FOCUS = "#history-body"

    def __init__(self, state: ViewState, read: Callable[[date, int], History]) -> None:
        """`read` reads the history up to a day, so many days back (blocking: it runs on a
        worker thread)."""
        super().__init__(state)
        self._read = read

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(" History · ↑↓ scroll", "bold"), id="history-bar")
        with VerticalScroll(id="history-body"), Vertical(id="history-columns"):
            with Vertical(id="history-left"):
                yield Static(Content.styled("Reading your history…", "$text-muted"), id="history-weeks")
                yield Static(id="history-ladder")
                yield Static(id="history-after")
            with Vertical(id="history-right"):
                yield DayList(id="history-days")
                yield Static(id="dial-label")
                yield Static(id="dial-days")
                yield Static(id="history-key")
        yield StatusLine(id="history-status")  # a call logged from here says so here
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#history-body").focus()

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(self.said_here(state))
        day = state.day
        today = day.today if day is not None else day_of(state.now, state.tz)
        numbers = (today, *((day.counts, day.last_recovery_s, day.median_hesitation_s) if day else ()))
        days = self.days_that_fit()
        self.read_again_if((numbers, days), today, days)  # again when today's numbers change

    def days_that_fit(self) -> int:
        """Side by side, the days column runs the height of the screen: as many days as fit
        beside the weeks (never fewer than two weeks); one below the other, two weeks."""
        width, height = self.size
        if width < TWO_COLUMNS:
            return HISTORY_DAYS
        return max(HISTORY_DAYS, height - DAYS_AROUND)

    def fetch(self, *args: Any) -> tuple[History, list[str]]:
        return self._read(*args), []

    def arrived(self, found: History) -> None:
        self.redraw(found)

    def redraw(self, found: History) -> None:
        plain = look_of(self).plain
        # Weeks and days before the first dial are left out: a new rep sees no wall of zeros.
        weeks, days = _from_first_dial(found.weeks), _from_first_dial(found.days)
        self.query_one("#history-weeks", Static).update(weeks_table(weeks))
        ladder = self.query_one("#history-ladder", Static)
        room = ladder.content_region.width or self.size.width - 4  # before the first layout
        ladder.update(ladder_chart(weeks, plain, room))
        after = found.after_no  # the same verdict as the summary and every export (core.after_no)
        more = [after.rates()]
        more += [after.context()] if after.next.dials else []
        self.query_one("#history-after", Static).update(
            Content.assemble(
                (f"The call after a no (last {after.window()})\n", "bold"),
                after.words(),
                *((f"\n{m}", "$text-muted") for m in more),
            )
        )
        nothing = not any(d.counts.dials for d in days) and not any(w.counts.dials for w in weeks)
        self.query_one(DayList).show(days, nothing, plain)
        values = [d.median_hesitation_s for d in days if d.median_hesitation_s is not None]
        self.query_one("#dial-label", Static).update(
            Content.styled("Wait at Dial by day, oldest → today (lower is quicker)", "$text-muted")
            if len(values) > 1
            else Content.styled("The trend appears after two days with timed resets.", "$text-muted")
        )
        self.query_one("#dial-days", Static).update(trend(values, plain) if len(values) > 1 else "")
        self.query_one("#history-key", Static).update(
            Content.styled(
                "Per mtg: other dials for each meeting, a week's own, a day's from that day alone."
                " Rec: recovery, from the no to the dial mark; Dial: the wait at Dial (medians of"
                " the timed resets).",
                "$text-muted",
            )
        )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class DayList(Static):
    """Dials per day, newest first, each with a bar as long as the column allows; drawn again
    when the column changes width. In plain mode the count alone says it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._days: list[DayRow] = []
        self._nothing = False
        self._plain = False

    def show(self, days: list[DayRow], nothing: bool, plain: bool) -> None:
        """`nothing`: no dial anywhere in the history, which the list says once at its foot."""
        self._days, self._nothing, self._plain = days, nothing, plain
        self._draw()

    def on_resize(self) -> None:
        if self._days:
            self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or DAY_FIGURES + AIR + BAR_MIN  # before the first layout
        bar = max(BAR_MIN, min(BAR_MAX, width - DAY_FIGURES - AIR))
        self.update(day_table(self._days, 0 if self._plain else bar, self._nothing))


def weeks_table(weeks: list[WeekRow]) -> Content:
    """The weeks, newest first: reps steer by the week."""
    resets = f"{'Rec':>6}{'Dial':>6}{'Timed':>6}"  # medians of the timed resets, and how many
    head = f"{'Week of':<12}{'Dials':>5}{'Talks':>6}{'Mtgs':>5}{'Per mtg':>8}{resets}"
    lines = [Content.styled(head, "bold")]
    for week in reversed(weeks):
        w = week.counts
        lines.append(
            Content(
                f"{week.monday:%d %b %Y} {w.dials:>5}{w.conversations:>6}{w.meetings:>5}"
                f"{_ratio(week.nos_per_yes):>8}{seconds(week.median_recovery_s):>6}"
                f"{seconds(week.median_hesitation_s):>6}{week.measured:>6}"
            )
        )
    return Content("\n").join(lines)


def day_table(days: list[DayRow], bar: int, nothing: bool) -> Content:
    """The days, newest first, with a bar of `bar` cells for the dials scaled to the busiest
    day; with `bar` 0 (plain mode) the dials are a column of numbers like the others."""
    most = max((d.counts.dials for d in days), default=0) or 1
    dials = f"{'Dials':<{bar + 5}}" if bar else f"{'Dials':>5}"
    lines = [Content.styled(f"{'Day':<11}{dials}{'Talks':>6}{'Mtgs':>5}{'Per mtg':>8}{'Dial':>6}", "bold")]
    for row in reversed(days):
        c = row.counts
        filled = round(bar * c.dials / most)
        figures = f"{c.conversations:>6}{c.meetings:>5}{_ratio(row.nos_per_yes):>8}"
        figures += f"{seconds(row.median_hesitation_s):>6}"
        lines.append(
            Content.assemble(
                (f"{row.day:%a %d %b} ", "$text-muted"),
                ("█" * filled, "$primary"),
                " " * (bar - filled),
                f"{c.dials:>4} " if bar else f"{c.dials:>5}",
                figures,
            )
        )
    if nothing:
        lines.append(Content.styled("Nothing logged yet: each day fills in as you dial.", "$text-muted"))
    return Content("\n").join(lines)


COLUMN = 7  # a week's column on the ladder: air and its date ("07 Dec"), the count above it
# Under the ladder: what to look for, not what will happen (the ladder measures it).
LADDER_FOOT = Coached(Idea.CALLUSES, "Lower is quicker. Watch where yours sit week to week.")


def ladder_chart(weeks: list[WeekRow], plain: bool = False, width: int = 0) -> Content:
    """The callus ladder by week: a column per week (oldest on the left, its Monday's date on
    the axis below), a row per rung from "the morning" at the top to "at once" at the foot, and
    in each cell how many no's held the rep that long. Plain: a line per week, oldest first,
    naming each rung's count (a screen reader reads a grid as noise)."""
    title = Content.styled("Callus ladder · from a no to dialling again, by week", "bold")
    placed = sum(w.ladder.placed for w in weeks)
    untimed = sum(w.ladder.untimed for w in weeks)
    if not placed:
        note = "Each no lands here once you dial again: Enter at Dial times it."
        return Content("\n").join([title, Content.styled(note, "$text-muted")])
    left_out = f", {untimed} without a time" if untimed else ""
    foot = f"{nos(placed)} placed{left_out}. {LADDER_FOOT.text}"
    if plain:
        rows = [
            Content.assemble(
                (f"Week of {w.monday:%d %b}: ", "$text-muted"),
                " · ".join(f"{r.words} {n}" for r, n in zip(RUNGS, w.ladder.counts, strict=True)),
            )
            for w in weeks
        ]
        return Content("\n").join([title, *rows, Content.styled("Oldest first. " + foot, "$text-muted")])
    label = max(len(r.words) for r in RUNGS) + 1
    if width:  # the latest weeks that fit, each column under its own date
        weeks = weeks[-max(1, (width - label) // COLUMN) :]
    lines = []
    for n in range(len(RUNGS) - 1, -1, -1):
        cells: list[Part] = [
            (f"{w.ladder.counts[n]:>{COLUMN}}", "bold $accent") if w.ladder.counts[n] else f"{'·':>{COLUMN}}"
            for w in weeks
        ]
        lines.append(Content.assemble((RUNGS[n].words.rjust(label), "$text-muted"), *cells))
    axis = "week of".rjust(label - 2).ljust(label) + "".join(f"{w.monday:%d %b}".rjust(COLUMN) for w in weeks)
    axis_line = Content.styled(axis, "$text-muted")
    return Content("\n").join([title, *lines, axis_line, Content.styled(foot, "$text-muted")])


def _from_first_dial(rows: list[Row]) -> list[Row]:
    """The rows (oldest first) from the first with a dial; the last row alone if none has."""
    first = next((i for i, row in enumerate(rows) if row.counts.dials), len(rows) - 1)
    return rows[first:]


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
