"""When Python's cycle collector may stall the app: full sweeps happen while the rep is not
pressing keys.

A full sweep walks every object made since the start and takes 30 ms and more, and Python
starts one whenever enough young objects have survived, in the middle of a key press as often
as not. `QuietCollector` keeps what the start built out of sweeps for good (gc.freeze), turns
the automatic full sweeps off, and runs them itself on the app's tick once no key has come for
a moment. The young generations still collect on their own, as ever: they are quick. Typing
without a pause never lets garbage grow without bound: past `OVERDUE` young collections a
sweep runs anyway.

Re-measured against Python's own collector (`python -m tests.bench.tricks`, December 2026, a
busy 2-core machine, 100k history, sessions of 5 s of keys): the longest collection 30 ms
against 158 ms, the longest event-loop block 139 ms against 236 ms (medians of 9 sessions).

Where the collector is incremental (its third threshold reads 0: it has no full sweeps to
take over, and its pauses are short already), the start is still frozen and the rest is left
to Python.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

QUIET_S = 1.0  # no key for this long: a sweep now delays nobody
DUE = 10  # young collections between sweeps: Python's own default pace
OVERDUE = 200  # a sweep runs after this many whatever the keys
NEVER = 1 << 30  # a threshold Python never reaches: no automatic full sweep
# While a worker thread reads the history (the resume and the wins read every month), what it
# has read so far is alive, and a sweep would walk all of it: 150-330 ms on a 100k home, the
# loop held the while (December 2026, tests.bench.keys). What it read is freed as it ends, so
# sweeps wait for it; this many young collections bound the wait all the same.
OVERDUE_READING = 5000
# What a sweep leaves is alive, and most of it stays so (the history the app read, the screens
# on the stack): it is frozen after each sweep, so that the next walks only what came since
# (a sweep with the resume open walked it all again, 30-60 ms; tests.bench.keys, December
# 2026). What was frozen and became garbage since (a closed screen's cycles) waits for a deep
# sweep, which unfreezes all and walks it once: after DEEP_QUIET_S without keys, or after
# DEEP_OVERDUE sweeps whatever the keys, so that frozen garbage never grows without bound.
DEEP_QUIET_S = 20.0
DEEP_OVERDUE = 25

_reads = 0  # reads under way on worker threads (`reading`)
_reads_lock = threading.Lock()


@contextmanager
def reading() -> Iterator[None]:
    """Around a worker thread's read of the history: no sweep while it runs (OVERDUE_READING)."""
    global _reads
    with _reads_lock:
        _reads += 1
    try:
        yield
    finally:
        with _reads_lock:
            _reads -= 1


def reads_under_way() -> int:
    return _reads


_holding: QuietCollector | None = None  # the collector now timing the sweeps, if any


def keep_what_was_read() -> None:
    """A read is on screen (the resume's, the wins'): what it made is alive while the screen is,
    and a sweep would walk it all (55-75k objects, 60-120 ms on a 100k home, December 2026) to
    find it alive. It is frozen at once instead, with whatever else came since the last sweep;
    what of that was garbage, or becomes so when the screen closes, waits for a deep sweep."""
    if _holding is not None:
        _holding.freeze()


class QuietCollector:
    def __init__(self, sweep: Callable[[], object] = gc.collect) -> None:
        self._sweep = sweep
        self._held: tuple[int, int, int] | None = None  # the thresholds to give back
        self._last_key = float("-inf")
        self._sweeps = False
        self._frozen_sweeps = 0  # sweeps whose survivors were frozen since the last deep one

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold(self) -> None:
        """The start is over: keep what it built, take over full sweeps, collect again."""
        if self._held is not None:
            return
        gc.freeze()
        young, middle, old = self._held = gc.get_threshold()
        self._sweeps = old > 0  # generational: full sweeps are ours to time
        if self._sweeps:
            gc.set_threshold(young, middle, NEVER)
        gc.enable()
        global _holding
        _holding = self

    def freeze(self) -> None:
        """Keep what is alive now out of the sweeps until the next deep one."""
        if self._held is not None and self._sweeps:
            gc.freeze()
            self._frozen_sweeps += 1

    def key(self, at: float) -> None:
        """A key came at `at` (monotonic seconds)."""
        self._last_key = at

    def tick(self, at: float) -> bool:
        """Sweep if one is due and the keys are quiet, or one is long overdue; True if it did."""
        if self._held is None or not self._sweeps:
            return False
        due = gc.get_count()[2]
        quiet_s = at - self._last_key
        if _reads:
            if due >= OVERDUE_READING:
                self._sweep_and_freeze()
                return True
            return False
        if self._frozen_sweeps and (quiet_s >= DEEP_QUIET_S or self._frozen_sweeps >= DEEP_OVERDUE):
            gc.unfreeze()  # everything, the start's too: one walk of all of it, then all kept
            self._frozen_sweeps = 0
            self._sweep()
            gc.freeze()
            return True
        if due >= OVERDUE or (due >= DUE and quiet_s >= QUIET_S):
            self._sweep_and_freeze()
            return True
        return False

    def _sweep_and_freeze(self) -> None:
        self._sweep()
        self.freeze()  # what survived is walked again only by a deep sweep

    def release(self) -> None:
        """The app is closing: Python's own collector as it was, everything collectable."""
        global _holding
        if _holding is self:
            _holding = None
        if self._held is not None:
            if self._sweeps:
                gc.set_threshold(*self._held)
            gc.unfreeze()
            self._held = None
        gc.enable()
