"""Every outcome key with its word, on the session screen above the footer: a rep mid-call
finds the key for a gatekeeper or a wrong person without opening help. It wraps to as many
lines as its width needs (two at 60 columns)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content

from companion.tui.widgets.painted import Painted

GAP = "  "


def legend_lines(items: Sequence[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """The (key, word) pairs packed into lines of at most `width` cells, in order."""
    if not items:
        return []
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, word in items:
        size = cell_len(key) + 1 + cell_len(word)
        if lines[-1] and used + len(GAP) + size > width:
            lines.append([])
            used = 0
        used += (len(GAP) if lines[-1] else 0) + size
        lines[-1].append((key, word))
    return lines


def pairs_line(line: Sequence[tuple[str, str]], key_style: str, word_style: str = "") -> Content:
    """One packed line of `key word` pairs, GAP apart: the legend's, and the help's families."""
    parts: list[str | tuple[str, str]] = []
    for n, (key, word) in enumerate(line):
        parts += [GAP if n else "", (key, key_style), " ", (word, word_style)]
    return Content.assemble(*parts)


class KeyLegend(Painted):
    def show(self, items: Sequence[tuple[str, str]], width: int) -> None:
        rows = [pairs_line(line, "bold $accent", "$text-muted") for line in legend_lines(items, width)]
        self.paint(Content("\n").join(rows))
