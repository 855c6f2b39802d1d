"""The pace of the Breathe step: whole breaths, stretched or squeezed a little so they exactly
fill the step, so the step always ends at the bottom of an exhale and the rep never leaves it
holding half a breath. Pure functions of time, so the picture keeps step with the countdown
whatever the frame rate."""

from __future__ import annotations

import math

# Seconds in, seconds out: a longer out-breath is the calming part. The pattern gives the
# ratio of in to out; DEFAULT_BREATHS of them fill the step (the source's three deep breaths in
# its ten seconds), or, with 0, as many of the pattern as fit.
DEFAULT_BREATH = (4.0, 6.0)
DEFAULT_BREATHS = 3


def pace_breaths(
    step_s: float, inhale_s: float, exhale_s: float, breaths: int = 0
) -> tuple[int, float, float]:
    """(whole breaths, seconds in, seconds out): `breaths` breaths, or with 0 the number of
    breaths of the pattern nearest to what fits `step_s` (at least one), each scaled, keeping
    its in/out ratio, to fill it exactly."""
    if step_s <= 0 or inhale_s <= 0 or exhale_s <= 0 or breaths < 0:
        raise ValueError(
            f"a breath needs time: step {step_s}s, in {inhale_s}s, out {exhale_s}s, {breaths} breaths"
        )
    cycle = inhale_s + exhale_s
    if not breaths:
        breaths = max(1, math.floor(step_s / cycle + 0.5))
    scale = step_s / (breaths * cycle)
    return breaths, inhale_s * scale, exhale_s * scale


def breath_phase(
    elapsed_s: float,
    step_s: float,
    inhale_s: float = DEFAULT_BREATH[0],
    exhale_s: float = DEFAULT_BREATH[1],
    *,
    breaths: int = 0,
) -> tuple[bool, float]:
    """(breathing in?, fullness 0..1, eased) at `elapsed_s` into a Breathe step of `step_s` that
    holds `breaths` breaths (0: as many of the pattern as fit). Empty at the start and at the
    end of the step; a step of no length is an empty out-breath."""
    if step_s <= 0 or elapsed_s >= step_s:
        return False, 0.0
    elapsed_s = max(elapsed_s, 0.0)
    breaths, inhale, exhale = pace_breaths(step_s, inhale_s, exhale_s, breaths)
    cycle = inhale + exhale
    # Which breath from its index, not from `elapsed % cycle`: rounding cannot start a breath
    # after the last one, so the step ends on an exhale.
    index = min(int(elapsed_s // cycle), breaths - 1)
    t = elapsed_s - index * cycle
    if t < inhale:
        return True, _ease(t / inhale)
    return False, 1.0 - _ease((t - inhale) / exhale)


def _ease(share: float) -> float:
    """0 to 1 along a half cosine: slow at both ends, as lungs fill and empty."""
    return (1 - math.cos(math.pi * min(max(share, 0.0), 1.0))) / 2
