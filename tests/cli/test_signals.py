"""Every signal that ends the app ends it as ctrl+q does (issue 24): the real app in a pty, a
line typed and not entered, then SIGHUP (the window closed), SIGTERM (`kill`) or SIGINT
(`kill -INT`). What is typed is stored as Enter would store it, an open reset is written as
ended (interrupted), keys pressed before are stored, the lock is let go, and the process ends
with 128 + the signal's number. A second signal while that is under way ends it soon after
(SECOND_SIGNAL_GRACE_S): two hangups at once, as a closed window sends, still keep the note."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.core.events import Event, EventKind, RitualEnd
from companion.core.outcomes import Outcome
from companion.tui.app import GONE_AFTER_STORED_S, SECOND_SIGNAL_GRACE_S
from tests.cli.conftest import BASE_CONFIG, Companion, PtyApp, wait_until

PtyStarter = Callable[..., PtyApp]

ENDING = [signal.SIGHUP, signal.SIGTERM, signal.SIGINT]
IDS = ["hup", "term", "int"]
# The long reset straight at its Story step, which lasts: the story is typed in a real process
# without waiting out the first two steps.
STORY_AT_ONCE = BASE_CONFIG + "[ritual]\nperspective_s = 0\nso_what_s = 0\nstory_s = 600\n"
NOTE = "asked for the decision maker, got Ünïcode"
STORY = "they never buy from us anyway"
SECOND_WITHIN_S = SECOND_SIGNAL_GRACE_S + 1.5  # after a second signal, the process is gone


def wait_ready(app: PtyApp) -> None:
    app.wait_for(r"Dials")
    app.wait_for(r"Block \d+:\d\d")


def kinds(events: list[Event], kind: EventKind) -> list[Event]:
    return [e for e in events if e.kind is kind]


def type_text(app: PtyApp, text: str) -> None:
    """Type `text` and wait until the box shows it (each key reached the app)."""
    mark = app.mark()
    app.send(text.encode())
    app.wait_for(text[-12:], since=mark)


def typed_note(app: PtyApp, companion: Companion, text: str = NOTE) -> Event:
    """A voicemail logged, then `t` and a note typed on it, not entered: the voicemail."""
    wait_ready(app)
    mark = app.mark()
    app.send(b"v")
    app.wait_for(r"\d\d:\d\d  voicemail", since=mark)  # in Recent: the app has it
    wait_until(lambda: len(companion.outcome_lines()) == 1, 10, "the voicemail in the journal")
    mark = app.mark()
    app.send(b"t")
    app.wait_for(r"Note on the voicemail", since=mark)
    type_text(app, text)
    [voicemail] = kinds(companion.all_events(), EventKind.OUTCOME)
    assert kinds(companion.all_events(), EventKind.TAG) == []  # typing alone stores nothing
    return voicemail


def the_lock_is_free(companion: Companion) -> None:
    """Another process can store at once: the app let go of everything it held."""
    companion.ok("log", "meeting")
    assert [e.outcome for e in kinds(companion.all_events(), EventKind.OUTCOME)][-1] is Outcome.MEETING


@pytest.mark.slow
@pytest.mark.parametrize("number", ENDING, ids=IDS)
def test_a_signal_keeps_a_note_typed_with_t(companion: Companion, pty_app: PtyStarter, number: int) -> None:
    companion.write_config(BASE_CONFIG + "[ritual]\nafter = []\n")
    app = pty_app()
    voicemail = typed_note(app, companion)
    app.signal(number)
    assert app.wait_exit() == 128 + number
    [tag] = kinds(companion.all_events(), EventKind.TAG)
    assert (tag.target, tag.note) == (voicemail.id, NOTE)
    the_lock_is_free(companion)


@pytest.mark.slow
@pytest.mark.parametrize("number", ENDING, ids=IDS)
def test_a_signal_keeps_a_story_typed_in_a_long_reset_and_ends_the_reset(
    companion: Companion, pty_app: PtyStarter, number: int
) -> None:
    companion.write_config(STORY_AT_ONCE)
    app = pty_app()
    wait_ready(app)
    mark = app.mark()
    app.send(b"N")
    app.wait_for(r"Story", since=mark)
    app.wait_for(r"no words needed", since=mark)  # the box is open
    type_text(app, STORY)
    app.signal(number)
    assert app.wait_exit() == 128 + number
    events = companion.all_events()
    [no] = kinds(events, EventKind.OUTCOME)
    [tag] = kinds(events, EventKind.TAG)
    [ritual] = kinds(events, EventKind.RITUAL)
    assert (no.outcome, no.hard) == (Outcome.NO, True)
    assert (tag.target, tag.story) == (no.id, STORY)
    assert (ritual.target, ritual.ritual) == (no.id, RitualEnd.INTERRUPTED)
    assert events.index(tag) < events.index(ritual)  # the story first, then the quit's ending
    the_lock_is_free(companion)


@pytest.mark.slow
@pytest.mark.parametrize("hangups", [0, 1, 2], ids=["vanished", "hangup", "two-hangups"])
def test_a_closed_window_keeps_the_note_too(companion: Companion, pty_app: PtyStarter, hangups: int) -> None:
    """The real thing: the terminal goes away (nothing can be drawn or read), then no hangup
    (the app was not its session's leader: it notices by itself), one, or two at once (the
    shell passes its own on as the kernel sends one)."""
    companion.write_config(BASE_CONFIG + "[ritual]\nafter = []\n")
    app = pty_app()
    voicemail = typed_note(app, companion, "the window closed on this one")
    app.close_terminal()
    for _ in range(hangups):
        app.signal(signal.SIGHUP)
    # (with a hangup: 129, unless the app noticed the closed terminal before the signal came)
    assert app.wait_exit() in ({0} if hangups == 0 else {0, 128 + signal.SIGHUP})
    [tag] = kinds(companion.all_events(), EventKind.TAG)
    assert (tag.target, tag.note) == (voicemail.id, "the window closed on this one")
    the_lock_is_free(companion)


@pytest.mark.slow
def test_ctrl_q_keeps_a_note_typed_with_t(companion: Companion, pty_app: PtyStarter) -> None:
    companion.write_config(BASE_CONFIG + "[ritual]\nafter = []\n")
    app = pty_app()
    voicemail = typed_note(app, companion)
    app.send(b"\x11")  # ctrl+q
    assert app.wait_exit() == 0
    [tag] = kinds(companion.all_events(), EventKind.TAG)
    assert (tag.target, tag.note) == (voicemail.id, NOTE)


# A disk that hangs on the note's write: the first signal's quit waits (up to the runner's
# stop wait); the second must not.
STUCK_NOTE = """
import os, sys, threading
from pathlib import Path
from companion.core.events import EventKind
from companion.store.store import Store

