"""[hooks] on_event as real processes: each stored event reaches the command once, as the JSON
line `export --format json` holds; a hook that hangs never slows `log` and is stopped at its
time limit; a failing hook is written to hooks.log once per event. The hooks run detached, so
each check waits for their file with a deadline, never a fixed sleep."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import BASE_CONFIG, Companion

DEADLINE_S = 15.0


def eventually(done: Callable[[], bool]) -> None:
    """Until `done()`, checking every 50 ms, for at most DEADLINE_S (a detached process)."""
    end = time.monotonic() + DEADLINE_S
    while not done():
        assert time.monotonic() < end, "the hook never got there"
        time.sleep(0.05)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_each_stored_event_reaches_the_hook_once_as_its_json_line(
    companion: Companion, tmp_path: Path
) -> None:
    seen = tmp_path / "events.jsonl"
    companion.write_config(BASE_CONFIG + f'[hooks]\non_event = "cat >> {seen}"\n')
    companion.ok("log", "no", "--note", "CFO owns it")
    companion.ok("win", "the CFO called back")
    eventually(lambda: len(lines(seen)) == 3)  # the no, the block it started, the win
    stored = companion.journal_lines()
    # The journal's (and export's) shape, each once. Two commands run detached hooks of their
    # own, which may finish in either order: no order between commands is promised.
    by_id = sorted((json.loads(line) for line in lines(seen)), key=lambda event: event["id"])
    assert by_id == sorted(stored, key=lambda event: event["id"])
    companion.ok("summary")  # reading stores nothing: no hook
    time.sleep(0.3)
    assert len(lines(seen)) == 3


def test_a_hanging_hook_never_slows_log_and_a_failing_one_is_logged_once(companion: Companion) -> None:
    log = companion.data / "hooks.log"
    companion.write_config(BASE_CONFIG + '[hooks]\non_event = "sleep 30"\ntimeout_s = 1\n')
    started = time.monotonic()
    companion.run("log", "voicemail", timeout=10.0)  # a hook waited on would take 30 s
    assert time.monotonic() - started < 10.0
    companion.write_config(BASE_CONFIG + '[hooks]\non_event = "echo no route to sheet >&2; exit 3"\n')
    companion.ok("log", "meeting")
    # One runner takes the events in the order they were stored, each with the command it was
    # stored under: the block's start and the voicemail stopped, then the meeting's failure.
    eventually(lambda: len(lines(log)) == 3)
    assert ["hook stopped after 1 s for event" in line for line in lines(log)] == [True, True, False]
    assert "hook exited 3 for event" in lines(log)[2] and "no route to sheet" in lines(log)[2]
    time.sleep(0.3)
    assert len(lines(log)) == 3  # once
