"""Polling: what a running app sees of other processes' appends, folds and imports."""

from __future__ import annotations

from pathlib import Path

import pytest

import companion.store.store
from companion.core.outcomes import Outcome
from companion.store.store import Store
from tests.unit.helpers import many, outcome, t
from tests.unit.store_helpers import WINDOW, ids

# -- polling -------------------------------------------------------------------------------


def test_poll_returns_what_another_process_appended(store: Store) -> None:
    mine = outcome(Outcome.NO, t(9))
    store.append([mine])
    cursor = store.load(*WINDOW).cursor
    nothing = store.poll(cursor)
    assert nothing is not None
    assert nothing[0] == []

    theirs = many(Outcome.CALLBACK, 2, t(9, 5))
    Store(store.dir).append(theirs)  # `companion log` in another terminal
    found = store.poll(cursor)
    assert found is not None
    events, cursor = found
    assert events == theirs
    again = store.poll(cursor)
    assert again is not None
    assert again[0] == []


def test_poll_says_reload_after_another_process_folds(store: Store) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    cursor = store.load(*WINDOW).cursor
    other = Store(store.dir)
    other.append([outcome(Outcome.MEETING, t(9, 5))])
    found = store.poll(cursor)
    assert found is not None
    assert len(found[0]) == 1

    other.fold()
    assert store.poll(found[1]) is None
    # A new journal file, longer than where the reader got to in the old one.
    other.append(many(Outcome.VOICEMAIL, 5, t(9, 10)))
    assert store.journal.stat().st_size > found[1].offset
    assert store.poll(found[1]) is None
    assert len(store.load(*WINDOW).events) == 7


def test_poll_says_reload_after_an_import(store: Store) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    cursor = store.load(*WINDOW).cursor
    imported = outcome(Outcome.MEETING, t(8))
    assert Store(store.dir).add([imported]) == 1
    assert store.poll(cursor) is None
    assert imported.id in ids(store.load(*WINDOW).events)


def test_an_import_that_adds_nothing_does_not_force_a_reload(store: Store) -> None:
    known = outcome(Outcome.MEETING, t(8))
    store.add([known])
    cursor = store.load(*WINDOW).cursor
    assert store.add([known]) == 0
    assert store.poll(cursor) is not None


def test_poll_on_a_store_that_never_had_a_journal(store: Store) -> None:
    cursor = store.load(*WINDOW).cursor
    assert store.poll(cursor) == ([], cursor)
    first = outcome(Outcome.NO, t(9))
    Store(store.dir).append([first])
    found = store.poll(cursor)
    assert found is not None
    assert found[0] == [first]


def test_poll_from_an_empty_start_does_not_miss_events_folded_in_between(store: Store) -> None:
    cursor = store.load(*WINDOW).cursor  # the app opened on an empty journal
    other = Store(store.dir)
    logged = outcome(Outcome.NO, t(9))
    other.append([logged])  # `companion log`
    other.fold()  # a second app opening
    other.append([outcome(Outcome.VOICEMAIL, t(9, 1))])  # ...which records its block start
    found = store.poll(cursor)
    assert found is None or logged.id in ids(found[0])


def test_poll_survives_a_fold_that_lands_between_its_looks_at_the_journal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    cursor = store.load(*WINDOW).cursor
    store.append([outcome(Outcome.NO, t(9, 1))])
    real_stat_id = companion.store.store._stat_id

    def then_another_process_folds(path: Path, *, mtime: bool = False) -> tuple[int, int] | None:
        found = real_stat_id(path, mtime=mtime)
        if path == store.journal:
            Store(store.dir).fold()
        return found

    monkeypatch.setattr(companion.store.store, "_stat_id", then_another_process_folds)
    assert store.poll(cursor) is None
