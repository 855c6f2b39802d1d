"""The day's counters with progress bars, then pace, other dials per meeting and the wait at Dial."""

from __future__ import annotations

from textual.content import Content

from companion.core.view import DayView
from companion.core.words import AT_DIAL, plural, seconds, whole
from companion.tui.look import look_of
from companion.tui.text import per_meeting_line, standing, wrap
from companion.tui.widgets.painted import Painted, SizedView

LABEL = 14  # "Conversations " fits
NUMBER = 8  # " 123/100 "
PERCENT = 5
BAR_MIN, BAR_MAX = 6, 48

Part = str | tuple[str, str]


def bar(done: int, target: int, width: int) -> list[Part]:
    """A progress bar `width` cells wide; green once the target is met."""
    share = 1.0 if target <= 0 else min(1.0, done / target)
    filled = round(share * width)
    return [
        ("█" * filled, "$success" if share >= 1.0 else "$primary"),
        ("░" * (width - filled), "$text-muted"),
    ]


class Counters(SizedView):
    """Dials, conversations and meetings against today's targets, and rejections."""

    def draw(self, view: DayView) -> None:
        c, t = view.counts, view.targets
        width = max(BAR_MIN, min(BAR_MAX, self.size.width - LABEL - NUMBER - PERCENT - 1))
        plain = look_of(self).plain
        parts: list[Part] = []
        for label, done, target in (
            ("Dials", c.dials, t.dials),
            ("Conversations", c.conversations, t.conversations),
            ("Meetings", c.meetings, t.meetings),
        ):
            percent = 100 if target <= 0 else min(999, round(100 * done / target))
            parts += [(f"{label:<{LABEL}}", "bold"), f"{f'{done}/{target}':>{NUMBER - 1}} "]
            if plain:  # the bar's figure in words: what is left, or met
                left = target - done
                parts += [(f"{percent}%", "$text-muted"), f" · {left} to go" if left > 0 else " · met", "\n"]
                continue
            parts += bar(done, target, width)
            parts += [(f"{percent:>{PERCENT - 1}}%", "$text-muted"), "\n"]
        parts += [(f"{'Rejections':<{LABEL}}", "bold"), f"{c.rejections:>{NUMBER - 1}} "]
        # What the count is, plainly: of today's conversations (no cheer: the sources warn off it).
        said = f"of {plural(c.conversations, 'conversation')}" if c.rejections else "none yet"
        parts.append((said, "$text-muted"))
        self.paint(Content.assemble(*parts))


class Numbers(Painted):
    """Pace, other dials per meeting and the wait at Dial after a reset: three lines."""

    def show(self, view: DayView, focus: str | None = None, width: int = 60) -> None:
        parts: list[Part] = [("Pace          ", "bold")]
        pace = view.pace
        if pace is None:  # no block yet: the first call starts it
            target = view.next_target if view.block_target is None else view.block_target
            aim = f"{target} this block" if target else "day's dials met"
            parts.append((f"first dial starts it · {aim}", "$text-muted"))
        elif pace.target == 0:
            parts.append(("day's dials met", "$success"))  # short: the wide layout's column is too
            parts.append((f" · {pace.done} more this block", "$text-muted"))
        else:
            ahead = whole(pace.ahead)
            parts.append(
                (standing(pace), "bold $success" if ahead > 0 else "bold $warning" if ahead < 0 else "bold")
            )
            if pace.day_met:
                parts.append((" · today's dials met", "$success"))
            else:
                parts.append(
                    (
                        f" · {pace.done} of {pace.target} this block, {whole(pace.expected)} by now",
                        "$text-muted",
                    )
                )
        parts += ["\n", (f"{'Per meeting':<{LABEL}}", "bold"), per_meeting_line(view.nos_per_yes)]
        parts += ["\n", (f"{AT_DIAL:<{LABEL}}", "bold")]  # how long Dial waited for the mark
        if view.median_hesitation_s is None:
            parts.append(("timed when you press Enter at Dial", "$text-muted"))
        else:
            parts.append(f"today {seconds(view.median_hesitation_s)}")
            parts.append((f" · {view.measured} timed", "$text-muted"))
        if focus:  # two lines at most, under its label
            lines = wrap(focus, max(LABEL + 16, width), " " * LABEL).splitlines()[:2]
            parts += [
                "\n",
                ("Practising    ", "bold"),
                (lines[0][LABEL:] + "".join("\n" + x for x in lines[1:]), "$accent"),
            ]
        self.paint(Content.assemble(*parts))
