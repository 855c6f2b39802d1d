"""Events out as a readable Markdown report: a line per day, the totals, the notes on rejections."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from companion.core.after_no import after_no
from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, local, seven_days_ending
from companion.core.calluses import Ladder
from companion.core.events import Event
from companion.core.ledger import Ledger
from companion.core.numbers import nos_per_yes
from companion.core.outcomes import Outcome
from companion.core.outside import OutsideShare
from companion.core.summary import RitualStats
from companion.core.tags import CAUSE_LABELS
from companion.transfer.export import Window

# CommonMark lets any ASCII punctuation be escaped; these are the ones that would format text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def to_markdown(events: Iterable[Event], window: Window) -> str:
    """The report of the window's live calls (days without calls are left out)."""
    ledger = Ledger(events)
    tz = window.tz
    calls = ledger.outcomes_between(window.start, window.end)
    if not calls:
        return f"# Calls{_span(window.since, window.until)}\n\nNo calls in this period.\n"
    first, last = day_of(calls[0].at, tz), day_of(calls[-1].at, tz)
    lines = [
        f"# Calls{_span(window.since or first, window.until or last)}",
        "",
        "| Date | Dials | Conversations | Meetings | Rejections | Other dials per meeting\\* |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    day = first
    while day <= last:
        counts = ledger.counts_between(*day_bounds(day, tz))
        if counts.dials:
            week = ledger.counts_between(*seven_days_ending(day, tz))
            lines.append(
                f"| {day:%a %Y-%m-%d} | {counts.dials} | {counts.conversations} | {counts.meetings} "
                f"| {counts.rejections} | {_ratio(nos_per_yes(week.dials, week.meetings))} |"
            )
        day += timedelta(days=1)
    start, end = day_bounds(first, tz)[0], day_bounds(last, tz)[1]
    total = ledger.counts_between(start, end)
    ratio = nos_per_yes(total.dials, total.meetings)
    lines += [
        f"| **Total** | **{total.dials}** | **{total.conversations}** | **{total.meetings}** "
        f"| **{total.rejections}** | **{_ratio(ratio)}** |",
        "",
        "\\* Every dial that was not a meeting (voicemails, no-answers and gatekeepers too, not only"
        " rejections), for each meeting. For a day: over the 7 days ending that day, as on the live"
        " screen. Total: over the whole period.",
        "",
        f"- Connect rate {_percent(total.connect_rate)} (conversations per dial), "
        f"meeting rate {_percent(total.meeting_rate)} (meetings per conversation).",
    ]
    if ratio is not None:
        over_talks = nos_per_yes(total.conversations, total.meetings)
        lines.append(
            f"- Over the whole period each meeting came with {ratio:.1f} other dials "
            f"({_ratio(over_talks)} other conversations): {total.dials - total.meetings} dials "
            f"that were not a meeting, and {total.meetings} that were."
        )
    rituals = RitualStats.of(ledger, start, end)
    if rituals.completed or rituals.skipped or rituals.interrupted or rituals.cut_short:
        recovery = (
            f"; median recovery {rituals.median_recovery_s:.0f} s (from the no to the dial mark) and "
            f"wait at Dial {rituals.median_hesitation_s:.0f} s, over {rituals.measured} timed"
            if rituals.median_recovery_s is not None and rituals.median_hesitation_s is not None
            else "; none timed (Enter at Dial times one)"
        )
        lines.append(
            f"- Resets: {rituals.completed} completed, {rituals.skipped} skipped, "
            f"{rituals.interrupted} interrupted"
            + (f", {rituals.cut_short} cut short" if rituals.cut_short else "")
            + f"{recovery}."
        )
    ladder = Ladder.of(ledger, start, end, tz)
    if ladder.placed or ladder.untimed:
        lines.append(f"- Callus ladder, from a no to dialling again: {ladder.words()}.")
    after = after_no(ledger, start, end, tz, days=(last - first).days + 1)
    if after.next.dials:
        lines.append(
            f"- After a no (the next call that day against the other calls, over this period's"
            f" {after.window()}): {after.words()} {after.rates()} {after.context()}"
        )
    outside = OutsideShare.of(calls)
    if outside.nos:  # the share of the no's that turned on what the rep does not control
        lines.append(f"- Reasons for the no's: {outside.words()}")
    lines += ["", "## Notes on rejections", ""]
    noted = [_note_line(call, tz) for call in calls if call.outcome is Outcome.NO and call.note]
    lines += noted or ["No notes were taken on rejections in this period."]
    return "\n".join(lines) + "\n"


def _span(first: date | None, last: date | None) -> str:
    if first and last:
        return f", {first:%a %d %b %Y} to {last:%a %d %b %Y}"
    if first:
        return f" from {first:%a %d %b %Y}"
    if last:
        return f" until {last:%a %d %b %Y}"
    return ""


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _percent(rate: float | None) -> str:
    """Whole percents, with a tenth below 10% where a tenth matters (4.5% of dials)."""
    if rate is None:
        return "–"
    share = 100 * rate
    return f"{share:.1f}%" if 0 < share < 10 else f"{share:.0f}%"


def _note_line(call: Event, tz: Timezone) -> str:
    tags = [call.reason or "", CAUSE_LABELS.get(call.cause or "", call.cause or "")]
    label = "".join(f" · {md_text(tag)}" for tag in tags if tag)
    return f"- {local(call.at, tz):%a %Y-%m-%d %H:%M}{label}: {md_text(call.note or '')}"


def md_text(text: str) -> str:
    """User text shown as itself in Markdown: `[bold]` or `*` stay literal characters."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
