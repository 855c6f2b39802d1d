"""A Static that repaints only when what it shows has changed: the clock ticks four times a
second, and most ticks change nothing on most widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from companion.core.view import DayView


class Painted(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, tuple[Any, ...]] | None = None
        self._fitted = False  # the shown text's every line fitted the width it was painted at

    def paint(self, content: Content) -> None:
        """Show `content`, unless it is exactly what is shown already (text and styles). The
        screen is laid out again only when the new text may take another height: more or fewer
        lines, or a line that could wrap. A counter going from 3 to 4 repaints its own line,
        not every region of the screen."""
        key = (content.plain, tuple(content.spans))
        if key == self._shown:
            return
        before, self._shown = self._shown, key
        lines = key[0].split("\n")
        same_height = before is not None and before[0].count("\n") == len(lines) - 1
        fits = max(map(cell_len, lines)) <= self.content_region.width
        # A line that wrapped before made the widget taller than its lines: unwrapping it takes
        # a layout too (a title painted before the screen's width was known stayed two rows).
        same_height = same_height and self._fitted
        self._fitted = fits
        self.update(content, layout=not (same_height and fits))


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
