"""A command's word is true. Once a command has stored something, nothing after it turns it
into a failure: a full stdout (/dev/full), a closed one (`>&-`), a reader that went away, a
closed or full stderr, a hook. It exits 0, stores once (a dialer hook that retries on failure
would store twice), and says on stderr, if stderr can take it, that it is saved but its line
was lost. A command that stored nothing and whose output was lost exits 1, and no command ends
in a traceback. Real processes: the descriptors are the point. Also the command line's smaller
promises: an option's value may start with '-', and an id is echoed back cut short."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.cli.output import SAID, Guarded, echoed
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import BASE_CONFIG, PROCESS_TIMEOUT_S, Companion, child_env, snapshot
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)

# How stdout (and stderr) are broken for the child: each is a real descriptor state.
#   full: /dev/full (every write: ENOSPC); closed: `>&-`; gone: a pipe whose reader has closed
#   (EPIPE on the first write); quiet-*: the same with stderr closed or full as well.
STDOUTS = ("full", "closed", "gone")
BROKEN = (*STDOUTS, "full+stderr-closed", "closed+stderr-full", "gone+stderr-closed")


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).astimezone(BERLIN).replace(microsecond=0).isoformat()


@contextmanager
def descriptors(mode: str) -> Iterator[dict[str, Any]]:
    """Popen's stdout and stderr for `mode`, and what closes fds in the child."""
    out_mode, _, err_mode = mode.partition("+")
    opened: list[int] = []
    kwargs: dict[str, Any] = {"stderr": subprocess.PIPE}
    close: list[int] = []
    if out_mode == "full":
        kwargs["stdout"] = os.open("/dev/full", os.O_WRONLY)
        opened.append(kwargs["stdout"])
    elif out_mode == "closed":
        close.append(1)
    else:  # gone: nobody will ever read
        reader, writer = os.pipe()
        os.close(reader)
        kwargs["stdout"] = writer
        opened.append(writer)
    if err_mode == "stderr-closed":
        close.append(2)
        kwargs["stderr"] = subprocess.DEVNULL  # replaced by the close below
    elif err_mode == "stderr-full":
        kwargs["stderr"] = os.open("/dev/full", os.O_WRONLY)
        opened.append(kwargs["stderr"])
    if close:

        def close_them() -> None:  # in the child, before it runs companion
            for fd in close:
                os.close(fd)

        kwargs["preexec_fn"] = close_them
    try:
        yield kwargs
    finally:
        for fd in opened:
            os.close(fd)


def run_broken(companion: Companion, mode: str, *args: str) -> tuple[int, str]:
    """`companion ARGS` in a child whose stdout (and maybe stderr) is broken as `mode` says:
    its exit status and what reached stderr (empty when stderr was broken too)."""
    with descriptors(mode) as kwargs:
        process = subprocess.Popen(
            companion.argv(*args), env=child_env(companion.home), stdin=subprocess.DEVNULL, **kwargs
        )
    err = process.communicate(timeout=PROCESS_TIMEOUT_S)[1] or b""
    return process.returncode, err.decode("utf-8", "replace")


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert "Error" not in stderr, stderr


# -- a stored call holds, whatever stdout does ---------------------------------------------------


@pytest.mark.parametrize("mode", BROKEN)
def test_a_logged_call_exits_0_once_stored_whatever_stdout_and_stderr_do(
    companion: Companion, mode: str
) -> None:
    code, err = run_broken(companion, mode, "log", "no", "--reason", "budget", "--note", "CFO owns it")
    assert code == 0, (mode, err)
    no_traceback(err)
    assert "nothing was saved" not in err
    [stored] = companion.outcome_lines()  # once: a hook that retries on failure never sees one
    assert (stored["outcome"], stored["note"]) == ("no", "CFO owns it")
    if "stderr" in mode:
        assert err == ""
        return
    [line] = [line for line in err.splitlines() if line.strip()]
    assert line.startswith("companion: saved, but stdout could not take its line"), line
    assert "Logged no (budget) at" in line, "the lost confirmation is on stderr instead"


def test_a_retrying_dialer_hook_stores_the_call_once(companion: Companion) -> None:
    """The dialer's hook retries while `log` fails: with stdout on a full device, it is asked
    once, stores once, and is never told to try again."""
    attempts = 0
    for _ in range(3):
        attempts += 1
        code, _ = run_broken(companion, "full", "log", "voicemail")
        if code == 0:
            break
    assert attempts == 1
    assert [line["outcome"] for line in companion.outcome_lines()] == ["voicemail"]


