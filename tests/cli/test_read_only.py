"""Reads need no write: `summary`, `status`, `review` and `export` on a home its user may read
but not write (chmod -R a-w), and on an archive month that cannot be read (chmod 000) or does
not parse. Each runs, says in one line what it skipped, and writes nothing; `log` and the app,
which must write, say so in one line.

File modes are the point, so these run as a user the modes bind. Root reads and writes
whatever the modes say: run as root (as in this project's containers), each command runs in a
child process as `nobody` through setpriv, on a home owned by nobody; as any other user, in
process as that user. Without setpriv, root skips them."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from companion.store.store import Store
from tests.cli.conftest import BASE_CONFIG, PROCESS_TIMEOUT_S, Companion, Result, child_env
from tests.conftest import ZONE

ROOT = os.geteuid() == 0
NOBODY = 65534
SETPRIV = shutil.which("setpriv")
pytestmark = pytest.mark.skipif(
    ROOT and SETPRIV is None,
    reason="as root the modes bind no one, and setpriv is not there to run as nobody",
)

BERLIN = ZoneInfo(ZONE)
OCTOBER = datetime(2026, 10, 5, 10, 0, tzinfo=BERLIN)
NOVEMBER = datetime(2026, 11, 5, 10, 0, tzinfo=BERLIN)


class Reader(Companion):
    """The CLI as a user who owns the home but whose modes are taken at their word."""

    def call(self, *args: str) -> Result:
        if not ROOT:
            return super().call(*args)
        assert SETPRIV is not None
        done = subprocess.run(
            [
                SETPRIV,
                f"--reuid={NOBODY}",
                f"--regid={NOBODY}",
                "--clear-groups",
                sys.executable,
                "-m",
                "companion",
                *args,
            ],
            env=child_env(self.home),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PROCESS_TIMEOUT_S,
            check=False,
        )
        return Result(tuple(args), done.returncode, done.stdout.decode(), done.stderr.decode())

    def give_away(self) -> None:
        """As root: the home is nobody's, who runs the commands (a no-op for anyone else)."""
        if ROOT:
            for path in [self.home, *self.home.rglob("*")]:
                os.chown(path, NOBODY, NOBODY, follow_symlinks=False)


