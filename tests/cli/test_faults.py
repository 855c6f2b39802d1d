"""Faults a rep's machine really has: the app killed mid-block, many loggers at once, another
process logging while the app runs, a torn or corrupt file, a full disk, a closed pipe.
The promise under test: a logged call is never lost, and the user is told in one line."""

from __future__ import annotations

import errno
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import companion.store.files as files_module
import companion.store.journal as journal_module
from companion.__main__ import main
from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from companion.store.journal import encode
from companion.store.store import Store
from tests.cli.conftest import (
    BASE_CONFIG,
    OUTCOME_NAMES,
    Companion,
    PtyApp,
    child_env,
    run_parallel,
    wait_until,
)
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)
PtyStarter = Callable[[], PtyApp]  # the pty_app fixture


def call(minute: int, what: Outcome = Outcome.NO) -> Event:
    """An outcome on Monday 15 January 2024, `minute` minutes after 10:00 Berlin."""
    at = datetime(2024, 1, 15, 10, 0, tzinfo=BERLIN) + timedelta(minutes=minute)
    return make_event(EventKind.OUTCOME, at, outcome=what, source="test")


def block_starts(events: list[Event]) -> list[Event]:
    return [e for e in events if e.kind is EventKind.BLOCK_START]


def live_outcomes(companion: Companion) -> list[Event]:
    return sorted((e for e in companion.all_events() if e.kind is EventKind.OUTCOME), key=lambda e: e.at)


def journal_holds(companion: Companion, outcomes: int) -> Callable[[], bool]:
    return lambda: len(companion.outcome_lines()) == outcomes


def wait_app_ready(app: PtyApp, companion: Companion) -> None:
    """Painted, and the day is read: the bar shows the block, resumed or waiting for its first
    call. (Was: until the app had written its block; opening starts none now, issue 22.)"""
    app.wait_for(r"Dials")
    app.wait_for(r"Block \d+:\d\d")


# -- the app killed between outcomes -------------------------------------------------------


@pytest.mark.slow
def test_sigkill_between_outcomes_loses_nothing_and_the_block_resumes(
    companion: Companion, pty_app: PtyStarter
) -> None:
    # The reset ritual is off so every key is a logged dial, whatever the ritual looks like.
    companion.write_config(BASE_CONFIG + "[ritual]\nafter = []\n")
    app = pty_app()
    wait_app_ready(app, companion)

    for count, key in enumerate((b"n", b"v", b"a", b"m"), start=1):
        app.send(key)
        wait_until(journal_holds(companion, count), 10, f"{count} outcome lines in the journal")
    assert app.kill() == -9

    lines = companion.journal_lines()  # every line parses: nothing torn
    assert [line["outcome"] for line in lines if line["kind"] == "outcome"] == [
        "no",
        "voicemail",
        "no-answer",
        "meeting",
    ]
    [start] = block_starts(companion.all_events())
    day = start.at.astimezone(BERLIN).date().isoformat()
    summary = companion.summary("--date", day)
    assert (summary["dials"], summary["meetings"], summary["rejections"], summary["conversations"]) == (
        4,
        1,
        1,
        2,
    )

    again = pty_app()
    again.wait_for(r"Dials\s+4/40")
    again.wait_for(r"Meetings\s+1/2")
    again.wait_for(r"Block \d+:\d\d")
    again.send(b"g")
    wait_until(lambda: len(live_outcomes(companion)) == 5, 10, "the fifth outcome")
    again.send(b"\x11")  # ctrl+q
    assert again.wait_exit() == 0

    events = companion.all_events()
    assert [e.id for e in block_starts(events)] == [start.id], "a second block started the same day"
    outcomes = live_outcomes(companion)
    assert [e.outcome for e in outcomes][-1] is Outcome.GATEKEEPER
    assert {e.session for e in outcomes} == {start.session}, "the restarted app did not resume the block"
    assert companion.summary("--date", day)["dials"] == 5


# -- another process logs while the app runs -----------------------------------------------


