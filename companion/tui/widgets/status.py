"""One line for what just happened ("Logged no · 14:05") or what went wrong. What it says, and
when it fades, is the controller's: this only paints the state's Status."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from companion.session.state import Status


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Status | None = None

    def show(self, status: Status | None) -> None:
        if status == self._shown:
            return
        self._shown = status
        self.set_class(status is not None and status.error, "-error")
        self._fit()
        self.update(Content(status.text) if status is not None else Content(""))

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """A line wider than the screen (a file's whole path) wraps to a second line rather
        than losing its end: where a file went is the point of saying it."""
        room = self.content_region.width
        self.set_class(self._shown is not None and room > 0 and len(self._shown.text) > room, "-long")