def modes(root: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every path under `root` (itself too) with its mode, change time and bytes (those this
    user may read): what a write would change."""
    return {str(p.relative_to(root)): _state(p) for p in sorted([root, *root.rglob("*")])}


def _state(path: Path) -> tuple[int, int, bytes | None]:
    status = path.lstat()
    readable = not path.is_dir() and os.access(path, os.R_OK)
    return status.st_mode, status.st_ctime_ns, path.read_bytes() if readable else None


def read_only(root: Path) -> None:
    """chmod -R a-w."""
    for path in [root, *root.rglob("*")]:
        path.chmod(stat.S_IMODE(path.lstat().st_mode) & ~0o222)


@pytest.fixture
def reader() -> Iterator[Reader]:
    """A home with calls in two archive months (folded, so the journal history holds them)
    and one in the journal; in a folder nobody can reach when the tests run as root."""
    base = Path(tempfile.mkdtemp(prefix="companion-read-only-"))
    try:
        base.chmod(0o755)
        home = base / "home"
        home.mkdir(mode=0o700)
        (home / "config.toml").write_text(BASE_CONFIG, encoding="utf-8")
        store = Store(home / "data").prepare()
        store.append(
            [call(OCTOBER, Outcome.NO, "october; =1+1"), call(NOVEMBER, Outcome.MEETING, "november")]
        )
        store.fold()
        store.append([call(NOVEMBER.replace(hour=11), Outcome.NO, "in the journal")])
        yield Reader(home)
    finally:
        for path in [base, *base.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o700 if path.is_dir() else 0o600)
        shutil.rmtree(base)


def call(at: datetime, outcome: Outcome, note: str) -> Event:
    return make_event(EventKind.OUTCOME, at, outcome=outcome, note=note)


def notes(result: Result) -> list[str]:
    assert result.returncode == 0, result.describe()
    return sorted(item["note"] for item in json.loads(result.stdout) if item["kind"] == "outcome")


EVERY_NOTE = ["in the journal", "november", "october; =1+1"]


def test_summary_status_review_and_export_read_a_read_only_home_and_write_nothing(
    reader: Reader, tmp_path: Path
) -> None:
    writable = Companion.call(reader, "summary", "--date", "2026-11-05", "--json")  # as the owner, writable
    reader.give_away()
    read_only(reader.home)
    before = modes(reader.home)

    summary = reader.call("summary", "--date", "2026-11-05", "--json")
    assert (summary.returncode, summary.stderr) == (0, ""), summary.describe()
    assert json.loads(summary.stdout) == json.loads(writable.stdout)
    assert json.loads(summary.stdout)["dials"] == 2
    for args in (("status",), ("status", "--json"), ("review",), ("review", "--json")):
        result = reader.call(*args)
        assert (result.returncode, result.stderr) == (0, ""), result.describe()
    csv_export = reader.call("export")
    assert (csv_export.returncode, csv_export.stderr) == (0, ""), csv_export.describe()
    assert "october;' =1+1" in csv_export.stdout  # no formula on a ';' split
    assert notes(reader.call("export", "--format", "json")) == EVERY_NOTE

    assert modes(reader.home) == before  # no lock file made, no fold, no rebuild: nothing


def test_log_and_the_app_on_a_read_only_home_say_in_one_line_that_they_cannot_write(reader: Reader) -> None:
    reader.give_away()
    read_only(reader.home)
    before = modes(reader.home)
    logged = reader.call("log", "no")
    assert logged.returncode == 2 and len(logged.stderr_lines) == 1, logged.describe()
    assert "nothing was saved: Permission denied" in logged.stderr
    app = reader.call() if ROOT else reader.run_process()
    assert app.returncode == 2 and len(app.stderr_lines) == 1, app.describe()
    assert "the app cannot store calls in" in app.stderr and "Permission denied" in app.stderr
    assert "export read it as it is" in app.stderr
    assert modes(reader.home) == before


def test_a_read_only_home_without_a_data_folder_reads_as_empty(reader: Reader) -> None:
    shutil.rmtree(reader.data)
    reader.give_away()
    read_only(reader.home)
    for args in (("status",), ("summary",), ("review",)):
        result = reader.call(*args)
        assert (result.returncode, result.stderr) == (0, ""), result.describe()
    assert notes(reader.call("export", "--format", "json")) == []
    logged = reader.call("log", "no")
    assert logged.returncode == 2 and f"Permission denied ({reader.data})" in logged.stderr
    assert not reader.data.exists()


def test_an_unreadable_month_is_skipped_in_one_line_and_the_rest_exported(reader: Reader) -> None:
    october = reader.data / "archive" / "2026-10.json"
    shutil.rmtree(reader.data / "journal-history")  # no other copy: October's call is left out
    reader.give_away()
    october.chmod(0)
    before = modes(reader.home)

    exported = reader.call("export", "--format", "json")

    assert notes(exported) == ["in the journal", "november"]
    (line,) = exported.stderr_lines
    assert line == (
        f"companion: {october} cannot be read (Permission denied): skipped; its events are left out"
        " (the journal history holds none of them)"
    )
    summary = reader.call("summary", "--date", "2026-11-05", "--json")
    assert summary.returncode == 0 and json.loads(summary.stdout)["dials"] == 2, summary.describe()
    assert modes(reader.home) == before


def test_an_unreadable_month_is_read_from_the_journal_history_on_a_read_only_home(reader: Reader) -> None:
    october = reader.data / "archive" / "2026-10.json"
    reader.give_away()
    october.chmod(0)
    read_only(reader.home)
    before = modes(reader.home)
    exported = reader.call("export", "--format", "json")
    assert notes(exported) == EVERY_NOTE
    (line,) = exported.stderr_lines
    assert (
        f"{october} cannot be read (Permission denied): skipped; 1 event of it read from the journal" in line
    )
    assert modes(reader.home) == before


@pytest.mark.parametrize("garbage", [b"garbage", b'{"events": {"1": {"v": 1, "id": "'], ids=["text", "torn"])
def test_a_month_that_does_not_parse_on_a_read_only_home_is_read_from_the_history_not_rebuilt(
    reader: Reader, garbage: bytes
) -> None:
    october = reader.data / "archive" / "2026-10.json"
    october.write_bytes(garbage)
    reader.give_away()
    read_only(reader.home)
    before = modes(reader.home)
    exported = reader.call("export", "--format", "json")
    assert notes(exported) == EVERY_NOTE
    (line,) = exported.stderr_lines
    assert line.startswith("companion: 2026-10.json did not parse: read with the journal history (1 event)")
    assert "not rebuilt (Permission denied)" in line
    assert modes(reader.home) == before
    assert october.read_bytes() == garbage


def test_an_unreadable_journal_is_skipped_in_one_line_and_the_archive_exported(reader: Reader) -> None:
    reader.give_away()
    reader.journal.chmod(0)
    before = modes(reader.home)
    exported = reader.call("export", "--format", "json")
    assert notes(exported) == ["november", "october; =1+1"]
    assert exported.stderr_lines == [
        f"companion: {reader.journal} cannot be read (Permission denied): skipped"
    ]
    assert modes(reader.home) == before
