"""The store's journal: durable appends, private files, torn lines, a full disk, a busy lock,
and imports de-duplicated by id."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import companion.store.store
from companion.core.outcomes import Outcome
from companion.errors import CompanionError
from companion.store.journal import encode
from companion.store.lock import held
from companion.store.store import Store
from tests.unit.helpers import many, outcome, t
from tests.unit.store_helpers import MONTH, TORN, WINDOW, archive_docs, fd_path, ids, needs_proc

# -- appending -----------------------------------------------------------------------------


def test_an_appended_event_is_read_back_by_another_store_on_the_same_folder(store: Store) -> None:
    first = outcome(Outcome.NO, t(9), note="[bold]not now[/bold]", reason="budget")
    second = outcome(Outcome.MEETING, t(9, 5))
    store.append([first])
    store.append([second])
    loaded = Store(store.dir).load(*WINDOW)
    assert sorted(loaded.events, key=lambda e: e.at) == [first, second]
    assert loaded.notices == []
    lines = store.journal.read_bytes().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [first.id, second.id]
    assert all(json.loads(line)["v"] == 1 for line in lines)


@needs_proc
def test_append_fsyncs_the_journal_before_it_returns(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd_path(fd))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    store.append([outcome(Outcome.NO, t(9))])
    assert str(store.journal) in synced


def test_load_only_returns_events_inside_the_window(store: Store) -> None:
    inside = outcome(Outcome.NO, t(9))
    before = outcome(Outcome.NO, WINDOW[0] - timedelta(microseconds=1))
    at_end = outcome(Outcome.NO, WINDOW[1])
    store.append([inside, before, at_end])
    assert ids(store.load(*WINDOW).events) == [inside.id]


@pytest.fixture
def no_umask() -> Iterator[None]:
    """Permissions must come from the code, not from a friendly umask."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("no_umask")
