"""The hook runner's pure parts: what of a hook's stderr is kept, and the hooks.log line for
each way a run can end; and the queue's names, which keep a call's events in order."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from companion.store.hook_runner import ASIDE_KEPT_S, Capped, Ran, _sweep, describe
from companion.store.hooks import SUFFIX, enqueue, queue_dir


@given(st.lists(st.binary(max_size=300), max_size=30), st.integers(min_value=0, max_value=2000))
def test_the_first_bytes_are_kept_and_all_are_counted(chunks: list[bytes], keep: int) -> None:
    capped = Capped(keep)
    for chunk in chunks:
        capped.add(chunk)
    whole = b"".join(chunks)
    assert bytes(capped.kept) == whole[:keep] and capped.total == len(whole)


def test_each_ending_has_its_line_and_a_cut_is_said() -> None:
    assert describe(Ran(0, False, b"chatty", 6), 5, "id1", "cmd") is None
    assert describe(Ran(3, False, b"", 0), 5, "id1", "cmd") == "hook exited 3 for event id1: cmd"
    long = describe(Ran(2, False, b"x" * 4096, 10_000_000), 5, "id1", "cmd")
    assert long is not None and long.endswith(
        "[output cut: 10000000 bytes written, the first 300 characters kept]"
    )
    assert (
        describe(Ran(None, False, b"", 0), 1.5, "id1", "sleep 9")
        == "hook stopped after 1.5 s for event id1: sleep 9"
    )
    left = describe(Ran(None, True, b"started\n", 8), 2, "id1", "setsid x &")
    assert left == "hook stopped after 2 s for event id1: what it started was still running (started)"
    bad_bytes = describe(Ran(1, False, b"\xff\x1b[31m", 6), 5, "id1", "cmd")
    assert bad_bytes is not None and "\ufffd" in bad_bytes  # shown() escapes the rest on writing


def test_a_calls_events_sort_in_their_order(tmp_path: Path) -> None:
    queue = queue_dir(tmp_path)
    enqueue(queue, "cmd", 1, [f'{{"id": "{n}"}}' for n in range(12)])
    enqueue(queue, "cmd", 1, ['{"id": "later"}'])
    names = sorted(path.name for path in queue.iterdir() if path.name.endswith(SUFFIX))
    ids = [json.loads(json.loads((queue / name).read_text())["event"])["id"] for name in names]
    assert ids == [*map(str, range(12)), "later"]
    assert not [path for path in queue.iterdir() if path.name.startswith(".")]  # nothing left aside


def test_what_a_killed_logger_left_aside_is_swept_once_an_hour_old(tmp_path: Path) -> None:
    queue = queue_dir(tmp_path)
    old, fresh = queue / f".1{SUFFIX}", queue / f".2{SUFFIX}"
    for path in (old, fresh):
        path.write_text("{")
    os.utime(old, (time.time() - ASIDE_KEPT_S - 5,) * 2)
    _sweep(queue)
    assert not old.exists() and fresh.exists()
