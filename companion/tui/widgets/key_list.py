"""Keys in three columns: the key, its name, and what it does, wrapped under its own column.
Built as plain lines for the width it is given (a Rich table measured every cell again on each
layout, and opening help held the loop for tens of milliseconds)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

GAP = "  "
NARROWEST = 16  # the "what it does" column never wraps narrower than this


class KeyList(Widget):
    def __init__(self, rows: Sequence[tuple[str, str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = tuple(rows)

    def lines(self, width: int) -> tuple[Content, ...]:
        return _lines(self._rows, max(width, 1))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))


@lru_cache(maxsize=8)
def _lines(rows: tuple[tuple[str, str, str], ...], width: int) -> tuple[Content, ...]:
    keys = max((cell_len(k) for k, _, _ in rows), default=0)
    names = max((cell_len(n) for _, n, _ in rows), default=0)
    lead = keys + names + 2 * len(GAP)
    if width - lead < NARROWEST:  # too narrow for three columns: what it does goes below
        lead = len(GAP)
    room = max(width - lead, 1)
    out: list[Content] = []
    for key, name, what in rows:
        wrapped = textwrap.wrap(what, room)
        head = " " * (keys - cell_len(key)) + key
        tail = name + " " * (names - cell_len(name))
        first = Content.assemble((head, "bold"), GAP, (tail, "bold"))
        if lead > len(GAP) and wrapped:
            first = Content.assemble(first, GAP, wrapped.pop(0))
        out.append(first)
        out.extend(Content(" " * lead + more) for more in wrapped)
    return tuple(out)