@pytest.mark.parametrize("mode", STDOUTS)
def test_every_storing_command_exits_0_and_stores_once(companion: Companion, mode: str) -> None:
    """dial, win, a review's answer, warmup --focus, resume --notice and import: each stored,
    each once, each 0, with stdout broken."""
    old = companion.ok("log", "no", "--at", ago(hours=25), "--note", "asked for a discount")
    assert old.returncode == 0
    [no] = companion.outcome_lines()
    file = companion.home / "calls.csv"
    file.write_text("timestamp,outcome\n2024-03-05T10:00:00+01:00,meeting\n", encoding="utf-8")
    storing = [
        (("dial",), "block-start"),
        (("win", "-the CFO called back"), "win"),
        (("review", no["id"][:8], "--lesson", "-ask sooner", "--felt", "2"), "review"),
        (("warmup", "--focus", "open with the problem"), "focus"),
        (("resume", "--notice", "most were budget"), "read-back"),
    ]
    for args, kind in storing:
        before = len(companion.journal_lines())
        code, err = run_broken(companion, mode, *args)
        assert code == 0, (args, mode, err)
        no_traceback(err)
        added = [line["kind"] for line in companion.journal_lines()[before:]]
        assert added == [kind], (args, added)
        assert "saved, but stdout could not take its line" in err, (args, err)
    code, err = run_broken(companion, mode, "import", str(file))
    assert code == 0, err
    no_traceback(err)
    meetings = [e for e in companion.all_events() if e.outcome is Outcome.MEETING]
    assert len(meetings) == 1
    assert "Imported 1 new event" in err


def test_a_failing_hook_and_a_full_stdout_leave_the_call_stored_and_0(companion: Companion) -> None:
    companion.write_config(BASE_CONFIG + '[hooks]\non_event = "echo no route >&2; exit 3"\n')
    code, err = run_broken(companion, "full", "log", "meeting")
    assert code == 0, err
    no_traceback(err)
    assert [line["outcome"] for line in companion.outcome_lines()] == ["meeting"]


def test_with_stdout_closed_nothing_meant_for_it_lands_in_a_file_of_ours(companion: Companion) -> None:
    """With fd 1 closed, the first file opened would take its number: none does, so the
    journal holds JSON lines only and the hook's output goes where the hook sends it."""
    seen = companion.home / "seen.jsonl"
    companion.write_config(BASE_CONFIG + f'[hooks]\non_event = "cat >> {seen}"\n')
    for outcome in ("no", "meeting", "gatekeeper"):
        code, err = run_broken(companion, "closed+stderr-closed", "log", outcome)
        assert code == 0, err
    assert [line["outcome"] for line in companion.outcome_lines()] == ["no", "meeting", "gatekeeper"]
    for path in companion.data.rglob("*"):
        if path.is_file() and path.suffix == ".jsonl":
            assert b"Logged" not in path.read_bytes(), path


# -- nothing stored, output lost: 1, no traceback, nothing written ------------------------------

READS = [
    ("status",),
    ("status", "--json"),
    ("summary", "--week"),
    ("review",),
    ("resume",),
    ("warmup",),
    ("export", "--format", "json"),
    ("export", "-o", "-"),
    ("themes",),
    ("--help",),
    ("log", "--help"),
    ("--version",),
    ("dial",),  # a block is open and no reset waits: it stores nothing
]


@pytest.fixture
def seeded(companion: Companion) -> Companion:
    """A home with a noted no due for review and an open block (so the resume has an entry
    and `dial` has nothing to store)."""
    companion.ok("log", "no", "--at", ago(hours=25), "--note", "too expensive")
    companion.ok("log", "meeting")
    return companion


@pytest.mark.parametrize("mode", STDOUTS)
def test_a_read_whose_output_is_lost_exits_1_and_stores_nothing(seeded: Companion, mode: str) -> None:
    for args in READS:
        before = snapshot(seeded.data)
        code, err = run_broken(seeded, mode, *args)
        no_traceback(err)
        assert code == 1, (args, mode, err)
        assert snapshot(seeded.data) == before, f"{args} stored something with stdout {mode}"
        lines = [line for line in err.splitlines() if line.strip()]
        if mode == "gone":
            assert lines == [], (args, err)  # the reader chose to stop: nothing to say
        else:
            assert lines == [f"companion: stdout could not take the output ({_why(mode)})"], (args, err)


