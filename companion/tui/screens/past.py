"""Screens read from the whole history, off the loop: the rejection resume (opening it reads it
back) and the wins (`+` adds one). Each reads again when what it lists may have changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from companion.core.around import (
    NOTICE_ASK,
    NOTICE_PATTERNS,
    NOTICE_SMALL,
    NOTICED_HEADING,
    ResumeEntry,
    Win,
    by_month,
    labels,
)
from companion.core.calendar import Zone, local
from companion.core.events import Event
from companion.core.words import plural
from companion.session.commands import Command, Notice, ReadBack
from companion.session.past import ResumeRead
from companion.session.state import ViewState
from companion.tui.collector import keep_what_was_read, reading
from companion.tui.look import look_of
from companion.tui.screens.reading import ReadingScreen
from companion.tui.text import SCROLL_HELP, paragraph, wrap
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.line_list import LineList, Row, rows
from companion.tui.widgets.note_box import NoteBox, open_note_box
from companion.tui.widgets.status import StatusLine

Part = str | tuple[str, str]
Found = TypeVar("Found")


class PastScreen(ReadingScreen[Found]):
    """A list read from the whole history on a worker thread, scrolled with ↑↓. It runs to
    thousands of rows on a home of some years: it is drawn and wrapped on a worker thread too,
    and only the rows in view are painted (LineList)."""

    CSS_PATH = "around.tcss"
    FAILED_IN = "past-list"
    TITLE_TEXT = ""
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="back to the session"),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip=SCROLL_HELP),
    ]
    CALLS_HELP = "from here too"  # what every call key does here
    AUTO_FOCUS = "#past-list"

    def __init__(self, state: ViewState, read: Callable[[], tuple[Found, list[str]]]) -> None:
        """`read` reads the list (blocking: it runs on a worker thread)."""
        super().__init__(state)
        self._read = read

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f" {self.TITLE_TEXT} · ↑↓ scroll", "bold"), id="past-bar")
        yield LineList(Content.styled("Reading…", "$text-muted"), id="past-list")
        yield StatusLine(id="past-status")
        yield KeyFooter()

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(self.said_here(state))
        # Read again only when an event the resume or the wins look at arrived (a no, a
        # meeting, a review, a win): a voicemail changes neither, and a read is the history.
        self.read_again_if(state.around.changes if state.around is not None else None)

    def fetch(self, *args: Any) -> tuple[Found, list[str]]:
        return self._read()

    def failed(self, message: Content) -> None:
        self._shown = None
        self.query_one(LineList).show_text(message)

    def arrived(self, found: Found) -> None:
        self.redraw(found)  # read_done follows once it is on screen

    _layouts = 0  # lay-outs asked for; one that finishes after a newer one is dropped

    def redraw(self, found: Found) -> None:
        if self.state is not None and self.is_mounted:
            shown = self.query_one(LineList)
            width = shown.scrollable_content_region.width or self.size.width - 4
            plain = look_of(self).plain
            if found is self._shown and (width, plain) == self._shown_as:
                return  # (a resize that kept the width: what is on screen stays)
            self._layouts += 1
            self._shown, self._shown_as = found, (width, plain)
            self._lay_out(found, self.state.tz, width, plain, self._layouts)

    @work(thread=True, group="lay-out", exclusive=True)
    def _lay_out(self, found: Found, tz: Zone, width: int, plain: bool, layout: int) -> None:
        with reading():  # until the list is on screen (call_from_thread waits for it)
            text = self.draw(found, tz, width, plain)
            wrapped = rows(text, width)
            self.app.call_from_thread(self._laid_out, found, wrapped, width, layout)

    _shown: Found | None = None  # the read on screen, or on its way there (the newest lay-out)
    _shown_as: tuple[int, bool] = (0, False)  # at what width, plain or not

    def same_as_shown(self, found: Found) -> bool:
        # (`_shown` is set on the loop and only read here: a reference, swapped whole.)
        shown = self._shown
        return shown is not None and shown == found

    def _laid_out(self, found: Found, wrapped: list[Row], width: int, layout: int) -> None:
        if layout == self._layouts and self.is_mounted:
            self.query_one(LineList).show_rows(wrapped, width)
            keep_what_was_read()
            self.read_done(found)

    def draw(self, found: Found, tz: Zone, width: int, plain: bool) -> Content:
        """The list as one text `width` cells wide (blocking: on a worker thread, reading no
        widget)."""
        raise NotImplementedError

    def read_done(self, found: Found) -> None:
        """What a screen does once its list is on screen."""

    def action_back(self) -> None:
        self.dismiss()


class ResumeScreen(PastScreen[ResumeRead]):
    """Every noted, hard or reviewed no, newest first, by month, under the share of no's that
    were outside the rep's control over its span. Scrolled to the end (or all in view) it is
    read back, and its end asks what the rep notices now: Enter keeps one line of it."""

    TITLE_TEXT = "Rejection resume"
    BINDINGS = [
        PastScreen.BINDINGS[0],
        Binding("enter", "notice", "Notice", id="notice", tooltip="once read: what you notice"),
        *PastScreen.BINDINGS[1:],
    ]

    def __init__(self, state: ViewState, read: Callable[[], tuple[ResumeRead, list[str]]]) -> None:
        super().__init__(state, read)
        self._read_back = False
        self._entries = 0  # entries on screen (a read-back needs some)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter asks for a line once the rep has read it back (the footer offers it then)."""
        return self._read_back if action == "notice" else True

    def draw(self, found: ResumeRead, tz: Zone, width: int, plain: bool) -> Content:
        if not found.entries:
            return Content.styled(
                "Nothing here yet. A no gets an entry once it has a note (t after the call),"
                " lands hard (N) or has a lesson from its 24-hour review (r).",
                "$text-muted",
            )
        entries = found.entries
        lessons = sum(1 for e in entries if e.lesson)
        head = f"{plural(len(entries), 'rejection')}, {plural(lessons, 'lesson')}. Newest first."
        lines = [Content.styled(head, "$text-muted")]
        if found.outside is not None:
            lines.append(Content.styled(paragraph(found.outside.line(), width), "$text-muted"))
        for month, group in by_month(entries, tz):
            lines += [Content(""), Content.styled(f"{month:%B %Y}", "bold $accent")]
            lines += [_entry(entry, tz, width, plain) for entry in group]
        return Content("\n").join([*lines, *_read_back_lines(found.noticed, tz, width)])

    def read_done(self, found: ResumeRead) -> None:
        """Read back once the rep has seen it all: it fits, or is scrolled to the end (newest
        first, so the oldest entries, the ones a reminder points at, are at the bottom)."""
        if found.entries and not self._read_back:
            self._entries = len(found.entries)
            self.call_after_refresh(self._seen)

    def on_mount(self) -> None:  # (LiveScreen's paints too: Textual calls each class's handler)
        self.watch(self.query_one("#past-list"), "scroll_y", lambda _old, _new: self._seen(), init=False)

    def _seen(self) -> None:
        body = self.query_one("#past-list")
        if self._entries and not self._read_back and body.scroll_y >= body.max_scroll_y - 1:
            self._read_back = True
            self._ask(ReadBack())
            self.refresh_bindings()  # the footer offers ⏎ Notice now

    def key_enter(self) -> None:
        """Enter before the rep reached the end: it goes there (reading it back) and asks. Once
        read back, the binding asks (the footer offers it)."""
        if isinstance(self.focused, NoteBox) or not self._entries or self._read_back:
            return
        self.query_one("#past-list").scroll_end(animate=False, immediate=True)
        self.call_after_refresh(self._ask_when_seen)

    async def _ask_when_seen(self) -> None:
        self._seen()
        if self._read_back:
            await self.action_notice()

    async def action_notice(self) -> None:
        await open_note_box(self, "What you notice now · Enter saves", purpose="notice")
        # The box takes rows from the list: keep its end, the question, in view above it.
        self.call_after_refresh(self._show_end)

    def _show_end(self) -> None:
        self.query_one("#past-list").scroll_end(animate=False, immediate=True)

    def saved(self, event: NoteBox.Saved) -> list[Command]:
        """What the rep noticed is a read-back with their line. Empty: a change of mind."""
        if event.purpose != "notice":
            return super().saved(event)
        return [Notice(event.text)] if event.text.strip() else []


