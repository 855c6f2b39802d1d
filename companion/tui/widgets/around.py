"""The day around the block on the session screen: the Recent heading with what waits for review
(quietly, on the same line), and the warm-up, shown in place of the numbers and the recent calls
for two minutes while the counters stay in view."""

from __future__ import annotations

from textual.content import Content

from companion.core.around import Warmup
from companion.core.calendar import Zone, local
from companion.core.words import clock, nos
from companion.session.state import AroundView
from companion.tui.text import balanced, wrap
from companion.tui.widgets.painted import Painted

Part = str | tuple[str, str]


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
    """Two minutes before the first call: three wins, the no's to expect, one skill."""

    def show(self, warm: Warmup, left_s: float, tz: Zone, width: int) -> None:
        inner = max(20, width - 2)
        parts: list[Part] = [
            ("Warm-up", "bold $accent"),
            (f" · {clock(left_s)[-4:]} · Esc closes", "$text-muted"),
            "\n",
            ("Your last wins", "bold"),
            "\n",
        ]
        if not warm.wins:
            parts += [("  None yet: a meeting, or + to add one, lands here.", "$text-muted"), "\n"]
        for win in warm.wins:
            what = win.text or "meeting booked"
            line = f"  {local(win.at, tz):%a %d %b}  {what}"
            parts += [_cut(line, inner), "\n"]
        parts += [("What to expect", "bold"), "\n"]
        parts += [(_indent(balanced_lines(_sentence(warm.expectation()), inner - 2)), ""), "\n"]
        if warm.focus:
            parts += [("Today's practice", "bold"), "\n", (wrap(warm.focus, inner, "  "), "$accent")]
        else:
            parts += [("One skill to practise today", "bold"), "\n"]
            parts += [(wrap(warm.proposal, inner, "  "), "$accent"), "\n"]
            parts += [("  Enter takes it · y writes your own", "$text-muted")]
        self.paint(Content.assemble(*parts))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def balanced_lines(text: str, width: int) -> str:
    return wrap(text, width) if len(text) > 2 * width else balanced(text, width)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
