"""A block at a moment: its own dial target, its calls and its pace (core.view's day shows it;
`companion status` reads it without the rest of the day's view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from companion.core.events import Event
from companion.core.ledger import Block, Ledger
from companion.core.numbers import Pace, Targets, block_target, pace


@dataclass(frozen=True, slots=True)
class BlockStanding:
    """A block at a moment (the open one, or one just ended): its own dial target, its calls,
    and its pace."""

    block: Block
    target: int
    calls: tuple[Event, ...]
    pace: Pace

    @property
    def calls_s(self) -> tuple[float, ...]:
        """Each call on the block clock (pauses left out): the seconds since the block began,
        with its first call or with Enter."""
        return tuple(self.block.elapsed_s(call.at) for call in self.calls)


def open_block_at(
    ledger: Ledger,
    day_start: datetime,
    day_end: datetime,
    targets: Targets,
    block_s: float,
    blocks_per_day: int,
    now: datetime,
) -> BlockStanding | None:
    """The day's open block at `now`, measured against its own target; None when none is."""
    block = ledger.open_block(day_start, day_end)
    if block is None:
        return None
    return standing_of(ledger, block, day_start, day_end, targets, block_s, blocks_per_day, now)


def standing_of(
    ledger: Ledger,
    block: Block,
    day_start: datetime,
    day_end: datetime,
    targets: Targets,
    block_s: float,
    blocks_per_day: int,
    now: datetime,
) -> BlockStanding:
    """`block` of the day [day_start, day_end) at `now` (an ended block's clock stops at its
    end), against its own target."""
    span_end = ledger.block_span(block, day_end)[1]
    calls = ledger.outcomes_between(block.started, span_end)
    # Its own dial target: the day's dials still needed when it started, over the blocks left.
    target = target_at(ledger, block.started, day_start, targets, blocks_per_day)
    day_met = len(ledger.outcomes_between(day_start, span_end)) >= targets.dials  # by its end
    # Against an even spread of its target over `block_s`, on the block clock: from its start,
    # which is its first call unless Enter began it (then from Enter, as the clock on screen runs).
    block_pace = pace(target, len(calls), block.elapsed_s(now), block_s, day_met=day_met)
    return BlockStanding(block, target, calls, block_pace)


def target_at(
    ledger: Ledger, at: datetime, day_start: datetime, targets: Targets, blocks_per_day: int
) -> int:
    """The dial target of a block starting at `at`."""
    before = len(ledger.outcomes_between(day_start, at))
    # Only the blocks that held a call used up one of the day's: Enter then `e`, or a dial
    # mark with nothing logged, leaves the target where it was.
    earlier = sum(
        1 for b in ledger.blocks_between(day_start, at) if ledger.outcomes_between(*ledger.block_span(b, at))
    )
    return block_target(targets.dials, before, earlier, blocks_per_day)
