"""The benchmark harness (tests/bench, run by `make bench`) still runs end to end: a tiny
history and two repetitions. No timing is asserted; only that every figure is a number."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.bench.report import table
from tests.bench.suite import Settings, Suite


@pytest.mark.slow
def test_every_benchmark_gives_a_finite_positive_figure(tmp_path: Path) -> None:
    rows = Suite(tmp_path, Settings.tiny()).run()

    assert len(rows) == sum(len(bench.rows) for bench in Suite(tmp_path, Settings.tiny()).benches())
    for row in rows:
        assert row.error is None, f"{row.what}: {row.error}"
        if row.figure is None:
            assert row.note.startswith("not yet available"), row
            continue
        assert math.isfinite(row.figure), row
        assert row.figure > 0, row
    assert all(row.what in table(rows) for row in rows)