@pytest.mark.slow
def test_running_app_shows_a_cli_log_within_a_second(companion: Companion, pty_app: PtyStarter) -> None:
    app = pty_app()
    wait_app_ready(app, companion)
    app.wait_for(r"Meetings\s+0/2")
    mark = app.mark()

    companion.ok("log", "meeting", "--note", "[bold]big[/bold] deal")
    logged = time.monotonic()
    app.wait_for(r"Meetings\s+1/2", timeout=5, since=mark)
    seen_after = time.monotonic() - logged
    assert seen_after <= 1.0, f"the app showed the logged meeting {seen_after:.2f}s later"
    # The note is shown literally: markup in user text is text.
    app.wait_for(r"\[bold\]big\[/bold\] deal", timeout=2, since=mark)


# -- many loggers at once ------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_loggers_at_once_are_all_recorded(companion: Companion) -> None:
    argvs = [
        ["log", OUTCOME_NAMES[i % 7], "--at", f"2024-01-15T10:{i:02d}", "--note", f"call {i}"]
        for i in range(20)
    ]
    results = run_parallel(companion, argvs)
    for result in results:
        assert result.returncode == 0, result.describe()
        assert result.stderr == "", result.describe()

    raw = companion.journal.read_bytes()
    assert raw.endswith(b"\n")
    lines = [json.loads(line) for line in raw.splitlines()]  # every line parses
    assert len(lines) == 20
    assert len({line["id"] for line in lines}) == 20
    assert sorted(line["note"] for line in lines) == sorted(f"call {i}" for i in range(20))
    summary = companion.summary("--date", "2024-01-15")
    assert summary["dials"] == 20
    assert summary["outcomes"] == {name: 3 if i < 6 else 2 for i, name in enumerate(OUTCOME_NAMES)}


# -- torn and corrupt files ----------------------------------------------------------------


def test_torn_and_garbage_journal_lines_are_skipped_counted_and_kept(companion: Companion) -> None:
    first, second, torn = call(0, Outcome.MEETING), call(1), call(2)
    garbage = b"\x00\xffnot json at all {{{\n"
    not_an_event = b'{"v":1,"id":"x","at":"yesterday","kind":"outcome"}\n'
    half = encode(torn)[:40]
    original = encode(first) + garbage + not_an_event + encode(second) + half
    companion.data.mkdir(mode=0o700)
    companion.journal.write_bytes(original)

    result = companion.run("summary", "--json", "--date", "2024-01-15")
    assert result.returncode == 0, result.describe()
    assert len(result.stderr_lines) == 1, result.describe()
    assert str(companion.journal) in result.stderr
    summary = json.loads(result.stdout)
    assert (summary["dials"], summary["meetings"], summary["rejections"]) == (2, 1, 1)
    assert companion.journal.read_bytes() == original, "reading changed the journal"

    # A later log closes the torn line and lands on a line of its own.
    companion.run("log", "callback", "--at", "2024-01-15T10:30")
    raw = companion.journal.read_bytes()
    assert raw.startswith(original)
    assert json.loads(raw.splitlines()[-1])["outcome"] == "callback"
    assert companion.run("summary", "--json", "--date", "2024-01-15").json()["dials"] == 3

    # Folding (the app does it on start) keeps the bad bytes in the journal history.
    Store(companion.data).fold()
    kept = b"".join(p.read_bytes() for p in (companion.data / "journal-history").iterdir())
    for piece in (garbage, not_an_event, half):
        assert piece in kept
    assert companion.run("summary", "--json", "--date", "2024-01-15").json()["dials"] == 3


def corrupt_archive(companion: Companion, damage: bytes) -> Path:
    """Three calls logged and folded into archive/2024-01.json, which is then damaged."""
    store = companion.store()
    store.append([call(0, Outcome.MEETING), call(1), call(2, Outcome.VOICEMAIL)])
    store.fold()
    archive = companion.data / "archive" / "2024-01.json"
    assert json.loads(archive.read_bytes())
    archive.write_bytes(damage)
    return archive


