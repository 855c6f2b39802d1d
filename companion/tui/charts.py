"""Small charts drawn in text, styled for the theme; in plain mode, the same figures in words."""

from __future__ import annotations

from textual.content import Content

from companion.core.words import seconds, whole
from companion.tui.text import sparkline

PLAIN_LAST = 6  # plain mode writes out the latest few values, not a line of blocks


def trend(values: list[float], plain: bool = False) -> Content:
    """A sparkline with the first and the last value written at its ends. Plain: the values
    themselves, oldest first (when there are many, the first and the latest few)."""
    if plain:
        shown = values[-PLAIN_LAST:]
        lead = f"{seconds(values[0])} at first … latest: " if len(shown) < len(values) else ""
        earlier = "".join(f"{seconds(v)}, " for v in shown[:-1])
        return Content.assemble((lead, "$text-muted"), earlier, (seconds(shown[-1]), "bold"))
    shown = [float(whole(v)) for v in values]  # as the figures read: two 8s are one height
    return Content.assemble(
        (f"{seconds(values[0])} ", "$text-muted"),
        (sparkline(shown), "$primary"),
        (f" {seconds(values[-1])}", "bold"),
    )
