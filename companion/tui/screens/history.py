"""Days and weeks: the numbers per week, the callus ladder by week, the after-effect of a no,
dials per day as bars, and time to dial by day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from companion.core.calendar import day_of
from companion.core.calluses import AFTER_NO_MIN_CALLS, LADDER, rung
from companion.core.insights import DayRow, WeekRow
from companion.core.words import seconds
from companion.session.reports import History
from companion.session.state import ViewState
from companion.tui.charts import trend
from companion.tui.outcome_keys import outcome_bindings, outcome_help
from companion.tui.screens.reading import ReadingScreen
from companion.tui.widgets.status import StatusLine

BAR = 12

Part = str | tuple[str, str]
Row = TypeVar("Row", DayRow, WeekRow)


class HistoryScreen(ReadingScreen[History]):
    """Weeks and days, the ladder and the after-effect; read again when today's numbers change
    (a call logged elsewhere, a reset ended) while it is open."""

    CSS_PATH = "reports.tcss"  # its own styles, read when it first opens
    FAILED_IN = "history-weeks"
    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="back"),
        Binding("q", "dismiss", "Back", show=False, id="back-q"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        *outcome_bindings(),  # a call that ends while the history is open still logs
    ]
    KEY_HELP = {
        "back": "back to where you were",
        "back-q": "back to where you were",
        "help": "every key of this screen (↑↓ and PgUp/PgDn scroll the history)",
        **outcome_help("logs the call"),
    }
    AUTO_FOCUS = "#history-body"

    def __init__(self, state: ViewState, read: Callable[[date], History]) -> None:
        """`read` reads the history up to a day (blocking: it runs on a worker thread)."""
        super().__init__(state)
        self._read = read

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(" History · ↑↓ scroll", "bold"), id="history-bar")
        with VerticalScroll(id="history-body"):
            yield Static(Content.styled("Reading your history…", "$text-muted"), id="history-weeks")
            yield Static(id="history-ladder")
            yield Static(id="history-after")
            yield Static(id="history-days")
            yield Static(id="dial-label")
            yield Static(id="dial-days")
        yield StatusLine(id="history-status")  # a call logged from here says so here
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#history-body").focus()

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(self.said_here(state))
        day = state.day
        today = day.today if day is not None else day_of(state.now, state.tz)
        numbers = (today, *((day.counts, day.last_recovery_s, day.median_hesitation_s) if day else ()))
        self.read_again_if(numbers, today)  # again when today's numbers change

    def fetch(self, *args: Any) -> tuple[History, list[str]]:
        return self._read(*args), []

    def arrived(self, found: History) -> None:
        self._draw(found.days, found.weeks)
        self.query_one("#history-ladder", Static).update(ladder_chart(_from_first_dial(found.weeks)))
        said = found.after_no.words()
        if said is None:
            said = (
                f"The after-effect of a no is told once {AFTER_NO_MIN_CALLS} calls in 4 weeks have"
                f" followed a no ({found.after_no.next.dials} so far)."
            )
        more = [m for m in (found.after_no.meeting_words(), found.after_no.reset_words()) if m]
        self.query_one("#history-after", Static).update(
            Content.assemble(
                ("The call after a no (last 4 weeks)\n", "bold"),
                said,
                *((f"\n{m}", "$text-muted") for m in more),
            )
        )

    def _draw(self, days: list[DayRow], weeks: list[WeekRow]) -> None:
        """Weeks first (reps steer by the week), then days with a bar of dials, then time to dial.
        Weeks and days before the first dial are left out: a new rep sees no wall of zeros."""
        weeks = _from_first_dial(weeks)
        days = _from_first_dial(days)
        resets = f"{'Rec':>6}{'Dial':>6}{'Timed':>6}"  # medians of the timed resets, and how many
        head = f"{'Week of':<12}{'Dials':>5}{'Talks':>6}{'Mtgs':>5}{'No/yes':>7}{resets}"
        lines = [Content.styled(head, "bold")]
        for week in reversed(weeks):
            w = week.counts
            lines.append(
                Content(
                    f"{week.monday:%d %b %Y} {w.dials:>5}{w.conversations:>6}{w.meetings:>5}"
                    f"{_ratio(week.nos_per_yes):>7}{seconds(week.median_recovery_s):>6}"
                    f"{seconds(week.median_hesitation_s):>6}{week.measured:>6}"
                )
            )
        self.query_one("#history-weeks", Static).update(Content("\n").join(lines))
        most = max((d.counts.dials for d in days), default=0) or 1
        head = f"{'Day':<11}{'Dials':<{BAR + 5}}{'Talks':>6}{'Mtgs':>5}{'No/yes':>7}{'Dial':>6}"
        lines = [Content.styled(head, "bold")]
        for row in reversed(days):
            c = row.counts
            filled = round(BAR * c.dials / most)
            lines.append(
                Content.assemble(
                    (f"{row.day:%a %d %b} ", "$text-muted"),
                    ("█" * filled, "$primary"),
                    " " * (BAR - filled),
                    f"{c.dials:>4} {c.conversations:>6}{c.meetings:>5}{_ratio(row.nos_per_yes):>7}"
                    f"{seconds(row.median_hesitation_s):>6}",
                )
            )
        lines.append(
            Content.styled(
                "No/yes: a week's own; a day's from that day alone. Rec: from the no to dialling;"
                " Dial: once the reset's steps were over (medians of the timed resets).",
                "$text-muted",
            )
        )
        if not any(d.counts.dials for d in days) and not any(w.counts.dials for w in weeks):
            lines.append(Content.styled("Nothing logged yet: each day fills in as you dial.", "$text-muted"))
        self.query_one("#history-days", Static).update(Content("\n").join(lines))
        values = [d.median_hesitation_s for d in days if d.median_hesitation_s is not None]
        self.query_one("#dial-label", Static).update(
            Content.styled("Time to dial by day, oldest → today (lower is quicker)", "$text-muted")
            if len(values) > 1
            else Content.styled("The trend appears after two days with timed resets.", "$text-muted")
        )
        spark = self.query_one("#dial-days", Static)
        spark.update(trend(values) if len(values) > 1 else "")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def ladder_chart(weeks: list[WeekRow]) -> Content:
    """The callus ladder: a dot per week (oldest on the left) on the rung its median time to
    dial stood on, from "ruins the morning" at the top to "immediately" at the foot."""
    timed = [w for w in weeks if w.median_hesitation_s is not None]
    title = Content.styled("Callus ladder · time to dial after a reset, by week", "bold")
    if not timed:
        note = "Your first dot appears with your first timed reset (Enter at Dial)."
        return Content("\n").join([title, Content.styled(note, "$text-muted")])
    label = max(len(words) for _, words in LADDER) + 1
    rows = []
    for n, (_, words) in enumerate(LADDER):
        cells = [
            ("●  ", "bold $accent")
            if w.median_hesitation_s is not None and rung(w.median_hesitation_s)[0] == n
            else "·  "
            for w in weeks
        ]
        rows.append(Content.assemble((words.rjust(label), "$text-muted"), " ", *cells))
    weeks_line = " " * (label + 1) + "".join(f"{w.monday:%V}".ljust(3) for w in weeks)
    counts = f"Each dot: a week's median over its timed resets ({sum(w.measured for w in weeks)} in all)."
    return Content("\n").join(
        [title, *rows, Content.styled(weeks_line, "$text-muted"), Content.styled(counts, "$text-muted")]
    )


def _from_first_dial(rows: list[Row]) -> list[Row]:
    """The rows (oldest first) from the first with a dial; the last row alone if none has."""
    first = next((i for i, row in enumerate(rows) if row.counts.dials), len(rows) - 1)
    return rows[first:]


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
