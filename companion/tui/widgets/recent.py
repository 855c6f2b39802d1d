"""The last few outcomes of today, newest first. Notes are shown literally, never as markup."""

from __future__ import annotations

from textual.content import Content

from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, reason_label
from companion.core.view import DayView
from companion.core.words import hhmm
from companion.tui.text import quoted
from companion.tui.widgets.painted import SizedView

STYLE = {
    Outcome.MEETING: "bold $success",
    Outcome.CALLBACK: "$success",
    Outcome.NO: "$warning",
    Outcome.NOT_FIT: "$secondary",
}


class Recent(SizedView):
    """Today's latest outcomes, as many as fit."""

    def draw(self, view: DayView) -> None:
        if not view.recent:
            self.paint(Content.styled("Nothing logged yet today. Press a key below per call.", "$text-muted"))
            return
        lines: list[Content] = []
        for event in view.recent[: max(1, self.size.height)]:
            assert event.outcome is not None
            reason = reason_label(event.reason) if event.reason else None
            extras = [x for x in (reason, CAUSE_LABELS.get(event.cause or ""), quoted(event.note)) if x]
            lines.append(
                Content.assemble(
                    (hhmm(event.at, view.tz), "$text-muted"),
                    "  ",
                    (f"{event.outcome.value:<11}", STYLE.get(event.outcome, "")),
                    (" · ".join(extras), "$text-muted"),
                )
            )
        self.paint(Content("\n").join(lines))
