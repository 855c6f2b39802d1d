"""The rejection resume as Markdown: every noted, hard or reviewed no, newest first, by month, with how
it felt then and on review, and the lesson; the share of no's outside the rep's control over its
span; what the rep noticed reading it back, and the question its end asks. User text is escaped
(report.md_text)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from companion.core.around import (
    NOTICE_ASK,
    NOTICE_PATTERNS,
    NOTICE_SMALL,
    NOTICED_HEADING,
    ResumeEntry,
    by_month,
    labels,
)
from companion.core.calendar import Zone, local
from companion.core.events import Event
from companion.core.outside import OutsideShare
from companion.core.words import plural
from companion.transfer.report import md_text


def resume_markdown(
    entries: tuple[ResumeEntry, ...],
    tz: Zone,
    now: datetime,
    noticed: Sequence[Event] = (),
    outside: OutsideShare | None = None,
) -> str:
    """The resume as of `now`, with what was `noticed` reading it back (newest first) and the
    share of its no's `outside` the rep's control."""
    lines = [f"# Rejection resume, {local(now, tz):%d %B %Y}", ""]
    if not entries:
        lines += [
            "Nothing here yet. A no gets an entry once it has a note (t in the app, or",
            "`companion log no --note ...`), lands hard (N, or `--hard`) or has a lesson from",
            "its 24-hour review.",
        ]
        return "\n".join(lines) + "\n"
    lessons = sum(1 for e in entries if e.lesson)
    lines += [f"{plural(len(entries), 'rejection')}, {plural(lessons, 'lesson')}. Newest first.", ""]
    if outside is not None:
        lines += [outside.line(), ""]
    for month, group in by_month(entries, tz):
        lines += [f"## {month:%B %Y}", ""]
        lines += [entry_line(entry, tz) for entry in group]
        lines.append("")
    if noticed:
        lines += [f"## {NOTICED_HEADING.text}", ""]
        lines += [f"- **{local(line.at, tz):%a %d %b %Y}**: {md_text(line.note or '')}" for line in noticed]
        lines.append("")
    lines += [f"## {NOTICE_ASK.text}", "", f"{NOTICE_SMALL.text} {NOTICE_PATTERNS.text}", ""]
    return "\n".join(lines)


def entry_line(entry: ResumeEntry, tz: Zone) -> str:
    """One entry as a Markdown list item with its lesson below it."""
    no = entry.no
    label = "".join(f" · {md_text(tag)}" for tag in labels(no))
    line = f"- **{local(no.at, tz):%a %d %b %H:%M}**{label}"
    if no.note:
        line += f": {md_text(no.note)}"
    felt = entry.feelings()
    if felt:
        line += f" ({felt})"
    if no.story:
        line += f"\n  - The story I told myself: {md_text(no.story)}"
    if entry.lesson:
        line += f"\n  - Lesson: {md_text(entry.lesson)}"
    return line
