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
    WINS_KEPT,
    Warmup,
    Win,
)
from companion.core.calendar import Zone, local
from companion.core.words import clock, nos
from companion.session.state import AroundView
from companion.tui.text import balanced, wrap
from companion.tui.widgets.painted import Painted

Part = str | tuple[str, str]

# The panel's own key hints (its coaching lines are core.around's, shared with `companion warmup`).
NO_WINS = "None yet: a meeting, or + to add one, lands here."
TAKE_IT = "Enter takes it · y writes your own"
TEXT_MAX = 76  # the widest a sentence of the panel runs, wide screen or not


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
    """Two minutes before the first call: three wins, the no's to expect, one skill. It fills
    the rows it has: a win wraps under itself where there is room (at 120x40) and is cut to
    one line where there is not (at 60x24, 13 rows under the counters); when even that is too
    many (the rule of thumb's four lines and three wins), the oldest win gives way. Its
    sentences keep to TEXT_MAX columns, so a wide screen does not stretch them thin."""

    def show(self, warm: Warmup, left_s: float, tz: Zone, width: int, rows: int = 0) -> None:
        inner = max(20, width - 2)
        text = min(inner, TEXT_MAX)
        title: list[Part] = [
            ("Warm-up", "bold $accent"),
            (f" · {clock(left_s)[-4:]} · Esc closes", "$text-muted"),
            "\n",
        ]
        rest: list[Part] = [(EXPECT_HEADING, "bold"), "\n"]
        rest += [(_indent(balanced_lines(_sentence(warm.expected()), text - 2)), ""), "\n"]
        rest += [(wrap(NOT_A_VERDICT.text, text, "  "), "$text-muted"), "\n"]
        if warm.focus:
            rest += [(PRACTICE_HEADING, "bold"), "\n", (wrap(warm.focus, text, "  "), "$accent")]
        else:
            rest += [(SKILL_HEADING.text, "bold"), "\n"]
            rest += [(wrap(warm.proposal, text, "  "), "$accent"), "\n"]
            rest += [(f"  {TAKE_IT}", "$text-muted")]
        tries = [(True, 3), (False, 3), (False, 2), (False, 1)]  # (wrapped, wins shown)
        for wrapped, shown in tries:
            content = Content.assemble(*title, *_wins(warm.wins[:shown], tz, inner, wrapped), *rest)
            if not rows or content.plain.count("\n") < rows:  # as many lines as rows at most
                break
        self.paint(content)


def _wins(wins: tuple[Win, ...], tz: Zone, inner: int, wrapped: bool) -> list[Part]:
    """The heading and the wins, each on one line (cut) or wrapped under itself."""
    parts: list[Part] = [(WINS_HEADING, "bold"), (f" · {WINS_KEPT.text}", "$text-muted"), "\n"]
    if not wins:
        parts += [(f"  {NO_WINS}", "$text-muted"), "\n"]
    for win in wins:
        day = f"  {local(win.at, tz):%a %d %b}  "
        what = win.text or "meeting booked"
        hung = day + wrap(what, inner, " " * len(day))[len(day) :]
        line = hung if wrapped else _cut(f"{day}{what}", inner)
        parts += [line, "\n"]
    return parts


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def balanced_lines(text: str, width: int) -> str:
    return wrap(text, width) if len(text) > 2 * width else balanced(text, width)


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
