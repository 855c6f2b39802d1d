"""A shape to breathe with: a soft round blob that swells as you breathe in and settles as you
breathe out, in width and in height, paced by core.breath so whole breaths fill the Breathe step
and it ends on an out-breath. Drawn in braille dots: eight to a cell, so it grows by a dot, not
by a whole character, and stays smooth at twelve frames a second."""

from __future__ import annotations

from textual.content import Content

from companion.core.breath import DEFAULT_BREATH, breath_phase

IN_STYLE = "$primary"  # the in-breath and the out-breath in colours of their own
OUT_STYLE = "$secondary"
SMALLEST = 0.15  # at the bottom of a breath the blob is small, never gone: the eye keeps its place
# The dots of a braille cell, two across and four down, as (column, row, bit) of U+2800.
DOTS = (
    (0, 0, 0x01), (0, 1, 0x02), (0, 2, 0x04), (0, 3, 0x40),
    (1, 0, 0x08), (1, 1, 0x10), (1, 2, 0x20), (1, 3, 0x80),
)  # fmt: skip


def breath_shape(
    elapsed_s: float,
    width: int,
    height: int,
    step_s: float = 10.0,
    pattern: tuple[float, float] = DEFAULT_BREATH,
    breaths: int = 0,
) -> Content:
    """The blob at `elapsed_s` into the step of `breaths` breaths (0: as many of `pattern` as
    fit): `height` lines of `width` cells (at their fullest it touches all four sides),
    centred, in the in-breath's or the out-breath's colour."""
    inhaling, fullness = breath_phase(elapsed_s, step_s, *pattern, breaths=breaths)
    width, height = max(2, width), max(1, height)
    scale = SMALLEST + (1 - SMALLEST) * fullness
    # Braille dots are about square on screen (a cell is twice as tall as it is wide), so one
    # scale on both radii keeps the blob's proportions as it grows.
    across, down = width * 2, height * 4
    rx, ry = across / 2 * scale, down / 2 * scale
    lines = []
    for row in range(height):
        cells = []
        for col in range(width):
            code = 0
            for dx, dy, bit in DOTS:
                x = (col * 2 + dx + 0.5 - across / 2) / rx
                y = (row * 4 + dy + 0.5 - down / 2) / ry
                if x * x + y * y <= 1:
                    code |= bit
            cells.append(chr(0x2800 + code) if code else " ")
        lines.append("".join(cells))
    return Content("\n".join(lines)).stylize(IN_STYLE if inhaling else OUT_STYLE)


def breath_words(
    elapsed_s: float,
    step_s: float = 10.0,
    pattern: tuple[float, float] = DEFAULT_BREATH,
    breaths: int = 0,
    *,
    alone: bool = False,
) -> Content:
    """What to do now, in the breath's colour: breathe in, or out. `alone`: with
    reduced motion or in plain mode the words are the breath, without a shape, so they get a
    band of its colour behind them; they change only at its turns."""
    inhaling, _ = breath_phase(elapsed_s, step_s, *pattern, breaths=breaths)
    words, colour = ("Breathe in…", IN_STYLE) if inhaling else ("…and out", OUT_STYLE)
    if alone:
        return Content.styled(f" {words} ", f"bold {colour} on {colour} 20%")
    return Content.styled(words, f"bold {colour}")
