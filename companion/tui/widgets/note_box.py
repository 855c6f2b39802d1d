"""The one-line note on a `no`: hidden until `t` opens it; Enter saves, Esc closes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from companion.core.tags import NOTE_MAX
from companion.tui.widgets.status import StatusLine


async def open_note_box(screen: Screen[Any], placeholder: str) -> None:
    """Open the screen's note box, mounting it above the status line the first time: most
    starts never need a text box, so it is not built (nor its styles read) on the way up.
    The screen hears `NoteBox.Saved` as `on_note_box_saved`."""
    try:
        box = screen.query_one(NoteBox)
    except NoMatches:
        box = NoteBox(placeholder, id="note-input")
        await screen.mount(box, before=screen.query_one(StatusLine))
    box.open()


class NoteBox(Input):
    BINDINGS = [
        Binding("enter", "submit", "Save note"),
        Binding("escape", "close", "Close"),
    ]

    @dataclass
    class Saved(Message):
        """A note was typed and Enter pressed; the box is already closed."""

        text: str

    class Refused(Message):
        """Typing or a paste would have made the note longer than a note can be stored
        whole; the box kept what it had. The screen says so."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, max_length=NOTE_MAX)

    def restricted(self) -> None:
        """Say why instead of ringing the terminal bell, which a headset would carry into a
        live call."""
        self.post_message(self.Refused())

    def open(self) -> None:
        self.screen.add_class("-noting")  # a screen may make room for the box
        self.add_class("-open")
        self.focus()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-open")
        self.screen.remove_class("-noting")
        self.screen.set_focus(None)

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        self.action_close()
        if text.strip():
            self.post_message(self.Saved(text))
