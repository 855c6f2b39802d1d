"""What screens and widgets ask of the app. They post these and paint from the ViewState the app
hands them; they never import the app."""

from __future__ import annotations

from textual.message import Message

from companion.session.commands import Command


class Do(Message):
    """Hand `command` to the session controller, asked for now."""

    def __init__(self, command: Command) -> None:
        super().__init__()
        self.command = command


class OpenHistory(Message):
    """Show days and weeks."""


class ExportToday(Message):
    """Save today's calls as CSV in the exports folder, and say where."""


class OpenReview(Message):
    """Walk the no's due for their 24-hour review."""


class OpenResume(Message):
    """Show the rejection resume (and count it as read back)."""


class OpenWins(Message):
    """Show meetings and the wins added by hand."""