DAMAGE = {
    "truncated": b'{"events": {"1": {"v": 1, "id": "',
    "binary": b"\x00\x01\x02\xff" * 64,
    "wrong-shape": b"[1, 2, 3]",
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_corrupt_archive_is_moved_aside_reported_and_rebuilt(companion: Companion, damage: bytes) -> None:
    archive = corrupt_archive(companion, damage)

    result = companion.run("summary", "--json", "--date", "2024-01-15")
    assert result.returncode == 0, result.describe()
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == 1, result.describe()
    line = result.stderr_lines[0]
    [moved] = [p for p in archive.parent.iterdir() if p.name.startswith("2024-01.json.")]
    assert str(moved) in line, f"the user is not told where the file went: {line}"
    assert moved.read_bytes() == damage, "the damaged file was not kept as it was"
    summary = json.loads(result.stdout)
    assert (summary["dials"], summary["meetings"], summary["rejections"]) == (3, 1, 1)
    assert json.loads(archive.read_bytes()), "the month was not rebuilt"

    # Rebuilt once: the next run is quiet and counts the same.
    assert companion.summary("--date", "2024-01-15")["dials"] == 3


def test_corrupt_archive_found_by_log_is_reported(companion: Companion) -> None:
    archive = corrupt_archive(companion, DAMAGE["truncated"])
    result = companion.run("log", "no", "--at", "2024-01-15T12:00")
    assert result.returncode == 0, result.describe()
    assert result.stdout.startswith("Logged no")
    assert "Dials 4/40" in result.stdout
    [moved] = [p for p in archive.parent.iterdir() if p.name.startswith("2024-01.json.")]
    assert len(result.stderr_lines) == 1, result.describe()
    assert str(moved) in result.stderr


# -- a full disk ---------------------------------------------------------------------------


class FullDisk:
    """Stands in for the `os` module inside companion.store.journal: every write takes a few
    bytes, then the disk is full. Everything else is the real os."""

    def __init__(self) -> None:
        self.writes = 0

    def write(self, fd: int, data: Any) -> int:
        self.writes += 1
        if self.writes == 1 and len(data) > 8:
            return os.write(fd, bytes(data[:8]))  # a partial write first, as a real disk may do
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    disk = FullDisk()
    monkeypatch.setattr(journal_module, "os", disk)
    monkeypatch.setattr(files_module, "os", disk)  # the write loop lives there
    return disk


@pytest.mark.parametrize("existing", [True, False], ids=["journal", "no-journal"])
def test_append_on_a_full_disk_raises_and_leaves_the_journal_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    store = Store(tmp_path / "data").prepare()
    if existing:
        store.append([call(0), call(1)])
    before = store.journal.read_bytes() if existing else b""

    disk = FullDisk()
    monkeypatch.setattr(journal_module, "os", disk)
    monkeypatch.setattr(files_module, "os", disk)  # the write loop lives there
    with pytest.raises(OSError) as raised:
        store.append([call(2, Outcome.MEETING), call(3)])
    assert raised.value.errno == errno.ENOSPC
    assert disk.writes >= 2, "the fake disk was not used"
    monkeypatch.undo()

    assert (store.journal.read_bytes() if store.journal.exists() else b"") == before
    store.append([call(4, Outcome.CALLBACK)])  # the disk has room again: the next append is whole
    chunk = journal_module.read_chunk(store.journal)
    assert chunk.bad_lines == 0
    assert len(chunk.events) == (3 if existing else 1)


def test_log_on_a_full_disk_says_so_in_one_line_and_exits_2(
    home: Path, full_disk: FullDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = home / "data" / "journal.jsonl"
    try:
        status = main(["log", "meeting", "--at", "2024-01-15T10:00"])
    finally:
        out, err = capsys.readouterr()
    assert full_disk.writes >= 1
    assert status == 2
    assert out == "", "a call that was not saved must not be confirmed"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert "space" in lines[0].lower() or "disk" in lines[0].lower(), lines[0]
    assert not journal.exists() or journal.read_bytes() == b""


# -- a closed pipe -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["summary", "--json", "--date", "2024-01-15"], ["log", "no", "--at", "2024-01-15T10:00"]],
    ids=["summary", "log"],
)
def test_output_to_a_closed_pipe_is_not_a_traceback(companion: Companion, args: list[str]) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write gets EPIPE
    try:
        process = subprocess.Popen(
            companion.argv(*args),
            env=child_env(companion.home),
            stdin=subprocess.DEVNULL,
            stdout=writer,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(writer)
    _, err = process.communicate(timeout=20)
    stderr = err.decode()
    assert "Traceback" not in stderr, stderr
    assert "BrokenPipeError" not in stderr, stderr
    if args[0] == "log":
        assert len(companion.outcome_lines()) == 1, "the call must be stored once either way"


def test_the_child_interpreter_is_this_one() -> None:
    """The processes above run the code under test, not some other installed companion."""
    out = subprocess.run(
        [sys.executable, "-c", "import companion, sys; print(companion.__file__)"],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    ).stdout.strip()
    assert Path(out).resolve().parent == Path(journal_module.__file__).resolve().parent.parent


def test_the_app_closes_when_its_terminal_vanishes_without_a_hangup(companion: Companion) -> None:
    """A pty closed under an app that is not its session leader gets no SIGHUP; the app must
    notice and exit rather than spin on a dead terminal."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        companion.argv(),
        env={**child_env(companion.home), "TERM": "xterm-256color"},
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
    )
    os.close(slave)
    try:
        seen = b""
        deadline = time.monotonic() + 20
        while b"Dials" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                seen += os.read(master, 65536)
        assert b"Dials" in seen
        os.close(master)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


STRICT = {"PYTHONIOENCODING": "ascii:strict", "LC_ALL": "C", "PYTHONUTF8": "0"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["log", "no", "--note", "café crème", "--at", "2024-01-15T10:00"], 0),
        (["export"], 0),
        (["export", "--format", "md"], 0),
        (["import", "/nowhere/ünïcode-calls.csv"], 2),
        (["summary", "--date", "2024-13-01"], 2),
    ],
    ids=["log", "export-csv", "export-md", "import-missing", "bad-date"],
)
def test_a_strict_ascii_terminal_never_gets_a_traceback(
    companion: Companion, args: list[str], code: int
) -> None:
    companion.store().append(
        [call(0), make_event(EventKind.OUTCOME, call(1).at, outcome=Outcome.NO, note="façade")]
    )
    result = companion.run(*args, env=STRICT)
    assert result.returncode == code, result.describe()
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr, result.describe()
    if args[0] == "export":
        assert "façade" in result.stdout  # a file's bytes: UTF-8 whatever the locale
    if args[0] == "import":  # the C locale reads the name as bytes, each shown as an escape
        assert "/nowhere/\\xc3\\xbcn\\xc3\\xafcode-calls.csv" in result.stderr


def test_export_to_a_closed_pipe_is_quiet(companion: Companion) -> None:
    companion.store().append([call(minute) for minute in range(2000)])
    process = subprocess.Popen(
        f"{' '.join(map(str, companion.argv('export')))} | head -1",
        shell=True,
        env=child_env(companion.home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = process.communicate(timeout=30)
    assert out.decode().startswith("timestamp,outcome")
    assert err.decode() == ""


def test_log_saves_the_call_when_a_month_of_history_is_a_folder(companion: Companion) -> None:
    companion.store().append([call(0)])
    companion.store().fold()
    (month,) = (companion.data / "archive").glob("*.json")
    month.unlink()
    month.mkdir()
    result = companion.run("log", "meeting", "--at", "2024-01-15T11:00")
    assert result.returncode == 0, result.describe()
    assert "Logged meeting at 11:00" in result.stdout
    assert "is a folder" in result.stderr and "rebuilt" in result.stderr
    assert [e.outcome for e in live_outcomes(companion)] == [Outcome.NO, Outcome.MEETING]


def test_log_saves_the_call_when_the_day_cannot_be_read_at_all(companion: Companion, tmp_path: Path) -> None:
    companion.store().append([call(0)])
    companion.store().fold()
    (month,) = (companion.data / "archive").glob("*.json")
    month.write_text("damaged")  # to be rebuilt from the history, where a link now stands in the way
    (companion.data / "journal-history" / "zz-planted.jsonl").symlink_to(tmp_path / "elsewhere")
    result = companion.run("log", "meeting", "--at", "2024-01-15T11:00")
    assert result.returncode == 0, result.describe()
    assert result.stdout.strip() == "Logged meeting at 11:00 on Mon 15 Jan 2024."
    assert result.stderr.startswith("companion: the call is saved, but the day could not be read: ")
    assert "symbolic link" in result.stderr
    assert [line["outcome"] for line in companion.outcome_lines()] == ["meeting"]
