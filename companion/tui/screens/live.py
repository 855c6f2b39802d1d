"""A screen that paints from the controller's ViewState. The app hands every new state to each
such screen on the stack; one that is not the screen in front paints when it comes back. What
the footer offers is read from the latest state. Keys become commands, posted to the app as
messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from companion.core.tags import NOTE_MAX
from companion.session.commands import (
    AddWin,
    Command,
    EndBlock,
    PickFocus,
    Say,
    Tag,
    TogglePause,
    Undo,
)
from companion.session.state import Status, ViewState
from companion.tui.messages import Do

if TYPE_CHECKING:
    from companion.tui.widgets.note_box import NoteBox


class LiveScreen(Screen[None]):
    def __init__(self, state: ViewState | None = None) -> None:
        super().__init__()
        self.state = state
        # Lines said before this screen opened are for the screen they were said on.
        self._said_before = state.status.said if state is not None and state.status is not None else 0

    def said_here(self, state: ViewState) -> Status | None:
        """The status line for a screen opened over another (history, review, resume, wins):
        only what was said while it is open ("Enter starts a new one" was for the other)."""
        status = state.status
        return status if status is not None and status.said > self._said_before else None

    def show(self, state: ViewState) -> None:
        """Take a new state: the footer is asked again when what it offers changed; the
        widgets are painted when this is the screen in front."""
        before, self.state = self.state, state
        if before is None or before.offers != state.offers:
            self.refresh_bindings()
        if self.is_mounted and self.is_current:
            self.paint(state)

    def on_mount(self) -> None:
        if self.state is not None:
            self.paint(self.state)

    def on_screen_resume(self) -> None:
        if self.state is not None and self.is_mounted:
            self.paint(self.state)

    def paint(self, state: ViewState) -> None:
        """Draw every widget from `state`."""
        raise NotImplementedError

    def _ask(self, command: Command) -> None:
        self.post_message(Do(command))

    # Keys the session screen and the reset share; the controller decides what each does. The
    # call keys are the app's (companion.tui.outcome_keys), on every screen.
    def action_undo(self) -> None:
        self._ask(Undo())

    def action_pause(self) -> None:
        self._ask(TogglePause())

    def action_end_block(self) -> None:
        self._ask(EndBlock())

    def action_reason(self, reason: str) -> None:
        self._ask(Tag(reason=reason))

    def action_cause(self, cause: str) -> None:
        self._ask(Tag(cause=cause))

    def on_note_box_saved(self, event: NoteBox.Saved) -> None:
        for command in self.saved(event):
            self._ask(command)

    def saved(self, event: NoteBox.Saved) -> list[Command]:
        """What Enter in the text box stores, by what it was opened for: a note (with how bad a
        no felt), a win, or today's practice (a screen with a box of its own adds its own)."""
        if event.purpose == "win" and event.text.strip():
            return [AddWin(event.text)]
        if event.purpose == "focus" and event.text.strip():
            return [PickFocus(event.text)]
        if event.purpose == "story":  # a long reset's Story step: the story goes on its no
            return [Tag(story=event.text, target=event.target)] if event.text.strip() else []
        if event.text.strip() or event.felt is not None:  # an empty note is a change of mind
            note = event.text if event.text.strip() else None
            return [Tag(note=note, felt=event.felt, target=event.target)]
        return []

    def kept_on_leaving(self) -> list[Command]:
        """What is typed and not yet saved in this screen's box, as the commands that store it as
        Enter would (the box closes): the app stores them before it quits, whatever ends it
        (ctrl+q, a signal, the terminal gone)."""
        from companion.tui.widgets.note_box import NoteBox

        kept: list[Command] = []
        for box in self.query(NoteBox):
            if box.is_open:
                kept += self.saved(box.take())
        return kept

    def on_note_box_refused(self, event: NoteBox.Refused) -> None:
        what = {"win": "a win", "focus": "today's practice", "lesson": "a lesson"}.get(
            event.purpose, "a note"
        )
        self._ask(Say(f"Not added: {what} holds up to {NOTE_MAX:,} characters."))

    def action_help(self) -> None:
        from companion.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
