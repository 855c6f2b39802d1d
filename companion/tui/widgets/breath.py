"""A bar that swells as you breathe in and settles as you breathe out. Its shape is a pure
function of time, so it stays in step with the countdown whatever the frame rate."""

from __future__ import annotations

import math

from textual.content import Content

INHALE_S = 2.0
EXHALE_S = 3.0


def breath_phase(elapsed_s: float) -> tuple[bool, float]:
    """(breathing in?, fullness 0..1) at `elapsed_s` into the Breathe step, eased."""
    cycle = INHALE_S + EXHALE_S
    t = elapsed_s % cycle
    if t < INHALE_S:
        share = t / INHALE_S
        return True, (1 - math.cos(math.pi * share)) / 2
    share = (t - INHALE_S) / EXHALE_S
    return False, (1 + math.cos(math.pi * share)) / 2


def breath_bar(elapsed_s: float, width: int) -> Content:
    """A centred bar `width` cells wide at its fullest."""
    inhaling, fullness = breath_phase(elapsed_s)
    width = max(6, width)
    filled = max(2, round(fullness * width))
    filled -= filled % 2  # grow from the middle, evenly
    side = (width - filled) // 2
    return Content.assemble(
        " " * side,
        ("▓" * filled, "$primary" if inhaling else "$secondary"),
        " " * (width - filled - side),
    )


def breath_words(elapsed_s: float) -> str:
    inhaling, _ = breath_phase(elapsed_s)
    return "Breathe in…" if inhaling else "…and slowly out"
