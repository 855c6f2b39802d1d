"""reframes.txt, the rep's own reframe lines beside config.toml: read only when the app opens. A
line the reset cannot show stops the app before it draws, with one line naming the file and the
line; `companion log` never reads the file, so a call is still logged."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.config import Config, with_own_reframes
from companion.errors import CompanionError
from companion.paths import Paths
from tests.cli.conftest import Companion

QUICK_S = 10.0  # the app must stop long before this: a hang (a drawn screen) fails the test
ESCAPED = "Good line one\n\x1b[31mRed alert\x1b[0m\nGood line three\n"


def reframes(home: Path, text: str) -> Path:
    path = home / "reframes.txt"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_an_escape_code_in_reframes_stops_the_app_before_it_draws(companion: Companion) -> None:
    reframes(companion.home, ESCAPED)
    result = companion.run(timeout=QUICK_S)
    assert result.returncode == 2, result.describe()
    assert result.stdout == ""  # not a single frame, nor a terminal mode switched
    [line] = result.stderr.splitlines()
    assert line.startswith("companion: ") and "reframes.txt, line 2:" in line, line
    assert "escape code" in line and "\x1b" not in result.stderr  # said, never sent
    assert "Traceback" not in result.stderr
    assert companion.journal_lines() == []


def test_log_never_reads_reframes_so_a_bad_file_does_not_stop_a_call(companion: Companion) -> None:
    reframes(companion.home, ESCAPED)
    companion.ok("log", "no")
    [call] = companion.outcome_lines()
    assert call["outcome"] == "no"


def test_own_reframes_are_read_without_blank_or_comment_lines(home: Path) -> None:
    reframes(home, "\ufeff# my lines\n\nOne call is one call.\r\n  # indented comment\n  Next!  \n\nNext!\n")
    config = with_own_reframes(Config(), Paths.from_env())
    assert config.ritual.own_reframes == ("One call is one call.", "Next!")  # a repeat kept once


def test_no_reframes_file_leaves_the_config_as_it_was(home: Path) -> None:
    config = Config()
    assert with_own_reframes(config, Paths.from_env()) is config


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param("ok\n" + "x" * 201 + "\n", 2, "up to 200 characters", id="too-long"),
        pytest.param("# fine\n\nline with a \x07 bell\n", 3, "control character", id="control"),
    ],
)
def test_a_bad_reframe_names_the_file_and_its_line(home: Path, text: str, line: int, words: str) -> None:
    path = reframes(home, text)
    with pytest.raises(CompanionError) as raised:
        with_own_reframes(Config(), Paths.from_env())
    message = str(raised.value)
    assert message.startswith(f"{path}, line {line}:") and words in message, message


def test_a_reframe_of_exactly_200_characters_is_kept(home: Path) -> None:
    reframes(home, "y" * 200 + "\n")
    assert with_own_reframes(Config(), Paths.from_env()).ritual.own_reframes == ("y" * 200,)


# -- reframes.txt is untrusted (companion.settings_file) ------------------------------------------


def loose(path: Path) -> None:
    path.write_text("Next!\n", encoding="utf-8")
    path.chmod(0o666)


@pytest.mark.parametrize(
    ("make", "said"),
    [
        pytest.param(lambda p: os.mkfifo(p), "a FIFO", id="fifo"),
        pytest.param(lambda p: p.symlink_to("/dev/zero"), "a device (it links to /dev/zero)", id="dev-zero"),
        pytest.param(lambda p: p.write_bytes(b"# long\n" * 60_000), "larger than the 256 KB", id="420-KB"),
        pytest.param(loose, "mode 0666", id="mode-0666"),
    ],
)
def test_a_hostile_reframes_file_is_one_line_at_once(
    home: Path, make: Callable[[Path], object], said: str
) -> None:
    path = home / "reframes.txt"
    make(path)
    started = time.monotonic()
    with pytest.raises(CompanionError) as raised:
        with_own_reframes(Config(), Paths.from_env())
    assert time.monotonic() - started < 0.5
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and said in message and "\n" not in message, message


def test_a_fifo_of_reframes_stops_the_app_at_once_and_never_a_call(companion: Companion) -> None:
    os.mkfifo(companion.home / "reframes.txt")
    result = companion.run(timeout=QUICK_S)
    assert result.returncode == 2 and result.stdout == "", result.describe()
    [line] = result.stderr.splitlines()
    assert "reframes.txt: a FIFO" in line and "Traceback" not in result.stderr
    companion.ok("log", "no")
    assert len(companion.outcome_lines()) == 1
