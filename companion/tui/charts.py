"""Small charts drawn in text, styled for the theme."""

from __future__ import annotations

from textual.content import Content

from companion.core.words import seconds
from companion.tui.text import sparkline


def trend(values: list[float]) -> Content:
    """A sparkline with the first and the last value written at its ends."""
    return Content.assemble(
        (f"{seconds(values[0])} ", "$text-muted"),
        (sparkline(values), "$primary"),
        (f" {seconds(values[-1])}", "bold"),
    )
