"""The benchmark harness (tests/bench, run by `make bench`) still runs end to end: a tiny
history and two repetitions. No timing is asserted; only that every figure is a number. One
test per benchmark, so the workers share them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.bench.report import table
from tests.bench.suite import Settings, Suite

BENCHES = [bench.rows[0][0] for bench in Suite(Path("unused"), Settings.tiny()).benches()]


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Suite:
    """One suite per worker: its homes (tiny histories) are built once, on first use."""
    return Suite(tmp_path_factory.mktemp("bench"), Settings.tiny())


@pytest.mark.slow
@pytest.mark.parametrize("first_row", BENCHES)
def test_every_benchmark_gives_a_finite_positive_figure(suite: Suite, first_row: str) -> None:
    [bench] = [b for b in suite.benches() if b.rows[0][0] == first_row]
    rows = suite.run(only=first_row)

    assert [row.what for row in rows] == [what for what, _, _ in bench.rows]
    for row in rows:
        assert row.error is None, f"{row.what}: {row.error}"
        if row.figure is None:
            assert row.note.startswith("not yet available"), row
            continue
        assert math.isfinite(row.figure), row
        if row.what.startswith("longest garbage collection"):
            # A tiny session may run no collection at all (the tests' collector runs every
            # 50,000 young objects: tests/conftest.py), and then its longest is 0.
            assert row.figure >= 0, row
        else:
            assert row.figure > 0, row
    assert all(row.what in table(rows) for row in rows)
