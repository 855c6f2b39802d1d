"""The end of a block: the block and the day against targets, rates, time to dial on the callus
ladder and its trend over blocks, recovery, the after-effect of a no, the reasons behind the
no's, and what to take into tomorrow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from companion.core.calluses import AFTER_NO_MIN_CALLS, ladder_words
from companion.core.insights import DayReport, PastFigures
from companion.core.tags import CAUSE_LABELS, reason_label
from companion.core.view import BlockStanding
from companion.core.words import clock, nos, percent, plural, seconds, whole
from companion.errors import CompanionError, reason
from companion.session.commands import CloseSummary, Quit, Say, StartBlock
from companion.session.state import ViewState
from companion.tui.charts import trend
from companion.tui.look import look_of
from companion.tui.messages import ExportToday, OpenHistory
from companion.tui.screens.live import LiveScreen
from companion.tui.text import standing as standing_words
from companion.tui.text import wrap
from companion.tui.widgets.status import StatusLine

Part = str | tuple[str, str]


class SummaryScreen(LiveScreen):
    """Shown once the block has ended (on `e`). It never appears by itself."""

    CSS_PATH = "reports.tcss"  # its own styles, read when it first opens

    BINDINGS = [
        Binding("enter", "new_block", "New block", id="new-block", tooltip="start the next block"),
        Binding(
            "x", "export_today", "Export today", id="export-today", tooltip="today's calls as CSV in exports"
        ),
        Binding("h", "history", "History", id="history", tooltip="days, weeks, the callus ladder"),
        Binding("q", "quit_app", "Quit", id="quit", tooltip="close Companion"),
        Binding("escape", "back", "Back", id="back", tooltip="back; the block stays ended"),
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            show=False,
            id="help",
            tooltip="every key of this screen",
        ),
    ]
    CALLS_HELP = "it counts for the day"  # what every call key does here
    AUTO_FOCUS = "#summary-body"  # ↑↓ and PgUp/PgDn scroll it on a short terminal

    def __init__(self, state: ViewState, read_trend: Callable[[], PastFigures]) -> None:
        """`read_trend` reads the last blocks' timed resets and the after-effect of a no over
        the last four weeks (blocking: it runs on a worker thread). The day's own numbers
        always come from the state, so a call logged elsewhere shows here too."""
        super().__init__(state)
        self._read_trend = read_trend
        self._past: PastFigures | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="summary-bar")
        with VerticalScroll(id="summary-body"):
            yield Static(id="summary-table")
            yield Static(id="summary-rates")
            yield Static(id="summary-recovery")
            yield Static(id="trend-label")
            yield Static(id="trend")
            yield Static(id="summary-reasons")
        yield StatusLine(id="summary-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load_trend()

    @work(thread=True, exclusive=True, group="summary")
    def load_trend(self) -> None:
        """The last 30 blocks can reach back months: read them off the UI thread."""
        try:
            trend = self._read_trend()
        except (OSError, CompanionError) as error:
            self.app.call_from_thread(
                self._ask, Say(f"Could not read past blocks: {reason(error)}", error=True)
            )
            return
        self.app.call_from_thread(self._take_trend, trend)

    def on_resize(self) -> None:
        """The fields wrap to the width: paint again at a new one (and the first real one)."""
        if self.state is not None:
            self.paint(self.state)

    def _take_trend(self, past: PastFigures) -> None:
        self._past = past
        if self.state is not None:
            self.paint(self.state)

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(state.status)
        if state.summary is None or state.day is None:
            return  # closing
        report = state.summary.report
        if self._past is not None:
            report = replace(report, trend=self._past.trend)
        targets = state.day.targets
        title = f" Summary · {report.day:%a %d %b}"
        if report.block is not None:
            title += f" · block {clock(report.block_elapsed_s)}"
        title += " · ↑↓ scroll" if self.size.height < 30 else ""
        self.query_one("#summary-bar", Static).update(Content.styled(title, "bold"))
        b, d = report.block_counts, report.counts
        standing = state.summary.standing
        # The block's dials against its own target ("18/20"), the day's against the day's.
        block_dials = f"{b.dials}/{standing.target}" if standing is not None else str(b.dials)
        rows: list[Part] = [(f"{'':<15}{'Block':>7}{'Today':>7}{'Target':>8}\n", "$text-muted")]
        for label, block_n, day_n, target in (
            ("Dials", block_dials, d.dials, str(targets.dials)),
            ("Conversations", b.conversations, d.conversations, str(targets.conversations)),
            ("Meetings", b.meetings, d.meetings, str(targets.meetings)),
            ("Rejections", b.rejections, d.rejections, "–"),
        ):
            rows += [(f"{label:<15}", "bold"), f"{block_n:>7}{day_n:>7}{target:>8}\n"]
        if standing is not None:
            rows += [(f"{'Block pace':<15}", "bold"), (_block_pace(standing), "$text-muted")]
        self.query_one("#summary-table", Static).update(Content.assemble(*rows).rstrip())
        room = self.query_one("#summary-body").scrollable_content_region.width  # less the scrollbar
        width = max(30, room or self.size.width - 4)
        rates = f"connect {percent(report.counts.connect_rate)} of dials"
        rates += f" · meetings {percent(report.counts.meeting_rate)} of conversations"
        if report.nos_per_yes is not None:
            over_talks = report.nos_per_yes_conversations
            costs = f"a meeting costs about {whole(report.nos_per_yes)} no's over dials"
            costs += f", {whole(over_talks)} over conversations" if over_talks is not None else ""
            costs += f" (the last 7 days); today brought {report.nos_today} of them."
        else:
            costs = f"{plural(report.nos_today, 'dial')} without a yes today: each one counts."
        self.query_one("#summary-rates", Static).update(
            Content("\n").join([field("Today", rates, width), field("No's", costs, width)])
        )
        r, in_block = report.rituals, report.block_rituals
        lines = []
        if report.block is not None and in_block.measured != r.measured:  # else the same figure
            block_words = ladder_words(in_block.median_hesitation_s, in_block.measured)
            lines.append(field("To dial", f"this block: {block_words}", width))
        today_words = ladder_words(r.median_hesitation_s, r.measured)
        lines.append(field("" if lines else "To dial", f"today: {today_words}", width))
        if r.median_recovery_s is not None:
            from_no = f"today's median {seconds(r.median_recovery_s)} from the no, over {r.measured} timed"
            lines.append(field("Recovery", from_no, width))
        done = f"today {r.completed} done · {r.skipped} skipped · {r.interrupted} interrupted"
        lines.append(field("Resets", done, width))
        after = self._past.after_no if self._past is not None else None
        if after is not None:
            said = after.words()
            if said is None:
                wait = f"told once {AFTER_NO_MIN_CALLS} calls in 4 weeks have followed a no"
                wait += f" ({after.next.dials} so far)"
                lines.append(field("After a no", wait, width, "$text-muted"))
            else:
                lines.append(field("After a no", said.removeprefix("After a no "), width))
                for more in (after.meeting_words(), after.reset_words()):
                    if more:
                        lines.append(field("", more, width, "$text-muted"))
        self.query_one("#summary-recovery", Static).update(Content("\n").join(lines))
        values = [t.median_hesitation_s or 0.0 for t in report.trend]
        label = (
            f"Time to dial over your last {len(values)} blocks (lower is quicker)"
            if len(values) > 1
            else "The trend appears after two blocks with timed resets (Enter at Dial)."
        )
        self.query_one("#trend-label", Static).update(Content.styled(label, "$text-muted"))
        spark = self.query_one("#trend", Static)
        spark.update(trend(values, look_of(self).plain) if len(values) > 1 else Content(""))
        self.query_one("#summary-reasons", Static).update(_reasons(report))

    def action_new_block(self) -> None:
        self._ask(StartBlock())

    def action_back(self) -> None:
        self._ask(CloseSummary())

    def action_quit_app(self) -> None:
        self._ask(Quit())

    def action_export_today(self) -> None:
        self.post_message(ExportToday())

    def action_history(self) -> None:
        self.post_message(OpenHistory())


def _block_pace(standing: BlockStanding) -> str:
    """The block against its own dial target at its end, counted from its first call."""
    pace = standing.pace
    if pace is None:
        return "no call in this block"
    if pace.target == 0:
        return f"today's dials were met before it; {pace.done} more"
    return f"{pace.done} of its {pace.target} dials in {clock(pace.elapsed_s)[:-3]}, {standing_words(pace)}"


LABEL = 11  # the width of a field's label: "After a no" and a space


def field(label: str, text: str, width: int, style: str = "") -> Content:
    """A bold label and its text, wrapped under itself (a hanging indent): it reads as a column
    at any width."""
    lines = wrap(text, width, " " * LABEL)
    return Content.assemble((label.ljust(LABEL), "bold"), (lines[LABEL:], style))


def _reasons(report: DayReport) -> Content:
    parts: list[Part] = [("Reasons   ", "bold")]
    reasons = " · ".join(f"{reason_label(name)} {n}" for name, n in report.reasons)
    parts.append(reasons or ("none tagged", "$text-muted"))
    parts += ["\n", ("Causes    ", "bold")]
    causes = " · ".join(f"{CAUSE_LABELS.get(name, name)} {n}" for name, n in report.causes)
    parts.append(causes or ("none tagged", "$text-muted"))
    parts += ["\n", ("Tomorrow  ", "bold")]
    if report.focus:
        parts += [
            f"practise the no's tagged {reason_label(report.focus)}\n",
            ("          this week's most frequent skill gap", "$text-muted"),
        ]
    else:
        parts.append(("pick one skill to practise; every call is a rep", "$text-muted"))
    if report.to_review:
        parts += ["\n", ("Review    ", "bold"), f"{nos(report.to_review)} to look at again tomorrow (r)"]
    return Content.assemble(*parts)
