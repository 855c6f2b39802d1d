"""Keys in groups, as the session screen shows them (the outcome legend, then the footer's keys):
each group a title, then rows in three columns (the key, its name, what it does), or a run of
`key word` pairs for a family of keys such as the eight reasons. Built as plain lines for the
width it is given (a Rich table measured every cell again on each layout, and opening help
held the loop for tens of milliseconds). Descriptions are written to fit 60 columns; on a
narrower screen one wraps under its own column rather than being cut."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from companion.tui.widgets.legend import GAP, legend_lines, pairs_line

NARROWEST = 16  # the "what it does" column never wraps narrower than this

Row = tuple[str, str, str]  # key, name, what it does


@dataclass(frozen=True, slots=True)
class KeyGroup:
    title: str
    rows: tuple[Row, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # a family of keys: `1 budget  2 timing  ...`


class KeyList(Widget):
    def __init__(self, groups: Sequence[KeyGroup], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups = tuple(groups)

    def lines(self, width: int) -> tuple[Content, ...]:
        return _lines(self._groups, max(width, 1))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))


@lru_cache(maxsize=8)
def _lines(groups: tuple[KeyGroup, ...], width: int) -> tuple[Content, ...]:
    rows = [row for group in groups for row in group.rows]
    keys = max((cell_len(k) for k, _, _ in rows), default=0)
    names = max((cell_len(n) for _, n, _ in rows), default=0)
    lead = keys + names + 2 * len(GAP)
    if width - lead < NARROWEST:  # too narrow for three columns: what it does goes below
        lead = len(GAP)
    out: list[Content] = []
    for group in groups:
        if out:
            out.append(Content(""))
        if group.title:
            out.append(Content.styled(group.title, "bold $accent"))
        for key, name, what in group.rows:
            out.extend(_row(key, name, what, keys, names, lead, width))
        for line in legend_lines(group.pairs, max(1, width - len(GAP))):
            out.append(Content.assemble(GAP, pairs_line(line, "bold")))
    return tuple(out)


def _row(key: str, name: str, what: str, keys: int, names: int, lead: int, width: int) -> list[Content]:
    wrapped = textwrap.wrap(what, max(width - lead, 1))
    head = " " * (keys - cell_len(key)) + key
    tail = name + " " * (names - cell_len(name))
    first = Content.assemble((head, "bold"), GAP, (tail, "bold"))
    if lead > len(GAP) and wrapped:
        first = Content.assemble(first, GAP, wrapped.pop(0))
    return [first, *(Content(" " * lead + more) for more in wrapped)]
