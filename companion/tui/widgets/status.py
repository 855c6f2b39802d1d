"""One line for what just happened ("Logged no · 14:05") or what went wrong. Messages fade
after a few seconds, measured against the clock, not counted in ticks."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.content import Content
from textual.widgets import Static

SHOW_FOR = timedelta(seconds=6)


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._until: datetime | None = None

    def say(self, message: str, now: datetime, *, error: bool = False, sticky: bool = False) -> None:
        self.set_class(error, "-error")
        self._until = None if sticky else now + SHOW_FOR
        self.update(Content(message))

    def revise(self, message: str) -> None:
        """New words for the message on show (a countdown), keeping when it fades."""
        if self._until is not None:
            self.update(Content(message))

    def expire(self, now: datetime) -> None:
        if self._until is not None and now >= self._until:
            self._until = None
            self.set_class(False, "-error")
            self.update("")
