"""A long text (the rejection resume, the wins: thousands of rows on a home of some years) drawn
a screenful at a time. A Static lays its whole text out on every layout and draws all of it:
for 4,000 wins that held the loop about a second on opening, and again on the frames after.
Here the rows are wrapped beforehand, off the loop (`rows`), and each frame draws only the rows
in view."""

from __future__ import annotations

from collections.abc import Sequence

from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

# A row as text and spans: tuples of strings and numbers, which Python's cycle collector stops
# walking (a Content each, with its caches, made the resume's 2,606 entries some 60k objects
# for every full sweep to walk while the screen is open: 80 ms a sweep on a 100k home).
# (Plain tuples: a Span is a named tuple, and the collector lets go of exact tuples only.)
Row = tuple[str, tuple[tuple[int, int, str | Style], ...]]


def rows(text: Content, width: int) -> list[Row]:
    """`text` as the rows a Static `width` cells wide shows it in (the same wrapping), under a
    blank row (the list's top margin, as its Static had). Blocking and thread-safe: it reads no
    widget."""
    wrapped = text.wrap(max(1, width))
    return [("", ()), *((row.plain, tuple((s.start, s.end, s.style) for s in row.spans)) for row in wrapped)]


def _content(row: Row) -> Content:
    text, spans = row
    return Content(text, [Span(*span) for span in spans])


class LineList(ScrollView, can_focus=True):
    """Rows of text, scrolled with ↑↓ and PgUp/PgDn. `render()` gives the whole text as it is
    wrapped (what tests and screen readers read)."""

    def __init__(self, text: Content, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text: Content | None = text  # a short text to wrap here; None: `_rows` came wrapped
        self._rows: list[Row] = []
        self._width = 0  # the width `_rows` were wrapped to; 0: wrap `_text` here, when drawn
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(256)

    def show_text(self, text: Content) -> None:
        """A short text (a placeholder, an error), wrapped here to the width in view."""
        self._text, self._rows, self._width = text, [], 0
        self._changed()

    def show_rows(self, wrapped: Sequence[Row], width: int) -> None:
        """A text already wrapped to `width` (`rows`, on a worker thread)."""
        self._text, self._rows, self._width = None, list(wrapped), width
        self._changed()

    def _changed(self) -> None:
        self._strips.clear()
        if not self._width and self.is_mounted:
            self._wrap_here()
        self.virtual_size = Size(self._width, len(self._rows))
        self.refresh()

    def _wrap_here(self) -> None:
        width = self.scrollable_content_region.width
        if width and self._text is not None:
            self._rows, self._width = rows(self._text, width), 0
            self.virtual_size = Size(width, len(self._rows))

    def on_resize(self) -> None:
        if not self._width:  # (a list wrapped elsewhere is wrapped again by its screen)
            self._strips.clear()
            self._wrap_here()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme: the same rows in new colours

    def render(self) -> Content:
        if self._text is not None:
            return self._text
        return Content("\n").join(_content(row) for row in self._rows[1:])

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        key = (index, width)
        strip = self._strips.get(key)
        if strip is None:
            style = self.visual_style
            if 0 <= index < len(self._rows):
                drawn = Visual.to_strips(self, _content(self._rows[index]), width, 1, style, pad=True)
                strip = drawn[0] if drawn else Strip.blank(width, style.rich_style)
            else:
                strip = Strip.blank(width, style.rich_style)
            self._strips[key] = strip
        return strip
