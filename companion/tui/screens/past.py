"""Screens read from the whole history, off the loop: the rejection resume (opening it reads it
back) and the wins (`+` adds one). Each reads again when what it lists may have changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from companion.core.around import ResumeEntry, Win, by_month, labels
from companion.core.calendar import Zone, local
from companion.core.words import plural
from companion.session.commands import ReadBack
from companion.session.state import ViewState
from companion.tui.look import look_of
from companion.tui.screens.reading import ReadingScreen
from companion.tui.text import SCROLL_HELP, wrap
from companion.tui.widgets.note_box import open_note_box
from companion.tui.widgets.status import StatusLine

Part = str | tuple[str, str]
Found = TypeVar("Found")


class PastScreen(ReadingScreen[Found]):
    """A list read from the whole history on a worker thread, scrolled with ↑↓."""

    CSS_PATH = "around.tcss"
    FAILED_IN = "past-list"
    TITLE_TEXT = ""
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="back to the session"),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip=SCROLL_HELP),
    ]
    CALLS_HELP = "from here too"  # what every call key does here
    AUTO_FOCUS = "#past-body"

    def __init__(self, state: ViewState, read: Callable[[], tuple[Found, list[str]]]) -> None:
        """`read` reads the list (blocking: it runs on a worker thread)."""
        super().__init__(state)
        self._read = read

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f" {self.TITLE_TEXT} · ↑↓ scroll", "bold"), id="past-bar")
        with VerticalScroll(id="past-body"):
            yield Static(Content.styled("Reading…", "$text-muted"), id="past-list")
        yield StatusLine(id="past-status")
        yield Footer(compact=True, show_command_palette=False)

    def paint(self, state: ViewState) -> None:
        self.query_one(StatusLine).show(self.said_here(state))
        # Read again only when an event the resume or the wins look at arrived (a no, a
        # meeting, a review, a win): a voicemail changes neither, and a read is the history.
        self.read_again_if(state.around.changes if state.around is not None else None)

    def fetch(self, *args: Any) -> tuple[Found, list[str]]:
        return self._read()

    def arrived(self, found: Found) -> None:
        if self.state is not None:
            self.redraw(found)
            self.read_done(found)

    def redraw(self, found: Found) -> None:
        if self.state is not None:
            self.query_one("#past-list", Static).update(self.draw(found, self.state.tz))

    def draw(self, found: Found, tz: Zone) -> Content:
        raise NotImplementedError

    def read_done(self, found: Found) -> None:
        """What a screen does once its list is on screen."""

    def action_back(self) -> None:
        self.dismiss()


class ResumeScreen(PastScreen[tuple[ResumeEntry, ...]]):
    """Every noted, hard or reviewed no, newest first, by month. Opening it reads it back."""

    TITLE_TEXT = "Rejection resume"

    def __init__(
        self, state: ViewState, read: Callable[[], tuple[tuple[ResumeEntry, ...], list[str]]]
    ) -> None:
        super().__init__(state, read)
        self._read_back = False
        self._entries = 0  # entries on screen (a read-back needs some)

    def draw(self, found: tuple[ResumeEntry, ...], tz: Zone) -> Content:
        if not found:
            return Content.styled(
                "Nothing here yet. A no gets an entry once it has a note (t after the call),"
                " lands hard (N) or has a lesson from its 24-hour review (r).",
                "$text-muted",
            )
        lessons = sum(1 for e in found if e.lesson)
        width = self.query_one("#past-list").size.width or self.size.width - 4
        lines = [
            Content.styled(
                f"{plural(len(found), 'rejection')}, {plural(lessons, 'lesson')}. Newest first.",
                "$text-muted",
            )
        ]
        for month, group in by_month(found, tz):
            lines += [Content(""), Content.styled(f"{month:%B %Y}", "bold $accent")]
            lines += [_entry(entry, tz, width, look_of(self).plain) for entry in group]
        return Content("\n").join(lines)

    def read_done(self, found: tuple[ResumeEntry, ...]) -> None:
        """Read back once the rep has seen it all: it fits, or is scrolled to the end (newest
        first, so the oldest entries, the ones a reminder points at, are at the bottom)."""
        if found and not self._read_back:
            self._entries = len(found)
            self.call_after_refresh(self._seen)

    def on_mount(self) -> None:  # (LiveScreen's paints too: Textual calls each class's handler)
        self.watch(self.query_one("#past-body"), "scroll_y", lambda _old, _new: self._seen(), init=False)

    def _seen(self) -> None:
        body = self.query_one("#past-body")
        if self._entries and not self._read_back and body.scroll_y >= body.max_scroll_y - 1:
            self._read_back = True
            self._ask(ReadBack())


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

    def draw(self, found: tuple[Win, ...], tz: Zone) -> Content:
        if not found:
            return Content.styled(
                "No wins yet. A meeting lands here, and so does anything you add with +.", "$text-muted"
            )
        meetings = sum(1 for w in found if w.meeting)
        width = self.query_one("#past-list").size.width or self.size.width - 4
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
