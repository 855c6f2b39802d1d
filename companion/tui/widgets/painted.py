"""A Static that repaints only when what it shows has changed: the clock ticks four times a
second, and most ticks change nothing on most widgets."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static


class Painted(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, tuple[Any, ...]] | None = None

    def paint(self, content: Content) -> None:
        """Show `content`, unless it is exactly what is shown already (text and styles)."""
        key = (content.plain, tuple(content.spans))
        if key != self._shown:
            self._shown = key
            self.update(content)