# The resume's end, where reading it back ends: what was noticed before, and the question.
NOTICE_KEYS = "Enter keeps one line of it."


def _read_back_lines(noticed: tuple[Event, ...], tz: Zone, width: int) -> list[Content]:
    lines: list[Content] = []
    if noticed:
        lines += [Content(""), Content.styled(NOTICED_HEADING.text, "bold $accent")]
        for line in noticed:
            day = f"{local(line.at, tz):%a %d %b %Y}  "
            said = wrap(f"“{line.note}”", width, " " * len(day))[len(day) :]  # hangs under itself
            lines.append(Content.assemble((day, "$text-muted"), said))
    ask = paragraph(f"{NOTICE_SMALL.text} {NOTICE_PATTERNS.text}", width)
    lines += [Content(""), Content.styled(NOTICE_ASK.text, "bold $accent"), Content(ask)]
    lines.append(Content.assemble(("Enter", "bold $accent"), (NOTICE_KEYS[len("Enter") :], "$text-muted")))
    return lines


def _entry(entry: ResumeEntry, tz: Zone, width: int, plain: bool = False) -> Content:
    """The call and its tags on one line; the note and the lesson below, hanging indented.
    Plain: how it felt as `4 of 5`, which a screen reader says as it is meant."""
    no = entry.no
    parts: list[Part] = [(f"{local(no.at, tz):%a %d %b %H:%M}", "bold")]
    parts += [(f" · {tag}", "$text-muted") for tag in labels(no)]
    felt = entry.feelings(" of " if plain else "/")
    if felt:  # on the same line when it fits, else under it
        fits = sum(len(p if isinstance(p, str) else p[0]) for p in parts) + len(felt) + 3 <= width
        parts.append((f" · {felt}" if fits else f"\n  {felt}", "$text-muted"))
    if no.note:
        parts += ["\n", wrap(f"“{no.note}”", width, "  ")]
    if no.story:
        story = wrap(f"Story: {no.story}", width, "  ")
        parts += ["\n", ("  Story:", "bold"), story[len("  Story:") :]]
    if entry.lesson:
        lesson = wrap(f"Lesson: {entry.lesson}", width, "  ")
        parts += ["\n", ("  Lesson:", "bold $success"), lesson[len("  Lesson:") :]]
    return Content.assemble(*parts)