def _why(mode: str) -> str:
    return "No space left on device" if mode == "full" else "stdout is closed"


def test_bad_input_with_stdout_and_stderr_closed_is_still_2(companion: Companion) -> None:
    before = snapshot(companion.data)
    for args in (("log", "maybe"), ("log", "no", "--felt", "9"), ("summary", "--month")):
        code, err = run_broken(companion, "closed+stderr-closed", *args)
        assert (code, err) == (2, ""), args
    assert snapshot(companion.data) == before


def test_a_reader_that_stops_early_ends_a_long_export_quietly(companion: Companion) -> None:
    """`companion export | head -c1` on a history longer than a pipe holds: the write after the
    reader left gets EPIPE; no traceback, nothing on stderr, and exit 1 (it did not all go)."""
    start = datetime(2024, 1, 15, 9, 0, tzinfo=BERLIN)
    companion.store().add(
        make_event(EventKind.OUTCOME, start + timedelta(minutes=i), outcome=Outcome.VOICEMAIL, source="test")
        for i in range(3000)
    )
    process = subprocess.Popen(
        companion.argv("export", "--format", "json"),
        env=child_env(companion.home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"["
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=PROCESS_TIMEOUT_S) == 1, err
    assert err == ""


def test_the_whole_output_to_a_reader_that_keeps_reading_is_0(companion: Companion) -> None:
    """The other side of the above: a pipe that takes it all is success, and `| head -c1` on
    a line that fits in the pipe is too (it was all written)."""
    companion.ok("log", "no")
    done = subprocess.run(
        f"{' '.join(companion.argv('status'))} | head -c1",
        shell=True,
        env=child_env(companion.home),
        capture_output=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"1", b"")


# -- in process: the guard and the exit status -------------------------------------------------


class Refusing(io.TextIOWrapper):
    """A stream whose every flush fails as a full device does."""

    def __init__(self, fail: int = errno.ENOSPC) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.fail = fail

    def flush(self) -> None:
        raise OSError(self.fail, os.strerror(self.fail))


@pytest.mark.parametrize("fail", [errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EBADF])
def test_a_guarded_stream_never_raises_and_keeps_what_it_lost(fail: int) -> None:
    SAID.reset()
    guard = Guarded(Refusing(fail), "stdout")
    print("Logged no at 14:05.", file=guard)
    print("Second line", file=guard)
    guard.flush()
    guard.write_bytes(b"a file's bytes\n")
    assert guard.lost is not None and guard.lost.errno == fail
    assert SAID.lost is guard.lost
    assert SAID.unsaid == ["Logged no at 14:05.", "Second line", "a file's bytes"]


def test_a_closed_stream_is_lost_from_the_start() -> None:
    SAID.reset()
    guard = Guarded(None, "stdout")
    print("anything", file=guard)
    assert SAID.lost is not None and SAID.lost.errno == errno.EBADF
    assert SAID.unsaid == ["anything"]
    assert not guard.isatty()


def test_an_error_after_the_store_never_says_nothing_was_saved(
    companion: Companion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever raises once the call is in the journal (here the confirmation itself, an I/O
    error), the call is saved and the exit status is 0."""
    import companion.cli.day as day

    def fails(text: str) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(day, "out", fails)
    result = companion.run("log", "callback", "--note", "Tue 10am")
    assert result.returncode == 0, result.describe()
    assert "nothing was saved" not in result.stderr
    assert result.stderr_lines == ["companion: saved, but then: Input/output error"]
    assert [line["outcome"] for line in companion.outcome_lines()] == ["callback"]


@pytest.mark.parametrize(("stop", "code"), [(KeyboardInterrupt, 0), (OverflowError, 0)])
def test_an_interrupt_after_the_store_is_still_0(
    companion: Companion, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException], code: int
) -> None:
    """ctrl+c (or anything else) between the journal and the confirmation: stored, 0."""
    import companion.cli.around as around

    def interrupted(text: str) -> None:
        raise stop("date value out of range")

    monkeypatch.setattr(around, "out", interrupted)
    result = companion.run("win", "the CFO asked for a proposal")
    assert result.returncode == code, result.describe()
    assert "nothing was saved" not in result.stderr
    if stop is OverflowError:
        assert result.stderr_lines == ["companion: saved, but then: date value out of range"]
    assert [line["kind"] for line in companion.journal_lines()] == ["win"]


def test_an_interrupt_before_anything_is_stored_is_130(
    companion: Companion, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.cli.around as around

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(around, "words", interrupted)
    assert companion.run("win", "anything").returncode == 130
    assert companion.journal_lines() == []


# -- an option's value that starts with '-' -------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ("--note", "-1+1"),
        ("--note=-1+1",),
        ("--note", "-1+1", "--reason", "budget"),
        ("--reason", "budget", "--note", "-1+1"),
    ],
)
def test_a_note_that_starts_with_a_dash_is_the_note(companion: Companion, words: tuple[str, ...]) -> None:
    companion.ok("log", "no", *words)
    [stored] = companion.outcome_lines()
    assert stored["note"] == "-1+1"


@pytest.mark.parametrize("note", ["-", "-- dashes first", "-x", "-5", "--not-an-option", "-h1"])
def test_other_dashed_values_are_values_too(companion: Companion, note: str) -> None:
    companion.ok("log", "callback", "--note", note, "--at", ago(minutes=3))
    assert companion.outcome_lines()[-1]["note"] == note.strip()


@pytest.mark.parametrize("after", ["--at", "--reason", "-h", "--no"])
def test_a_known_option_after_note_is_an_option_and_says_how_to_write_the_value(
    companion: Companion, after: str
) -> None:
    """`--note --at 10:00`: the rep may have forgotten the note, so it is not guessed; the
    line says how to give a note that starts with '-' (`--no` is how argparse abbreviates
    --note, so it is an option too)."""
    before = snapshot(companion.data)
    result = companion.run("log", "no", "--note", after, "x")
    assert result.returncode == 2, result.describe()
    [line] = result.stderr_lines
    assert "--note=TEXT" in line, line
    assert snapshot(companion.data) == before


def test_a_lesson_and_a_win_may_start_with_a_dash(companion: Companion) -> None:
    companion.ok("log", "no", "--at", ago(hours=30), "--note", "old")
    [no] = companion.outcome_lines()
    companion.ok("review", no["id"][:8], "--lesson", "-ask first, pitch second")
    companion.ok("warmup", "--focus", "-one question at a time")
    kinds = {line["kind"]: line for line in companion.journal_lines()}
    assert kinds["review"]["lesson"] == "-ask first, pitch second"
    assert kinds["focus"]["note"] == "-one question at a time"


def test_a_file_name_and_a_map_that_start_with_a_dash(
    companion: Companion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    companion.ok("log", "meeting")
    companion.ok("export", "-o", "-calls.csv")
    assert (tmp_path / "-calls.csv").read_text(encoding="utf-8").count("meeting") == 1
    (tmp_path / "dialer.csv").write_text(
        "timestamp,outcome\n2024-03-05T10:00:00+01:00,-Busy\n", encoding="utf-8"
    )
    companion.ok("import", "dialer.csv", "--map", "-Busy=no-answer")
    assert any(e.outcome is Outcome.NO_ANSWER for e in companion.all_events())


# -- an id echoed back ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "shown_as"),
    [
        ("x" * 10_000, "'" + "x" * 39 + "…'"),
        ("abcd" * 11, "'" + ("abcd" * 10)[:39] + "…'"),
        ("zz\x1b[31mzz", "'zz\\x1b[31mzz'"),
        ("q\u202eevil" + "q" * 100, "'q\\u202eevil" + "q" * 33 + "…'"),
        ("abc", "'abc'"),
    ],
)
def test_a_review_id_is_echoed_cut_short_and_visible(companion: Companion, given: str, shown_as: str) -> None:
    result = companion.run("review", given, "--dismiss")
    assert result.returncode == 2, result.describe()
    [line] = result.stderr_lines
    assert shown_as in line, line
    assert len(line) < 160, line
    assert "\x1b" not in line and "\u202e" not in line


def test_echoed_keeps_a_word_that_fits_whole() -> None:
    assert echoed("a" * 40) == "'" + "a" * 40 + "'"
    assert echoed("a" * 41) == "'" + "a" * 39 + "…'"
    assert echoed("") == "''"


def test_exit_codes_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From the command line", 1)[1].split("\n## ", 1)[0]
    for code in ("`0`", "`1`", "`2`", "`130`"):
        assert code in section, code


def test_json_of_a_stored_call_is_not_touched_by_the_guard(companion: Companion) -> None:
    """A sanity check on the guarded stdout: what a script reads is what it read before."""
    companion.ok("log", "meeting")
    data = json.loads(companion.ok("status", "--json").stdout)
    assert data["meetings"] == 1
