"""The end of a block: the block and the day against targets, rates, other dials per meeting,
the wait at Dial on the callus ladder and its trend over blocks, recovery, the after-effect of a
no, the reasons behind the no's, and what to take into tomorrow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content

from companion.core.around import SKILLS
from companion.core.calluses import dial_words
from companion.core.ideas import Coached, Idea
from companion.core.insights import DayReport, PastFigures
from companion.core.tags import CAUSE_LABELS, reason_label
from companion.core.view import BlockStanding
from companion.core.words import AT_DIAL, LAST_7_DAYS, RECOVERY, clock, nos, others, percent, plural, seconds
from companion.errors import CompanionError, reason
from companion.session.commands import CloseSummary, Quit, Say, StartBlock
from companion.session.state import ViewState
from companion.tui.charts import trend
from companion.tui.collector import reading
from companion.tui.look import look_of
from companion.tui.messages import ExportToday, OpenHistory
from companion.tui.screens.live import LiveScreen
from companion.tui.text import standing as standing_words
from companion.tui.text import wrap
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.painted import Painted
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
        self._painted_width = 0  # the body's width the fields were last wrapped to

    def compose(self) -> ComposeResult:
        yield Painted(id="summary-bar")
        with VerticalScroll(id="summary-body"):
            yield Painted(id="summary-table")
            yield Painted(id="summary-rates")
            yield Painted(id="summary-recovery")
            yield Painted(id="trend-label")
            yield Painted(id="trend")
            yield Painted(id="summary-reasons")
        yield StatusLine(id="summary-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load_trend()

    @work(thread=True, exclusive=True, group="summary")
    def load_trend(self) -> None:
        """The last 30 blocks can reach back months: read them off the UI thread."""
        try:
            with reading():
                trend = self._read_trend()
        except (OSError, CompanionError) as error:
            self.app.call_from_thread(
                self._ask, Say(f"Could not read past blocks: {reason(error)}", error=True)
            )
            return
        self.app.call_from_thread(self._take_trend, trend)

    def on_resize(self) -> None:
        """The fields wrap to the width: paint again at a new one (and the first real one),
        once the body's new width is laid out."""
        self.call_after_refresh(self._repaint)

    def _repaint(self, tries: int = 3) -> None:
        """Paint at the body's width; again while that width still moves (the new text may add
        or drop the scroll bar, and with it two columns), a few frames at most."""
        if self.state is None or not self.is_mounted or not self.query("#summary-body"):
            return  # (a screen on its way out has no body left to paint)
        self.paint(self.state)
        if tries:
            self.call_after_refresh(self._repaint_if_moved, tries - 1)

    def _repaint_if_moved(self, tries: int) -> None:
        if self.is_mounted and self.query("#summary-body") and self._body_width() != self._painted_width:
            self._repaint(tries)

    def _body_width(self) -> int:
        room = self.query_one("#summary-body").scrollable_content_region.width  # less the scrollbar
        return max(30, room or self.size.width - 4)

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
        self.query_one("#summary-bar", Painted).paint(Content.styled(title, "bold"))
        b, d = report.block_counts, report.counts
        standing = state.summary.standing
        # The block's dials against its own target ("18/20"), the day's against the day's.
        block_dials = (
            f"{b.dials}/{standing.target}" if standing is not None and standing.target else str(b.dials)
        )
        rows: list[Part] = [(f"{'':<15}{'Block':>7}{'Today':>7}{'Target':>8}\n", "$text-muted")]
        for label, block_n, day_n, target in (
            ("Dials", block_dials, d.dials, str(targets.dials)),
            ("Conversations", b.conversations, d.conversations, str(targets.conversations)),
            ("Meetings", b.meetings, d.meetings, str(targets.meetings)),
            ("Rejections", b.rejections, d.rejections, "–"),
        ):
            rows += [(f"{label:<15}", "bold"), f"{block_n:>7}{day_n:>7}{target:>8}\n"]
        if standing is not None:
            rows += [(f"{'Block pace':<15}", "bold"), (_block_pace(standing), "$text-muted"), "\n"]
        width = self._painted_width = self._body_width()
        week = wrap(state.day.week_standing.figures(), width, " " * 15)[15:]
        rows += [(f"{'This week':<15}", "bold"), (week, "$text-muted")]
        self.query_one("#summary-table", Painted).paint(Content.assemble(*rows).rstrip())
        rates = f"connect {percent(report.counts.connect_rate)} of dials"
        rates += f" · meetings {percent(report.counts.meeting_rate)} of conversations"
        self.query_one("#summary-rates", Painted).paint(
            Content("\n").join(
                [field("Today", rates, width), field("Per meeting", _per_meeting(report), width)]
            )
        )
        r, in_block = report.rituals, report.block_rituals
        lines = [field("Ladder", f"today: {report.ladder.words()}", width)]
        if report.block is not None and in_block.measured != r.measured:  # else the same figure
            block_words = dial_words(in_block.median_hesitation_s, in_block.measured)
            lines.append(field(AT_DIAL, f"this block: {block_words}", width))
        today_words = dial_words(r.median_hesitation_s, r.measured)
        lines.append(field("" if len(lines) > 1 else AT_DIAL, f"today: {today_words}", width))
        if r.median_recovery_s is not None:
            from_no = f"today's median {seconds(r.median_recovery_s)} from the no to your dial mark"
            lines.append(field(RECOVERY, f"{from_no}, over {r.measured} timed", width))
        done = f"today {r.completed} completed · {r.skipped} skipped · {r.interrupted} interrupted"
        done += f" · {r.cut_short} cut short" if r.cut_short else ""  # [ritual] gate = "let-through"
        lines.append(field("Resets", done, width))
        after = self._past.after_no if self._past is not None else None
        if after is not None:  # the same verdict as the history and every export (core.after_no)
            lines.append(field("After a no", after.words(), width))
            lines.append(field("", after.rates(f"the last {after.window()}"), width, "$text-muted"))
            if after.next.dials:
                lines.append(field("", after.context(), width, "$text-muted"))
        self.query_one("#summary-recovery", Painted).paint(Content("\n").join(lines))
        values = [t.median_hesitation_s or 0.0 for t in report.trend]
        label = (
            f"{AT_DIAL} over your last {len(values)} blocks (lower is quicker)"
            if len(values) > 1
            else "The trend appears after two blocks with timed resets (Enter at Dial)."
        )
        self.query_one("#trend-label", Painted).paint(Content.styled(label, "$text-muted"))
        spark = self.query_one("#trend", Painted)
        spark.paint(trend(values, look_of(self).plain) if len(values) > 1 else Content(""))
        self.query_one("#summary-reasons", Painted).paint(_reasons(report, width))

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
    """The block against its own dial target at its end, on its clock."""
    pace = standing.pace
    if not pace.done:
        return "no call in this block"
    if pace.target == 0:
        return f"today's dials were met before it; {pace.done} more"
    made = f"{plural(pace.done, 'dial')}, target {pace.target}"
    return f"{made}, in {clock(pace.elapsed_s)[:-3]}: {standing_words(pace)}"


