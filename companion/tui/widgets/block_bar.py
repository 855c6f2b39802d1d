"""The top line: today, and the block clock (elapsed and left, or paused / time's up)."""

from __future__ import annotations

from textual.content import Content

from companion.core.calendar import local
from companion.core.view import SessionView
from companion.tui.text import clock, minutes_left
from companion.tui.widgets.painted import Painted


class BlockBar(Painted):
    """Paints the block clock from a SessionView."""

    def show(self, view: SessionView) -> None:
        parts: list[str | tuple[str, str]] = [
            (" Companion ", "bold"),
            (f"{local(view.now, view.tz):%a %d %b}  ", "$text-muted"),
        ]
        if view.block is None:
            parts.append(("No block open · Enter starts one", "italic"))
        else:
            parts.append((f"Block {clock(view.elapsed_s)}", "bold"))
            if view.paused:
                parts.append(("  PAUSED · p resumes", "bold $warning"))
            elif view.time_up:
                parts.append(("  Time's up · e: summary", "bold $accent"))
            else:
                parts.append(f" · {minutes_left(view.left_s)}")
        self.set_class(view.time_up, "-time-up")
        self.set_class(view.paused, "-paused")
        self.paint(Content.assemble(*parts))
