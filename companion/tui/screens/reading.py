"""A screen whose content is read from the store on a worker thread (history, the resume, the
wins): read again when what it shows may have changed, the newest read drawn, a read that
failed said in place of the content, and what the store had to say on the status line."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual import work
from textual.content import Content
from textual.widgets import Static

from companion.errors import CompanionError, reason
from companion.session.commands import Say
from companion.tui.collector import reading
from companion.tui.screens.live import LiveScreen

Found = TypeVar("Found")


class ReadingScreen(LiveScreen, Generic[Found]):
    FAILED_IN = ""  # the id of the Static that says a read failed

    _read_for: object = None  # what the last read was asked for
    _reads = 0  # reads asked for; one that finishes after a newer one is dropped
    _found: Found | None = None  # the last read drawn, to draw again at a new size

    def on_resize(self) -> None:
        """What is drawn wraps to the width: draw it again once the new size is laid out."""
        self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self.state is not None and self.is_mounted:
            self.paint(self.state)
        if self._found is not None and self.is_mounted:
            self.redraw(self._found)

    def redraw(self, found: Found) -> None:
        """Draw `found` again for a new size (`arrived` less what a read does once)."""

    def read_again_if(self, key: object, *args: Any) -> None:
        """Read (with `args`) unless the last read was asked for the same `key`."""
        if key != self._read_for:
            self._read_for = key
            self._reads += 1
            self._load(self._reads, *args)

    @work(thread=True, group="read", exclusive=True)
    def _load(self, read: int, *args: Any) -> None:
        try:
            with reading():  # until what it found is handed over (call_from_thread waits)
                found, notices = self.fetch(*args)
                # The same as what is on screen (the resume read again after its own
                # read-back, which it does not show): compared here, off the loop, and nothing
                # is drawn again (drawing it cost the loop 40-80 ms on a 100k home).
                if not self.same_as_shown(found):
                    self.app.call_from_thread(self._take, found, read)
        except (OSError, CompanionError) as error:
            message = Content.styled(f"Could not read your history: {reason(error)}", "$error")
            self.app.call_from_thread(self.failed, message)
            return
        if notices:  # a damaged month set aside: what the store had to say
            self.app.call_from_thread(self._ask, Say(" · ".join(notices), error=True))

    def same_as_shown(self, found: Found) -> bool:
        """Whether `found` is what is already drawn (blocking: on the read's worker thread).
        By default never: a screen whose reads can come back unchanged says so."""
        return False

    def failed(self, message: Content) -> None:
        """Say that the read failed, in place of what it would have shown."""
        self.query_one(f"#{self.FAILED_IN}", Static).update(message)

    def _take(self, found: Found, read: int) -> None:
        if read == self._reads:  # a newer read is under way: it draws
            self._found = found
            self.arrived(found)

    def fetch(self, *args: Any) -> tuple[Found, list[str]]:
        """Read (blocking: on a worker thread): what to show, and the store's notices."""
        raise NotImplementedError

    def arrived(self, found: Found) -> None:
        """Draw what a read found."""
        raise NotImplementedError