@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_files_are_private_to_the_user_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        store = Store(tmp_path / "missing" / "parents" / "data").prepare()
        store.append([outcome(Outcome.NO, t(9))])
        store.fold()
        store.add([outcome(Outcome.MEETING, t(11))])
        store.append([outcome(Outcome.NO, t(10))])
    finally:
        os.umask(old)
    dirs = [tmp_path / "missing", tmp_path / "missing" / "parents"]
    files = [p for p in store.dir.rglob("*") if p.is_file()]
    dirs += [store.dir, *(p for p in store.dir.rglob("*") if p.is_dir())]
    assert {p.name for p in files} >= {"journal.jsonl", f"{MONTH}.json", "generation"}
    assert any(p.parent == store.history for p in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for path in dirs:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


# -- a torn last line ----------------------------------------------------------------------


def test_a_torn_last_line_is_skipped_kept_and_the_next_append_still_reads(store: Store) -> None:
    first = outcome(Outcome.NO, t(9))
    store.append([first])
    with store.journal.open("ab") as journal:  # a writer killed half-way through a line
        journal.write(TORN)

    assert ids(store.load(*WINDOW).events) == [first.id]
    assert store.journal.read_bytes().endswith(TORN)

    second = outcome(Outcome.MEETING, t(9, 5))
    store.append([second])
    loaded = Store(store.dir).load(*WINDOW)
    assert ids(loaded.events) == ids([first, second])
    assert TORN + b"\n" in store.journal.read_bytes()  # kept, as a line of its own
    assert len(loaded.notices) == 1
    assert "1 unreadable line" in loaded.notices[0]
    assert str(store.journal) in loaded.notices[0]


def test_a_poller_reads_past_a_torn_line_once_the_next_event_arrives(store: Store) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    cursor = store.load(*WINDOW).cursor
    with store.journal.open("ab") as journal:
        journal.write(TORN)
    found = store.poll(cursor)
    assert found is not None
    assert found[0] == []
    later = outcome(Outcome.CALLBACK, t(9, 5))
    Store(store.dir).append([later])
    found = store.poll(found[1])
    assert found is not None
    assert found[0] == [later]


def test_a_torn_line_is_kept_in_the_journal_history_after_a_fold(store: Store) -> None:
    first = outcome(Outcome.NO, t(9))
    store.append([first])
    with store.journal.open("ab") as journal:
        journal.write(TORN)
    assert store.fold() == 1
    (piece,) = store.history.iterdir()
    assert piece.read_bytes().endswith(TORN)
    assert ids(store.load(*WINDOW).events) == [first.id]


def test_a_line_still_being_written_is_read_once_it_is_whole(store: Store) -> None:
    cursor = store.load(*WINDOW).cursor
    late = outcome(Outcome.MEETING, t(9))
    line = encode(late)
    with store.journal.open("ab") as journal:  # another process, part-way through its write
        journal.write(line[:20])
    found = store.poll(cursor)
    assert found is not None
    assert found[0] == []
    with store.journal.open("ab") as journal:
        journal.write(line[20:])
    found = store.poll(found[1])
    assert found is not None
    assert found[0] == [late]


# -- a full disk ---------------------------------------------------------------------------


@needs_proc
@pytest.mark.parametrize("torn_before", [False, True], ids=["clean-journal", "after-a-torn-line"])
def test_a_full_disk_part_way_through_an_append_leaves_no_partial_line(
    store: Store, monkeypatch: pytest.MonkeyPatch, torn_before: bool
) -> None:
    kept = outcome(Outcome.NO, t(9))
    store.append([kept])
    if torn_before:
        with store.journal.open("ab") as journal:
            journal.write(TORN)
    before = store.journal.read_bytes()
    real_write = os.write
    writes: list[int] = []

    def disk_fills_up(fd: int, data: Any) -> int:
        if not fd_path(fd).endswith("journal.jsonl"):
            return real_write(fd, data)
        writes.append(len(data))
        if len(writes) == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    lost = many(Outcome.MEETING, 3, t(9, 5))
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", disk_fills_up)
        with pytest.raises(OSError) as caught:
            store.append(lost)
    assert caught.value.errno == errno.ENOSPC
    assert len(writes) == 2  # it really did write half before the disk filled
    assert store.journal.read_bytes() == before

    after = outcome(Outcome.CALLBACK, t(9, 10))
    store.append([after])
    loaded = Store(store.dir).load(*WINDOW)
    assert ids(loaded.events) == ids([kept, after])


# -- imports -------------------------------------------------------------------------------


def test_add_dedupes_by_id(store: Store) -> None:
    a, b, c = many(Outcome.NO, 3, t(9))
    assert store.add([a, b]) == 2
    assert store.add([b, c]) == 1
    assert store.add([a, b, c]) == 0
    assert store.add([c, c]) == 0
    d = outcome(Outcome.MEETING, t(10))
    assert store.add([d, d]) == 1
    assert len(archive_docs(store)) == 4
    assert ids(store.all_events()[0]) == ids([a, b, c, d])


def test_an_event_both_logged_and_imported_is_stored_once(store: Store) -> None:
    e = outcome(Outcome.NO, t(9))
    store.append([e])
    store.add([e])
    store.fold()
    assert len(archive_docs(store)) == 1
    assert ids(store.load(*WINDOW).events) == [e.id]


def test_add_spreads_events_over_their_months(store: Store) -> None:
    october = outcome(Outcome.NO, datetime(2026, 10, 5, 9, tzinfo=UTC))
    november = outcome(Outcome.NO, t(9))
    assert store.add([november, october]) == 2
    assert store.archive.months() == ["2026-10", MONTH]


# -- a busy lock ---------------------------------------------------------------------------


def test_a_lock_held_too_long_is_one_clear_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(companion.store.store, "LOCK_TIMEOUT_S", 0.05)
    store = Store(tmp_path / "data").prepare()
    with held(store.dir / "journal.lock", 1.0), pytest.raises(CompanionError) as caught:
        store.append([outcome(Outcome.NO, t(9))])
    assert "nothing was written" in str(caught.value)
    assert not store.journal.exists()


def test_a_large_journal_is_folded_by_the_next_reader_and_nothing_is_lost(tmp_path: Path) -> None:
    store = Store(tmp_path / "data").prepare()
    calls = [outcome(Outcome.NO, t(9, minute=i % 60)) for i in range(40)]
    for call in calls:
        store.append([call])
    store.fold_if_large(max_bytes=10**9)
    assert store.journal.stat().st_size > 0  # small: left alone
    store.fold_if_large(max_bytes=100)
    assert not store.journal.exists()
    assert ids(store.load(*WINDOW).events) == ids(calls)


def test_a_wanted_filter_skips_archived_documents_unparsed(store: Store) -> None:
    no, voicemail = outcome(Outcome.NO, t(9)), outcome(Outcome.VOICEMAIL, t(9, 1))
    store.add([no, voicemail])
    assert {e.id for e in store.load(*WINDOW).events} == {no.id, voicemail.id}
    kept = store.load(*WINDOW, wanted=lambda doc: doc.get("outcome") == "no").events
    assert [e.id for e in kept] == [no.id]
