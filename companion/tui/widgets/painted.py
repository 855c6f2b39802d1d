"""A Static that repaints only when what it shows has changed: the clock ticks four times a
second, and most ticks change nothing on most widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from companion.core.view import DayView


class Painted(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, tuple[Any, ...]] | None = None

    def paint(self, content: Content) -> None:
        """Show `content`, unless it is exactly what is shown already (text and styles)."""
        key = (content.plain, tuple(content.spans))
        if key != self._shown:
            self._shown = key
            self.update(content)


class SizedView(Painted):
    """Paints a DayView to fit its size: again when the view changes or it is resized."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._view: DayView | None = None

    def show(self, view: DayView) -> None:
        self._view = view
        self.draw(view)

    def on_resize(self) -> None:
        if self._view is not None:
            self.draw(self._view)

    def draw(self, view: DayView) -> None:
        raise NotImplementedError
