"""Hooks from the app: its own calls reach the hook once each (a call it only read from the
journal is the writer's to hand on), and a failing hook is said on screen once a run."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import replace
from pathlib import Path

from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.paths import shown_path
from tests.conftest import START
from tests.tui.conftest import poll, press, running, said, screen_text

DEADLINE_S = 15.0


def wait_for(done: object) -> None:
    end = time.monotonic() + DEADLINE_S
    while not done():  # type: ignore[operator]
        assert time.monotonic() < end, "the hook never got there"
        time.sleep(0.05)


def count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


async def test_the_app_hands_on_only_what_it_stored_and_says_a_failure_once(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    seen = tmp_path / "seen.jsonl"
    hooked = replace(ctx, config=replace(ctx.config, on_event=f"cat >> {seen}"))
    async with running(hooked) as (app, pilot):
        await press(pilot, "v")
        wait_for(lambda: count(seen) == 2)  # the call and the block it starts (opening starts none)
        other = Context.open(ctx.paths, clock=ctx.clock)  # `companion log` in another terminal
        other.store.append([make_event(EventKind.OUTCOME, START, outcome=Outcome.MEETING, source="cli")])
        await poll(pilot)
        time.sleep(0.3)
        assert count(seen) == 2  # read, not stored, here: never handed on twice
    failing = replace(ctx, config=replace(ctx.config, on_event="exit 4"))
    log = ctx.paths.data_dir / "hooks.log"
    async with running(failing) as (app, pilot):
        await poll(pilot)  # the log's size before anything fails
        before = count(log)
        await press(pilot, "a", "a")
        wait_for(lambda: count(log) == before + 2)
        await poll(pilot)
        # Where the log is, said in full (COMPANION_HOME is the test's own folder).
        assert screen_text(app, ("status",)) == f"A hook failed: see {shown_path(log)}"
        await press(pilot, "v")
        wait_for(lambda: count(log) == before + 3)
        await poll(pilot)
        assert said(app, "status").startswith("Logged voicemail")  # said once a run, not again


async def test_a_hooks_log_that_is_a_fifo_is_said_once_and_never_blocks(ctx: Context, tmp_path: Path) -> None:
    seen = tmp_path / "seen.jsonl"
    log = ctx.paths.data_dir / "hooks.log"
    os.mkfifo(log, 0o600)
    failing = replace(ctx, config=replace(ctx.config, on_event=f"cat >> {seen}; exit 4"))
    async with running(failing) as (app, pilot):
        await press(pilot, "v")
        wait_for(lambda: count(seen) == 2)  # the hook ran; its failure had nowhere to go
        await poll(pilot)
        said_first = screen_text(app, ("status",))
        assert said_first == f"Hook failures cannot be written: hooks.log is a FIFO: see {shown_path(log)}"
        await press(pilot, "a")
        wait_for(lambda: count(seen) == 3)
        await poll(pilot)
        assert said(app, "status").startswith("Logged")  # said once a run, not again
    assert stat.S_ISFIFO(log.lstat().st_mode)  # left as it was
