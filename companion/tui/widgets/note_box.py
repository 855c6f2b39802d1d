"""The one-line text box of a screen: a note on a call, a win, today's practice, a lesson. Hidden
until a key opens it; Enter saves, Esc closes. On a no, a note first takes how bad it felt:
one key, 1 to 5, or just start typing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from companion.core.events import FELT_MAX, FELT_MIN
from companion.core.tags import NOTE_MAX
from companion.tui.look import look_of
from companion.tui.widgets.status import StatusLine

FELT_KEYS = {str(n): n for n in range(FELT_MIN, FELT_MAX + 1)}
# Each fits the box at 60 columns (54 cells), with `Felt 4/5 · ` before a placeholder too.
FELT_ASK = "How bad did it feel? 1 (barely) to 5, or type a note"
FELT_NOW_ASK = "How bad does it feel now? 1 to 5, or type the lesson"


async def open_note_box(
    screen: Screen[Any],
    placeholder: str,
    *,
    purpose: str = "note",
    value: str = "",
    ask_felt: str | None = None,
    target: str | None = None,
) -> NoteBox:
    """Open the screen's text box for `purpose`, mounting it above the status line the first
    time: most starts never need one, so it is not built (nor its styles read) on the way up.
    The screen hears `NoteBox.Saved` as `on_note_box_saved`. With `ask_felt` (the question,
    FELT_ASK or FELT_NOW_ASK) the first key may be how bad it felt, 1 to 5."""
    try:
        box = screen.query_one(NoteBox)
    except NoMatches:
        box = NoteBox(id="note-input")
        await screen.mount(box, before=screen.query_one(StatusLine))
    box.open(placeholder, purpose=purpose, value=value, ask_felt=ask_felt, target=target)
    return box


class NoteBox(Input):
    BINDINGS = [
        Binding("enter", "submit", "Save"),
        Binding("escape", "close", "Close"),
    ]

    @dataclass
    class Saved(Message):
        """Enter was pressed; the box is already closed. The screen decides what an empty
        text means."""

        text: str
        purpose: str
        felt: int | None = None
        target: str | None = None  # the call (or review) it was opened on

    @dataclass
    class Toggled(Message):
        """The box opened or closed (Enter, Esc, or kept by a step's end): while one is open on
        the reset, the rep is writing, and the wait at Dial stands still."""

        open: bool

    @dataclass
    class Refused(Message):
        """Typing or a paste would have made the text longer than it can be stored whole; the
        box kept what it had. The screen says so."""

        purpose: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, max_length=NOTE_MAX)
        self.purpose = "note"
        self.target: str | None = None
        self.felt: int | None = None
        self._asking_felt = False
        self._placeholder = ""

    def on_mount(self) -> None:
        if look_of(self).still:
            self.cursor_blink = False  # reduced motion: a steady cursor

    def restricted(self) -> None:
        """Say why instead of ringing the terminal bell, which a headset would carry into a
        live call."""
        self.post_message(self.Refused(self.purpose))

    def open(
        self,
        placeholder: str,
        *,
        purpose: str,
        value: str = "",
        ask_felt: str | None = None,
        target: str | None = None,
    ) -> None:
        if not self.is_open:
            self.post_message(self.Toggled(True))
        self.purpose = purpose
        self.target = target
        self.felt = None
        self.border_title = None
        self._asking_felt = ask_felt is not None
        self._placeholder = placeholder
        self.placeholder = ask_felt or placeholder
        self.value = value
        self.cursor_position = len(value)
        self.screen.add_class("-noting")  # a screen may make room for the box
        self.add_class("-open")
        self.focus()

    def on_key(self, event: events.Key) -> None:
        """On a no, the first key may be how bad it felt (1-5); any other starts the note.
        (Heard before Input's own handling of the key, which `prevent_default` skips.)"""
        if self._asking_felt and event.is_printable:
            self._asking_felt = False
            if not self.value and event.character in FELT_KEYS:
                event.stop()
                event.prevent_default()
                self.felt = FELT_KEYS[event.character or ""]
                self.placeholder = f"Felt {self.felt}/5 · {self._placeholder}"
                self.border_title = f"felt {self.felt}/5"  # still in view once typing starts

    def action_close(self) -> None:
        if self.is_open:
            self.post_message(self.Toggled(False))
        self.value = ""
        self.felt = None
        self.border_title = None
        self.remove_class("-open")
        self.screen.remove_class("-noting")
        self.screen.set_focus(None)

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self.keep()

    def keep(self) -> None:
        """Close the box, saving what it holds, as Enter does (a timed step that ends while
        its line is typed keeps the line)."""
        self.post_message(self.take())

    def take(self) -> NoteBox.Saved:
        """Close the box and give back what Enter would have saved, without posting it: the app
        leaving (ctrl+q, a signal, the terminal gone) stores it before the quit, not after."""
        text, purpose, felt, target = self.value, self.purpose, self.felt, self.target
        self.action_close()
        return self.Saved(text, purpose, felt, target)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")
