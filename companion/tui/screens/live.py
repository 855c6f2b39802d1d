"""A screen that paints from the controller's ViewState. The app hands every new state to each
such screen on the stack; what the footer offers is read from the latest one. Keys become
commands, posted to the app as messages."""

from __future__ import annotations

from textual.screen import Screen

from companion.session.commands import Command, Tag
from companion.session.state import ViewState
from companion.tui.messages import Do


class LiveScreen(Screen[None]):
    def __init__(self, state: ViewState | None = None) -> None:
        super().__init__()
        self.state = state

    def show(self, state: ViewState) -> None:
        """Take a new state: the footer is asked again when what it offers changed."""
        before, self.state = self.state, state
        if before is None or before.offers != state.offers:
            self.refresh_bindings()
        if self.is_mounted:
            self.paint(state)

    def on_mount(self) -> None:
        if self.state is not None:
            self.paint(self.state)

    def paint(self, state: ViewState) -> None:
        """Draw every widget from `state`."""
        raise NotImplementedError

    def _ask(self, command: Command) -> None:
        self.post_message(Do(command))

    # The tag keys (reason 1-8, cause z x c) of the session screen and the reset.
    def action_reason(self, reason: str) -> None:
        self._ask(Tag(reason=reason))

    def action_cause(self, cause: str) -> None:
        self._ask(Tag(cause=cause))

    def action_help(self) -> None:
        from companion.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))
