"""Hooks that cannot run away, as real processes: a hook's time limit covers every process it
started (a daemon that left with `setsid` too), its stderr is capped as it is read, hooks.log is
never a FIFO or a link to block on or write through, a burst of events costs one runner that
takes them in order, a runner killed mid-queue loses nothing, and the runner is the installed
package's whatever folder `companion log` ran in. Every wait has a deadline."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from companion.store import hooks
from companion.store.hooks import enqueue, fire, queue_dir, runner_argv
from tests.cli.conftest import BASE_CONFIG, Companion, child_env

DEADLINE_S = 20.0
AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def eventually(done: Callable[[], bool], what: str = "the hook never got there") -> None:
    end = time.monotonic() + DEADLINE_S
    while not done():
        assert time.monotonic() < end, what
        time.sleep(0.05)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def ours(home: Path) -> Iterator[tuple[int, str, int]]:
    """(pid, command line, RSS in kB) of every process started for `home` (its environment
    names it), but this one. A shell's fork before its exec has the shell's command line."""
    tag = f"COMPANION_HOME={home}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if tag not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            rss = [row for row in (entry / "status").read_text().splitlines() if row.startswith("VmRSS:")]
        except OSError:
            continue
        yield int(entry.name), command, int(rss[0].split()[1]) if rss else 0


def session(pid: int) -> int | None:
    """The session a process is in (each hook has one of its own), None once it is gone."""
    try:
        return os.getsid(pid)
    except OSError:
        return None


def runners(home: Path) -> list[int]:
    return [pid for pid, command, _ in ours(home) if "hook_runner" in command]


def event(note: str) -> Event:
    return make_event(EventKind.OUTCOME, AT, outcome=Outcome.NO, note=note, source="cli")


def configure(companion: Companion, command: str, timeout_s: int = 20) -> None:
    companion.write_config(
        BASE_CONFIG + f"[hooks]\non_event = {json.dumps(command)}\ntimeout_s = {timeout_s}\n"
    )


def test_an_endless_stderr_writer_is_read_capped_and_stopped(tmp_path: Path) -> None:
    """The runner in the foreground, under a parent of its own that reports the largest RSS
    of its children: `yes` to stderr for the whole second is read and dropped, not kept."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    enqueue(queue_dir(data), "yes 'a line of noise' >&2", 1, [json.dumps(event("x").to_dict())])
    measure = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], timeout=30); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, *runner_argv(data)], capture_output=True, text=True, timeout=40
    )
    assert int(done.stdout) < 80_000, f"the runner grew to {int(done.stdout) // 1024} MB"
    [line] = lines(data / "hooks.log")
    assert "hook stopped after 1 s for event" in line and "a line of noise a line of noise" in line
    assert "[output cut:" in line and len(line) < 1200
    assert [path.name for path in (data / hooks.QUEUE_NAME).iterdir()] == [hooks.LOCK_NAME]


def test_a_long_failure_is_cut_and_the_next_event_still_runs(companion: Companion, tmp_path: Path) -> None:
    seen = tmp_path / "seen.jsonl"
    # 3 MB on stderr, then a failure: far more than a pipe holds, so it is read while it runs.
    configure(companion, f"cat >> {seen}; head -c 3000000 /dev/zero | tr '\\0' x >&2; exit 5")
    companion.ok("win", "one")
    companion.ok("win", "two")
    log = companion.data / "hooks.log"
    eventually(lambda: len(lines(log)) == 2 and len(lines(seen)) == 2)
    for line in lines(log):
        assert "hook exited 5 for event" in line and "[output cut: 3000000 bytes written" in line


DAEMONS = {
    "setsid, holding stderr": "setsid sleep 300 & echo started >&2",
    "setsid, its output closed, the hook ends well": "setsid sleep 300 >/dev/null 2>&1 & exit 0",
    "a double fork into a new session": "(setsid sh -c 'sleep 300 & sleep 299' &) ; echo forked >&2",
    "in the hook's own group": "sleep 300 & echo grouped >&2",
}


@pytest.mark.parametrize("hook", DAEMONS.values(), ids=DAEMONS.keys())
def test_what_a_hook_leaves_running_is_stopped_at_its_time_limit(companion: Companion, hook: str) -> None:
    configure(companion, hook, timeout_s=1)
    started = time.monotonic()
    companion.ok("win", "a daemon")
    log = companion.data / "hooks.log"
    eventually(lambda: len(lines(log)) == 1)
    assert time.monotonic() - started < 10.0  # not the daemon's 300 s
    assert "hook stopped after 1 s for event" in lines(log)[0]
    assert "what it started was still running" in lines(log)[0]
    eventually(lambda: not list(ours(companion.home)), "a process of the hook was left running")