LABEL = 13  # the width of a field's label: "Wait at Dial" and a space


def field(label: str, text: str, width: int, style: str = "") -> Content:
    """A bold label and its text, wrapped under itself (a hanging indent): it reads as a column
    at any width."""
    lines = wrap(text, width, " " * LABEL)
    return Content.assemble((label.ljust(LABEL), "bold"), (lines[LABEL:], style))


def _per_meeting(report: DayReport) -> str:
    """Every dial that was not a meeting, for each meeting, over the last 7 days; then today's
    own dials that were not a meeting. Never called no's: the rejections are the no's."""
    missed = report.counts.dials - report.counts.meetings
    today = f"today, {plural(missed, 'dial')} {'was' if missed == 1 else 'were'} not a meeting"
    if report.nos_per_yes is None:
        return f"no meeting in {LAST_7_DAYS} yet; {today}."
    said = others(report.nos_per_yes)
    if report.nos_per_yes_conversations is not None:
        said += f" and {others(report.nos_per_yes_conversations, 'conversation')}"
    return f"{said} for each meeting, over {LAST_7_DAYS}; {today}."


TOP_REASONS = 3  # today's most common reasons; tomorrow's focus is shown beside them too


def shown_reasons(report: DayReport) -> list[tuple[str, int]]:
    """Today's top reasons, and tomorrow's focus among them whenever it was tagged today, so
    the practice line never names a reason the line above it leaves out."""
    shown = list(report.reasons[:TOP_REASONS])
    shown += [(name, n) for name, n in report.reasons[TOP_REASONS:] if name == report.focus]
    return shown


# Tomorrow's focus: the skill gap tagged most this week is the one to close (the checklist's
# first question), with the skill the warm-up will offer for it; else the warm-up's own offer.
PRACTISE_THE_GAP = Coached(
    Idea.CHECKLIST, "work on your {reason} no's, your most tagged skill gap this week:"
)
PICK_A_SKILL = Coached(Idea.WARMUP, "the warm-up before your first call offers one skill; Enter takes it")


def _reasons(report: DayReport, width: int = 56) -> Content:
    """Today's top reasons, the share of the no's outside the rep's control under them (what
    it stands on included: the no's with no reason), the causes, tomorrow's focus."""
    parts: list[Part] = [("Reasons   ", "bold")]
    reasons = " · ".join(f"{reason_label(name)} {n}" for name, n in shown_reasons(report))
    parts.append(f"{reasons} (today)" if reasons else ("none tagged today", "$text-muted"))
    if report.outside.tagged:
        parts += ["\n", wrap(report.outside.words(), width, " " * 10)]
    parts += ["\n", ("Causes    ", "bold")]
    causes = " · ".join(f"{CAUSE_LABELS.get(name, name)} {n}" for name, n in report.causes)
    parts.append(f"{causes} (today)" if causes else ("none tagged today", "$text-muted"))
    parts += ["\n", ("Tomorrow  ", "bold")]
    if report.focus:
        parts += [
            wrap(PRACTISE_THE_GAP.text.format(reason=reason_label(report.focus)), width, " " * 10)[10:]
            + "\n",
            (wrap(SKILLS.get(report.focus, SKILLS[None]).text, width, " " * 10), "$accent"),
        ]
    else:
        parts.append((wrap(PICK_A_SKILL.text, width, " " * 10)[10:], "$text-muted"))
    if report.to_review:
        parts += ["\n", ("Review    ", "bold"), f"{nos(report.to_review)} to look at again tomorrow (r)"]
    return Content.assemble(*parts)
