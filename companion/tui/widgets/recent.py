"""The last few outcomes of today, newest first. Notes are shown literally, never as markup."""

from __future__ import annotations

import textwrap

from textual.content import Content

from companion.core.around import labels
from companion.core.outcomes import Outcome
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


LEAD = 18  # "10:42  no-answer  ": where the tags and the note begin


class Recent(SizedView):
    """Today's latest outcomes, as many as fit: one line each, cut at the edge; with `full`
    (the wide screen), the tags and the note in full, wrapped under their own column."""

    full = False

    def draw(self, view: DayView) -> None:
        if not view.recent:
            self.paint(Content.styled("Nothing logged yet today. Press a key below per call.", "$text-muted"))
            return
        lines: list[Content] = []
        room = max(1, self.size.height)
        for event in view.recent[:room]:
            assert event.outcome is not None
            note = quoted(event.note)
            extras = " · ".join([*labels(event), *([note] if note else [])])  # hard, reason, cause
            more = (
                textwrap.wrap(extras, max(10, self.size.width - LEAD)) if self.full and extras else [extras]
            )
            lines.append(
                Content.assemble(
                    (hhmm(event.at, view.tz), "$text-muted"),
                    "  ",
                    (f"{event.outcome.value:<11}", STYLE.get(event.outcome, "")),
                    (more[0], "$text-muted"),
                )
            )
            lines.extend(Content.styled(" " * LEAD + line, "$text-muted") for line in more[1:])
            if len(lines) >= room:
                break
        self.paint(Content("\n").join(lines[:room]))