def test_a_hook_that_ends_with_its_children_is_waited_for_and_not_logged(
    companion: Companion, tmp_path: Path
) -> None:
    seen = tmp_path / "seen"
    configure(companion, f"(sleep 0.3; echo late >> {seen}) & exit 0", timeout_s=10)
    companion.ok("win", "background")
    eventually(lambda: lines(seen) == ["late"] and not list(ours(companion.home)))
    assert not (companion.data / "hooks.log").exists()


def make_fifo(path: Path) -> None:
    os.mkfifo(path, 0o600)


def make_link(path: Path) -> None:
    target = path.parent.parent / "elsewhere.log"
    target.write_text("")
    path.symlink_to(target)


@pytest.mark.parametrize("make", [make_fifo, make_link], ids=["fifo", "link"])
def test_a_hooks_log_that_is_not_a_file_never_blocks_and_is_not_written(
    companion: Companion, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    seen = tmp_path / "seen"
    companion.data.mkdir(mode=0o700, parents=True)
    log = companion.data / "hooks.log"
    make(log)
    configure(companion, f"cat >> {seen}; exit 3")
    companion.ok("log", "no")
    companion.ok("win", "again")
    eventually(lambda: len(lines(seen)) == 3 and not list(ours(companion.home)))
    assert log.is_symlink() or stat.S_ISFIFO(log.lstat().st_mode)  # left as it was
    assert (companion.home / "elsewhere.log").read_text() == "" if log.is_symlink() else True


def test_hooks_log_is_the_reps_alone(companion: Companion) -> None:
    companion.data.mkdir(mode=0o700, parents=True)
    log = companion.data / "hooks.log"
    log.write_text("an older line\n")
    log.chmod(0o644)
    configure(companion, "exit 1")
    companion.ok("win", "x")
    eventually(lambda: len(lines(log)) == 2)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_the_runner_is_the_installed_package_whatever_the_folder(
    companion: Companion, tmp_path: Path
) -> None:
    """A `companion/` folder where `companion log` runs (and in the home folder) is never
    imported by the runner: its code would run with the rep's rights."""
    hostile = tmp_path / "hostile"
    marker = tmp_path / "imported-from-the-folder"
    for package in ("companion", "companion/store"):
        (hostile / package).mkdir(parents=True)
        (hostile / package / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    (hostile / "companion" / "store" / "hook_runner.py").write_text(f"open({str(marker)!r}, 'w')\n")
    seen = tmp_path / "seen"
    configure(companion, f"cat >> {seen}")
    script = Path(sys.executable).parent / "companion"
    argv = [str(script)] if script.exists() else [sys.executable, "-I", "-m", "companion"]
    env = {**child_env(companion.home), "HOME": str(hostile)}
    done = subprocess.run([*argv, "win", "from here"], cwd=hostile, env=env, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    eventually(lambda: len(lines(seen)) == 1 and not list(ours(companion.home)))
    assert not marker.exists()
    assert json.loads(lines(seen)[0])["note"] == "from here"


def test_a_burst_of_a_hundred_loggers_and_the_app_costs_one_runner(
    companion: Companion, tmp_path: Path
) -> None:
    """100 processes fire a call of two events each at one instant, and this one too (the app):
    one runner at a time takes them all, each once, a call's events in their order."""
    seen = tmp_path / "seen.jsonl"
    command = f"cat >> {seen}"
    companion.data.mkdir(mode=0o700, parents=True)
    data = companion.data
    go_read, go_write = os.pipe()
    children = []
    os.environ["COMPANION_HOME"] = str(companion.home)  # the runners' environment names the home
    try:
        for number in range(100):
            pid = os.fork()
            if pid == 0:  # a logger: wait for the start, fire its call, leave
                try:
                    os.close(go_write)
                    os.read(go_read, 1)
                    fire(command, [event(f"{number}/1"), event(f"{number}/2")], data, 20)
                finally:
                    os._exit(0)
            children.append(pid)
        os.write(go_write, b"x" * 100)
        fire(command, [event("app/1"), event("app/2")], data, 20)
        for pid in children:
            os.waitpid(pid, 0)
        most_runners = most_hooks = most_kb = 0
        end = time.monotonic() + 60
        while len(lines(seen)) < 202:
            assert time.monotonic() < end, f"{len(lines(seen))} of 202 events reached the hook"
            found = list(ours(companion.home))
            most_runners = max(most_runners, sum("hook_runner" in line for _, line, _ in found))
            hooks_at_work = {session(pid) for pid, line, _ in found if line.startswith("/bin/sh -c cat")}
            most_hooks = max(most_hooks, len(hooks_at_work - {None}))
            most_kb = max(most_kb, sum(rss for _, _, rss in found))
            time.sleep(0.02)
    finally:
        os.environ.pop("COMPANION_HOME", None)
        os.close(go_read)
        os.close(go_write)
    notes = [json.loads(line)["note"] for line in lines(seen)]
    assert sorted(notes) == sorted([f"{n}/{part}" for n in [*range(100), "app"] for part in (1, 2)])
    for caller in [*map(str, range(100)), "app"]:
        assert [note for note in notes if note.split("/")[0] == caller] == [f"{caller}/1", f"{caller}/2"]
    # One hook at a time; a runner that found the queue empty may still be leaving while the
    # next one starts, never two at work.
    assert most_hooks <= 1 and most_runners <= 2
    assert most_kb < 100_000  # one runner and one hook: tens of MB, not a runner per event
    eventually(lambda: not list(ours(companion.home)))
    assert [path.name for path in (data / hooks.QUEUE_NAME).iterdir()] == [hooks.LOCK_NAME]


def test_a_runner_killed_mid_queue_loses_nothing_and_repeats_only_the_event_in_flight(
    companion: Companion, tmp_path: Path
) -> None:
    """At least once: the event whose hook was running when the runner died runs again (its
    `id` tells), every other exactly once, in order; the hook dies with its runner."""
    seen = tmp_path / "seen.jsonl"
    block = tmp_path / "block"
    block.write_text("")
    command = f"cat >> {seen}; [ -e {block} ] && exec sleep 30; true"
    data = companion.data
    data.mkdir(mode=0o700, parents=True)
    first = [event(f"call/{n}") for n in range(4)]
    os.environ["COMPANION_HOME"] = str(companion.home)
    try:
        fire(command, first, data, 60)
        eventually(lambda: len(lines(seen)) == 1 and len(runners(companion.home)) == 1)
        [runner] = runners(companion.home)
        os.kill(runner, signal.SIGKILL)
        eventually(lambda: not list(ours(companion.home)), "the hook outlived its runner")
        block.unlink()
        later = event("later")
        fire(command, [later], data, 60)
        eventually(lambda: len(lines(seen)) == 6)
    finally:
        os.environ.pop("COMPANION_HOME", None)
    ids = [json.loads(line)["id"] for line in lines(seen)]
    assert ids == [first[0].id, *(e.id for e in first), later.id]


def test_a_queue_another_user_could_write_is_never_run(companion: Companion, tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    data = companion.data
    data.mkdir(mode=0o700, parents=True)
    (data / hooks.QUEUE_NAME).mkdir(mode=0o700)
    (data / hooks.QUEUE_NAME).chmod(0o777)
    configure(companion, f"cat >> {seen}")
    companion.ok("win", "x")
    eventually(lambda: len(lines(data / "hooks.log")) == 1)
    assert "is not a private folder of yours" in lines(data / "hooks.log")[0]
    assert not seen.exists()


def test_a_queued_file_that_is_a_link_or_not_json_is_set_aside_and_said(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    queue = queue_dir(data)
    secret = tmp_path / "secret"
    secret.write_text('{"command": "touch ' + str(tmp_path / "ran") + '", "timeout_s": 1, "event": "{}"}')
    (queue / "00000000000000000001-1-1.event").symlink_to(secret)
    (queue / "00000000000000000002-1-1.event").write_text("not json")
    subprocess.run(runner_argv(data), timeout=30, check=True)
    assert not (tmp_path / "ran").exists()
    log = lines(data / "hooks.log")
    assert len(log) == 2 and all("a queued event could not be read" in line for line in log)
    assert sorted(p.name for p in queue.iterdir() if p.name.endswith(".bad")) == [
        "00000000000000000001-1-1.event.bad",
        "00000000000000000002-1-1.event.bad",
    ]
