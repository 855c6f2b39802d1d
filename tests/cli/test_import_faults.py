"""An import is all or nothing: killed at any moment, refused by a full disk, or refused for a bad
row, either every row of the file counts or none does, and nothing of a refused import comes
back later (a month rebuilt from the journal history, another import, a fold)."""

from __future__ import annotations

import errno
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import companion.store.files as files_module
import companion.store.staging as staging_module
import companion.store.tinydb_storage as storage_module
from companion.__main__ import main
from companion.core.events import EventKind
from companion.store.store import Store
from tests.cli.conftest import Companion

ROWS = 5_000


def write_calls(path: Path, rows: int = ROWS) -> Path:
    """A dialer's export spread over three months (so a kill can land between two of them)."""
    lines = ["timestamp,outcome,note"]
    for i in range(rows):
        month = 9 + i % 3
        lines.append(f"2024-{month:02d}-{1 + i % 28:02d}T{8 + i % 10:02d}:{i % 60:02d},no-answer,row {i}")
    path.write_text("\n".join(lines) + "\n")
    return path


def counted(home: Path) -> int:
    """Outcomes every reader sees: a fresh store on the folder, as another process would open it."""
    events, _ = Store(home / "data").prepare().all_events()
    return sum(1 for e in events if e.kind is EventKind.OUTCOME)


def rebuild_every_month(home: Path) -> int:
    """Damage every month file, so each is rebuilt from the journal history; then count."""
    archive = home / "data" / "archive"
    for month in archive.glob("*.json"):
        month.write_text("damaged")
    return counted(home)


@pytest.mark.slow
def test_an_import_killed_at_any_moment_counts_every_row_or_none(
    companion: Companion, tmp_path: Path
) -> None:
    calls = write_calls(tmp_path / "calls.csv")
    started = time.monotonic()
    companion.ok("import", str(calls))  # a whole run in a home of its own, to time the kills by
    whole = time.monotonic() - started
    killed = Companion(tmp_path / "killed")
    killed.home.mkdir(mode=0o700)
    killed.config.write_bytes(companion.config.read_bytes())
    rng = random.Random()
    # Early, in the middle of the reading, around the commit and the fold, and late.
    for fraction in (0.15, 0.5, 0.85, 1.0):
        process = killed.popen("import", str(calls))
        time.sleep(whole * fraction * rng.uniform(0.85, 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = counted(killed.home)
        assert now in (0, ROWS), f"killed after {fraction:.0%}: {now} rows count"
        assert rebuild_every_month(killed.home) == now, "a rebuild brought back part of an import"
    killed.ok("import", str(calls))  # sweeps what the killed ones left, and adds only what is new
    assert counted(killed.home) == ROWS
    assert not (killed.home / "data" / "imports").exists()


class FullDisk:
    """Writes that fail with ENOSPC once `after` of them have gone through."""

    def __init__(self, real: Callable[..., None], after: int) -> None:
        self.real, self.after = real, after

    def __call__(self, *args: object) -> None:
        if self.after <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.after -= 1
        self.real(*args)


def test_a_full_disk_while_staging_imports_nothing_and_leaves_no_piece(
    companion: Companion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = write_calls(tmp_path / "calls.csv", 3_000)
    monkeypatch.setenv("COMPANION_HOME", str(companion.home))
    monkeypatch.setattr(staging_module, "FLUSH_AT_BYTES", 4096)
    monkeypatch.setattr(staging_module, "write_all", FullDisk(files_module.write_all, after=5))

    assert main(["import", str(calls)]) == 2

    said = capsys.readouterr().err.strip().splitlines()
    assert said == ["companion: could not store the import (No space left on device); nothing was imported"]
    assert counted(companion.home) == 0
    assert rebuild_every_month(companion.home) == 0
    assert not (companion.home / "data" / "imports").exists()
    assert not list((companion.home / "data").glob("journal-history/*"))


def test_a_full_disk_while_filing_a_committed_import_keeps_every_row(
    companion: Companion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = write_calls(tmp_path / "calls.csv", 3_000)
    monkeypatch.setenv("COMPANION_HOME", str(companion.home))
    monkeypatch.setattr(storage_module, "write_atomically", FullDisk(files_module.write_atomically, after=1))

    assert main(["import", str(calls)]) == 0

    out = capsys.readouterr().out
    assert (
        "Imported 3000 events from" in out and "finishes with the next fold (No space left on device)" in out
    )
    assert counted(companion.home) == 3_000  # committed: every row counts while it waits
    monkeypatch.undo()
    Store(companion.home / "data").prepare().fold()
    assert counted(companion.home) == 3_000
    assert not list((companion.home / "data" / "folding").iterdir())


def test_a_bad_last_row_imports_nothing_even_after_a_rebuild(companion: Companion, tmp_path: Path) -> None:
    calls = write_calls(tmp_path / "calls.csv", 5_000)
    with calls.open("a") as handle:
        handle.write("2024-09-01T09:00,maybe,the last row\n")
    result = companion.run("import", str(calls))
    assert result.returncode == 2
    assert 'does not know: 1 row says "maybe"' in result.stderr
    companion.ok("log", "no", "--at", "2024-09-02T10:00")  # a month file to rebuild
    companion.store().fold()
    assert counted(companion.home) == 1
    assert rebuild_every_month(companion.home) == 1


def test_an_import_with_nothing_new_still_sweeps_what_a_killed_one_left(
    companion: Companion, tmp_path: Path
) -> None:
    """A killed import's folder (its lock free) goes with the next import, even one that finds
    every row there already and so commits nothing (the killed-at-any-moment test met this
    when a loaded machine let its last kill land before the end)."""
    calls = write_calls(tmp_path / "calls.csv", 50)
    companion.ok("import", str(calls))
    left = companion.home / "data" / "imports" / "20240101T000000000000-1.import"
    left.mkdir(parents=True)
    (left / "2024-09.jsonl").write_bytes(b"half a line")
    result = companion.ok("import", str(calls))
    assert "0 new events (50 already there)" in result.stdout
    assert not (companion.home / "data" / "imports").exists()
    assert counted(companion.home) == 50


def live(home: Path) -> int:
    """Calls that count: outcomes no void names."""
    events, _ = Store(home / "data").prepare().all_events()
    voided = {e.target for e in events if e.kind is EventKind.VOID}
    return sum(1 for e in events if e.kind is EventKind.OUTCOME and e.id not in voided)


def test_an_undo_stopped_by_a_full_disk_undoes_nothing_and_then_undoes_all(
    companion: Companion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = write_calls(tmp_path / "calls.csv", 3_000)
    companion.ok("import", str(calls))
    [token] = [line.split()[0] for line in companion.ok("import", "--list").stdout.splitlines()]
    monkeypatch.setenv("COMPANION_HOME", str(companion.home))
    monkeypatch.setattr(staging_module, "FLUSH_AT_BYTES", 4096)
    monkeypatch.setattr(staging_module, "write_all", FullDisk(files_module.write_all, after=5))

    assert main(["import", "--undo", token]) == 2

    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"companion: could not undo import {token} (No space left on device); nothing was undone"]
    assert live(companion.home) == 3_000
    rebuild_every_month(companion.home)
    assert live(companion.home) == 3_000, "a rebuild brought back part of an undo"
    monkeypatch.undo()
    assert "3000 calls no longer count" in companion.ok("import", "--undo", token).stdout
    assert live(companion.home) == 0
    assert companion.ok("import", str(calls)).stdout.startswith("Imported 3000 new events (0 already there)")
    assert live(companion.home) == 3_000
