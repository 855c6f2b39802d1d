"""The day around the block on the session screen: the Recent heading with what waits for review
(quietly, on the same line), and the warm-up, shown in place of the numbers and the recent calls
for two minutes while the counters stay in view."""

from __future__ import annotations

from textual.content import Content

from companion.core.around import (
    EXPECT_HEADING,
    NOT_A_VERDICT,
    PRACTICE_HEADING,
    SKILL_HEADING,
    WINS_HEADING,
    Warmup,
)
from companion.core.calendar import Zone, local
from companion.core.ideas import Coached, Idea
from companion.core.words import clock, nos
from companion.session.state import AroundView
from companion.tui.text import balanced, wrap
from companion.tui.widgets.painted import Painted

Part = str | tuple[str, str]

# The panel's own fixed lines (the rest are core.around's, shared with `companion warmup`).
NO_WINS = Coached(Idea.WINS_STAY, "None yet: a meeting, or + to add one, lands here.")
TAKE_IT = Coached(Idea.WARMUP, "Enter takes it · y writes your own")


class RecentTitle(Painted):
    """`Recent` on the left; on the right, how many no's are due for review, and the key."""

    def show(self, around: AroundView | None, width: int) -> None:
        due = len(around.due) if around is not None else 0
        if not due:
            self.paint(Content.styled("Recent", "bold $text-muted"))
            return
        hint = f"{nos(due)} to review · "
        gap = max(2, width - len("Recent") - len(hint) - 1)
        self.paint(
            Content.assemble(
                ("Recent", "bold $text-muted"), " " * gap, (hint, "$text-muted"), ("r", "bold $accent")
            )
        )


class WarmupPanel(Painted):
    """Two minutes before the first call: three wins, the no's to expect, one skill. At 60x24
    it takes the 13 rows under the counters: three wins, the expectation in three lines and
    its line of perspective, and a one-line skill fill them."""

    def show(self, warm: Warmup, left_s: float, tz: Zone, width: int) -> None:
        inner = max(20, width - 2)
        parts: list[Part] = [
            ("Warm-up", "bold $accent"),
            (f" · {clock(left_s)[-4:]} · Esc closes", "$text-muted"),
            "\n",
            (WINS_HEADING.text, "bold"),
            "\n",
        ]
        if not warm.wins:
            parts += [(f"  {NO_WINS.text}", "$text-muted"), "\n"]
        for win in warm.wins:
            what = win.text or "meeting booked"
            line = f"  {local(win.at, tz):%a %d %b}  {what}"
            parts += [_cut(line, inner), "\n"]
        parts += [(EXPECT_HEADING.text, "bold"), "\n"]
        parts += [(_indent(balanced_lines(_sentence(warm.expected()), inner - 2)), ""), "\n"]
        parts += [(wrap(NOT_A_VERDICT.text, inner, "  "), "$text-muted"), "\n"]
        if warm.focus:
            parts += [(PRACTICE_HEADING.text, "bold"), "\n", (wrap(warm.focus, inner, "  "), "$accent")]
        else:
            parts += [(SKILL_HEADING.text, "bold"), "\n"]
            parts += [(wrap(warm.proposal, inner, "  "), "$accent"), "\n"]
            parts += [(f"  {TAKE_IT.text}", "$text-muted")]
        self.paint(Content.assemble(*parts))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def balanced_lines(text: str, width: int) -> str:
    return wrap(text, width) if len(text) > 2 * width else balanced(text, width)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
