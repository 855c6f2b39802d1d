"""Full sweeps of the cycle collector wait for a pause in the keys, and never for too long."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from companion.tui.collector import (
    DEEP_OVERDUE,
    DEEP_QUIET_S,
    DUE,
    NEVER,
    OVERDUE,
    OVERDUE_READING,
    QUIET_S,
    QuietCollector,
    keep_what_was_read,
    reading,
)


@pytest.fixture
def sweeps() -> Iterator[list[int]]:
    """The sweeps a collector asked for, with Python's collector given back as it was."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    asked: list[int] = []
    yield asked
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    if enabled:
        gc.enable()


def due(young_collections: int) -> None:
    """Make Python count this many young collections since the last full sweep."""
    gc.collect()
    for _ in range(young_collections):
        gc.collect(1)


def test_holding_freezes_the_start_and_stops_automatic_full_sweeps(sweeps: list[int]) -> None:
    before = gc.get_threshold()
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    gc.disable()  # as the entry point leaves it for the start
    collector.hold()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    assert gc.get_threshold() == (before[0], before[1], NEVER)
    collector.release()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_due_sweep_waits_for_a_pause_in_the_keys(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    due(DUE)
    collector.key(100.0)
    assert not collector.tick(100.0 + QUIET_S / 2) and sweeps == []
    assert collector.tick(100.0 + QUIET_S) and sweeps == [1]


def test_no_sweep_before_it_is_due_however_quiet(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    due(DUE - 1)
    assert not collector.tick(1_000.0) and sweeps == []


def test_keys_without_a_pause_still_get_a_sweep_once_it_is_overdue(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    due(OVERDUE)
    collector.key(5.0)
    assert collector.tick(5.0) and sweeps == [1]


def test_nothing_is_swept_by_a_collector_not_holding(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    due(OVERDUE)
    assert not collector.tick(1_000.0) and sweeps == []


def test_an_incremental_collector_is_frozen_for_and_otherwise_left_alone(sweeps: list[int]) -> None:
    gc.set_threshold(700, 10, 0)  # how an incremental collector reads: no third threshold
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    assert gc.get_threshold()[2] == 0 and gc.get_freeze_count() > 0
    due(OVERDUE)
    assert not collector.tick(1_000.0) and sweeps == []
    collector.release()
    assert gc.get_threshold() == (700, 10, 0)


def test_no_sweep_while_a_worker_reads_the_history_however_quiet_or_overdue(sweeps: list[int]) -> None:
    """What a read has made so far is alive: a sweep then walks all of it (150-330 ms on a 100k
    home); once the read is over, the sweep that was due runs."""
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    due(OVERDUE)
    with reading():
        assert not collector.tick(1_000.0) and sweeps == []
    assert collector.tick(1_000.0) and sweeps == [1]


def test_a_read_that_makes_garbage_without_end_still_gets_a_sweep(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    with reading():
        due(OVERDUE_READING)
        assert collector.tick(1_000.0) and sweeps == [1]


def test_a_read_that_fails_still_lets_the_sweeps_go_on(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    due(OVERDUE)
    with pytest.raises(OSError), reading():
        raise OSError("disk gone")
    assert collector.tick(1_000.0) and sweeps == [1]


def test_what_a_sweep_leaves_alive_is_frozen_out_of_the_next(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    survivors = [[n] for n in range(1_000)]  # alive across the sweep
    frozen = gc.get_freeze_count()
    due(OVERDUE)
    assert collector.tick(5.0) and sweeps == [1]
    assert gc.get_freeze_count() >= frozen + len(survivors)
    collector.release()


def test_a_long_pause_after_freezing_sweeps_walks_everything_once(sweeps: list[int]) -> None:
    """Frozen garbage (a closed screen's cycles) is not kept for ever: the deep sweep unfreezes
    all, sweeps, and freezes what is left."""
    frozen_while_sweeping: list[int] = []
    collector = QuietCollector(sweep=lambda: frozen_while_sweeping.append(gc.get_freeze_count()))
    collector.hold()
    due(DUE)
    collector.key(100.0)
    assert collector.tick(100.0 + QUIET_S)  # a sweep: its survivors frozen
    assert frozen_while_sweeping[-1] > 0
    assert not collector.tick(100.0 + DEEP_QUIET_S / 2)  # nothing due: no deep sweep yet
    assert collector.tick(100.0 + DEEP_QUIET_S)
    assert frozen_while_sweeping[-1] == 0 and gc.get_freeze_count() > 0
    assert not collector.tick(100.0 + DEEP_QUIET_S * 2)  # once per pause: nothing frozen since
    collector.release()


def test_keys_without_a_long_pause_still_get_a_deep_sweep(sweeps: list[int]) -> None:
    frozen_while_sweeping: list[int] = []
    collector = QuietCollector(sweep=lambda: frozen_while_sweeping.append(gc.get_freeze_count()))
    collector.hold()
    for n in range(DEEP_OVERDUE):
        collector.key(float(n))
        due(OVERDUE)
        assert collector.tick(float(n))
    assert all(count > 0 for count in frozen_while_sweeping)
    collector.key(1_000.0)
    assert collector.tick(1_000.0) and frozen_while_sweeping[-1] == 0
    collector.release()


def test_a_read_on_screen_is_frozen_without_a_sweep_and_waits_for_the_deep_one(sweeps: list[int]) -> None:
    collector = QuietCollector(sweep=lambda: sweeps.append(1))
    collector.hold()
    read = [[n] for n in range(1_000)]
    frozen = gc.get_freeze_count()
    keep_what_was_read()
    assert gc.get_freeze_count() >= frozen + len(read) and sweeps == []
    collector.key(0.0)
    assert collector.tick(DEEP_QUIET_S) and sweeps == [1]  # the deep sweep it waits for
    collector.release()


def test_nothing_is_frozen_for_a_read_with_no_collector_holding(sweeps: list[int]) -> None:
    keep_what_was_read()
    assert gc.get_freeze_count() == 0