real = Store.append

def append(self, events):
    if any(e.kind is EventKind.TAG for e in events):
        Path(os.environ["STUCK_MARK"]).touch()
        threading.Event().wait()  # a stuck disk: this write never ends
    real(self, events)

Store.append = append
from companion.__main__ import main
sys.exit(main([]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [(signal.SIGHUP, signal.SIGHUP), (signal.SIGTERM, signal.SIGINT), (signal.SIGINT, signal.SIGTERM)],
    ids=["hup-hup", "term-int", "int-term"],
)
def test_a_second_signal_ends_a_quit_stuck_on_the_disk_at_once(
    companion: Companion, companion_home: Path, tmp_path: Path, first: int, second: int
) -> None:
    companion.write_config(BASE_CONFIG + "[ritual]\nafter = []\n")
    script = tmp_path / "stuck_note.py"
    script.write_text(STUCK_NOTE, encoding="utf-8")
    stuck = tmp_path / "stuck"
    app = PtyApp(companion_home, program=(str(script),), env={"STUCK_MARK": str(stuck)}).start()
    try:
        typed_note(app, companion)
        app.signal(first)
        wait_until(stuck.exists, 10, "the quit stuck on the note's write")
        assert app.process is not None and app.process.poll() is None, "the stuck write was not waited for"
        sent = time.monotonic()
        app.signal(second)
        assert app.wait_exit(timeout=SECOND_WITHIN_S + 5) == 128 + second
        assert time.monotonic() - sent < SECOND_WITHIN_S
    finally:
        app.close()
    # What was stored before is all there, every line whole; the stuck note never was.
    assert [line["outcome"] for line in companion.outcome_lines()] == ["voicemail"]
    assert kinds(companion.all_events(), EventKind.TAG) == []
    the_lock_is_free(companion)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux, the terminal a rep closes")
def test_a_tmux_server_closed_over_an_open_note_box_ends_the_app_and_keeps_the_note(
    companion: Companion,
) -> None:
    """A fresh home in tmux (the warm-up greets the day; Esc closes it), a callback, a note
    being typed, then tmux goes away: the note is stored and the process ends. (Textual's
    goodbye to the gone terminal could wait for good: the app ends within
    GONE_AFTER_STORED_S once everything is stored.) Started as a rep starts it, with the
    tmux server's own environment and configuration: the bare test environment (child_env,
    `-f /dev/null`) did not show the hang."""
    server = f"companion-test-{os.getpid()}"
    command = shlex.join(["env", f"COMPANION_HOME={companion.home}", sys.executable, "-m", "companion"])
    tmux = ["tmux", "-L", server]
    subprocess.run([*tmux, "new-session", "-d", "-x", "60", "-y", "24", command], check=True)
    try:
        wait_until(lambda: _pane_has(tmux, "Warm-up"), 20, "the warm-up")
        for keys in (["Escape"], ["b"], ["t"], ["-l", "call back Tue"]):
            subprocess.run([*tmux, "send-keys", *keys], check=True)
            time.sleep(0.6)
        app = _app_pid(companion.home)
        subprocess.run([*tmux, "kill-server"], check=False)
        wait_until(lambda: _ended(app), GONE_AFTER_STORED_S + 10, "the app's end")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
        with contextlib.suppress(ProcessLookupError, NameError):
            os.kill(app, signal.SIGKILL)  # a hung app is not left behind when this fails
    [tag] = kinds(companion.all_events(), EventKind.TAG)
    assert tag.note == "call back Tue"
    the_lock_is_free(companion)


def _pane_has(tmux: list[str], text: str) -> bool:
    shown = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=False)
    return text in shown.stdout


def _app_pid(home: Path) -> int:
    mine = f"COMPANION_HOME={home}".encode()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if mine in (proc / "environ").read_bytes().split(b"\0"):
                    return int(proc.name)
            except OSError:
                continue
    raise AssertionError("no app process for this home")


def _ended(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True  # gone
