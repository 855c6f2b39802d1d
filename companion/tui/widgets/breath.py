"""A bar that swells as you breathe in and settles as you breathe out, paced by core.breath so
whole breaths fill the Breathe step and it ends on an out-breath."""

from __future__ import annotations

from textual.content import Content

from companion.core.breath import DEFAULT_BREATH, breath_phase


def breath_bar(
    elapsed_s: float, width: int, step_s: float = 10.0, pattern: tuple[float, float] = DEFAULT_BREATH
) -> Content:
    """A centred bar `width` cells wide at its fullest."""
    inhaling, fullness = breath_phase(elapsed_s, step_s, *pattern)
    width = max(6, width)
    filled = max(2, round(fullness * width))
    filled -= filled % 2  # grow from the middle, evenly
    side = (width - filled) // 2
    return Content.assemble(
        " " * side,
        ("▓" * filled, "$primary" if inhaling else "$secondary"),
        " " * (width - filled - side),
    )


def breath_words(
    elapsed_s: float, step_s: float = 10.0, pattern: tuple[float, float] = DEFAULT_BREATH
) -> str:
    """What to do now: breathe in, or let it out slowly."""
    inhaling, _ = breath_phase(elapsed_s, step_s, *pattern)
    return "Breathe in…" if inhaling else "…and slowly out"
