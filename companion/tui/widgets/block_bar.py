"""The top line: today, and the block clock (elapsed and left, or paused / time's up)."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from companion.core.calendar import Zone, local
from companion.core.view import DayView
from companion.core.words import clock, minutes_left
from companion.tui.widgets.painted import Painted

Part = str | tuple[str, str]


def _today(now: datetime, tz: Zone) -> list[Part]:
    return [(" Companion ", "bold"), (f"{local(now, tz):%a %d %b}  ", "$text-muted")]


class BlockBar(Painted):
    """Paints the block clock from a DayView."""

    def opening(self, now: datetime, tz: Zone) -> None:
        """Before today's calls are read."""
        self.paint(Content.assemble(*_today(now, tz), ("Opening today's calls…", "italic")))

    def show(self, view: DayView) -> None:
        parts = _today(view.now, view.tz)
        if view.block is None:  # the full block, waiting: its clock starts with the first call
            parts.append((f"Block {clock(view.block_s)}", "bold $text-muted"))
            parts.append((" · first dial starts it", "italic"))
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
