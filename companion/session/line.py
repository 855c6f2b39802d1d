"""A line for the status bar, as the controller decides it. What the screens get is the Status it
reads as at a given moment (see SessionController)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import NamedTuple

SHOW_FOR = timedelta(seconds=6)  # then a line fades, unless it is sticky
NO_BLOCK = "No block is open: your next call starts one."


class Line(NamedTuple):
    text: str  # may hold `{left}`: the seconds still to go until `counts_to`
    error: bool = False
    sticky: bool = False  # stays until the next line: news the rep may have missed
    counts_to: datetime | None = None  # a countdown, or the moment the line stops being true
    afterwards: str | None = None  # said for a while once `counts_to` has passed

    def reads(self, said_at: datetime, now: datetime) -> str | None:
        """The words at `now`, or None once the line has faded or run out."""
        if self.counts_to is not None and now >= self.counts_to:
            if self.afterwards is not None and now < self.counts_to + SHOW_FOR:
                return self.afterwards
            return None
        if not self.sticky and now >= said_at + SHOW_FOR:
            return None
        if self.counts_to is None:
            return self.text
        return self.text.format(left=f"{math.ceil((self.counts_to - now).total_seconds())}s")
