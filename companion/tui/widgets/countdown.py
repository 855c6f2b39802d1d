"""The seconds left in a step of the reset, the largest thing on it: a tired eye finds it first.
Drawn in Textual's heavy three-line digits where there is room, stretched to five lines where
there is plenty; as words where there is not, and in plain mode, where the digits' box lines
would read as noise on a braille display."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from companion.tui.textual_seams import heavy_digit

# Box-drawing strokes that carry on to the right, and downwards: what a stretched digit repeats.
RIGHT = set("━┏┗┣┳┻╋╺")
DOWN = set("┃┏┓┣┫┳╋╻")


def big_digits(figure: str, rows: int = 3) -> str:
    """The digits of `figure` three lines high, or five (`rows=5`: every stroke one cell longer
    across and down, so the digits keep their shape)."""
    lines = ["", "", ""]
    for char in figure:
        glyph = list(heavy_digit(char))
        if rows == 5:
            glyph = [_across(line) for line in glyph]
        glyph = [f"{line} " for line in glyph]  # a gap between digits: "20" never reads as one shape
        lines = [line + part for line, part in zip(lines, glyph, strict=True)]
    if rows == 5:
        lines = [lines[0], _down(lines[0]), lines[1], _down(lines[1]), lines[2]]
    width = max(len(line.rstrip()) for line in lines)  # no blank column after the last digit
    return "\n".join(line[:width].ljust(width) for line in lines)  # one width: centred as one


def _across(line: str) -> str:
    """A glyph's line of three, five wide: each of its first two cells followed by its stroke."""
    return "".join(char + ("━" if char in RIGHT else " ") for char in line[:2]) + line[2]


def _down(line: str) -> str:
    """The line under `line` in a stretched digit: its downward strokes carried on."""
    return "".join("┃" if char in DOWN else " " for char in line)


class Countdown(Static):
    """Its text is always the words ("8s"), so what is read, selected or tested is the figure;
    the digits only change how it is drawn. It repaints only when either changes: the clock
    ticks four times a second, the figure once."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, tuple[object, ...], str, int] | None = None
        self._digits = ""

    def show(self, words: Content, digits: str = "", rows: int = 3) -> None:
        """Show `words`, drawn as `digits` ("8") `rows` lines high (3 or 5) when given."""
        key = (words.plain, tuple(words.spans), digits, rows)
        if key == self._shown:
            return
        self._shown = key
        self._digits = big_digits(digits, rows) if digits else ""
        self.update(words)  # lays the screen out again: one line or several

    def render(self) -> RenderResult:
        # Bold draws the heavy strokes; the accent marks it as the one figure to look at.
        return Content.styled(self._digits, "bold $accent") if self._digits else super().render()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._digits:
            return self._digits.count("\n") + 1
        return super().get_content_height(container, viewport, width)
