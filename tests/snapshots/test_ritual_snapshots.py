"""Each step of the reset ritual, frozen mid-step; and Breathe in plain mode and with reduced
motion."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from companion.context import Context
from companion.core.clock import FrozenClock
from tests.snapshots.conftest import SIZES, app_for, keys

STEPS = {"breathe": 1.3, "reframe": 11.0, "review": 16.0, "dial": 24.0}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", list(STEPS))
def test_ritual_step(
    snap_compare: Any, seeded: Context, clock: FrozenClock, step: str, size: tuple[int, int]
) -> None:
    run = keys("v", "n", advance=STEPS[step], clock=clock)
    assert snap_compare(app_for(seeded), terminal_size=size, run_before=run)


def test_ritual_tagged_and_locked_message(snap_compare: Any, seeded: Context, clock: FrozenClock) -> None:
    run = keys("n", "1 z", "m", advance=0.0, clock=clock)
    assert snap_compare(app_for(seeded), terminal_size=(60, 24), run_before=run)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("look", ["plain", "reduced-motion"])
def test_ritual_breathe_in_plain_and_reduced_motion(
    snap_compare: Any, seeded: Context, clock: FrozenClock, look: str, size: tuple[int, int]
) -> None:
    """Breathe on its out-breath: words for the breath, a steady count; in plain mode no box
    line, block, dot or braille anywhere."""
    plain = look == "plain"
    config = replace(seeded.config, plain=plain, motion="full" if plain else "reduced")
    run = keys("v", "n", advance=5.3, clock=clock)
    assert snap_compare(app_for(replace(seeded, config=config)), terminal_size=size, run_before=run)