class WinsScreen(PastScreen[tuple[Win, ...]]):
    """Meetings and the wins added by hand, newest first; `+` adds one."""

    TITLE_TEXT = "Wins"
    BINDINGS = [
        *PastScreen.BINDINGS,
        Binding(
            "plus", "add_win", "Add a win", key_display="+", id="add-win", tooltip="a win worth remembering"
        ),
    ]

    def draw(self, found: tuple[Win, ...], tz: Zone, width: int, plain: bool) -> Content:
        if not found:
            return Content.styled(
                "No wins yet. A meeting lands here, and so does anything you add with +.", "$text-muted"
            )
        meetings = sum(1 for w in found if w.meeting)
        added = plural(len(found) - meetings, "win")
        head = f"{plural(meetings, 'meeting')} and {added} you added. Newest first."
        lines = [Content.styled(head, "$text-muted"), Content("")]
        for win in found:
            kind = ("meeting", "bold $success") if win.meeting else (f"{'win':<7}", "bold $accent")
            day = f"{local(win.at, tz):%a %d %b %Y}  "
            lead = len(day) + len(kind[0]) + 2  # what the win says hangs under itself
            what = wrap(win.text or ("booked" if win.meeting else ""), width, " " * lead)[lead:]
            lines.append(Content.assemble((day, "$text-muted"), kind, "  ", what))
        return Content("\n").join(lines)

    async def action_add_win(self) -> None:
        await open_note_box(self, "A win worth remembering · Enter saves", purpose="win")
