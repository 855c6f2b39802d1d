"""Folding the journal into the monthly TinyDB archive, and recovering a damaged month."""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import companion.store.files
from companion.core.outcomes import Outcome
from companion.store.archive import month_key, months_between
from companion.store.store import Store
from tests.unit.helpers import DAY, many, outcome, t
from tests.unit.store_helpers import MONTH, WINDOW, archive_docs, ids

# -- folding -------------------------------------------------------------------------------


def test_fold_moves_the_journal_into_the_monthly_archive_and_keeps_the_piece(store: Store) -> None:
    events = many(Outcome.NO_ANSWER, 5, t(9))
    store.append(events[:2])
    store.append(events[2:])
    journal_bytes = store.journal.read_bytes()

    assert store.fold() == 5

    assert not store.journal.exists() or store.journal.stat().st_size == 0
    assert sorted(d["id"] for d in archive_docs(store)) == ids(events)
    assert store.archive.months() == [MONTH]
    (piece,) = store.history.iterdir()
    assert piece.read_bytes() == journal_bytes
    assert list(store.folding.iterdir()) == []
    assert ids(Store(store.dir).load(*WINDOW).events) == ids(events)


def test_events_are_archived_by_their_utc_month(store: Store) -> None:
    # 00:30 on 1 December in Berlin is still November in UTC.
    late_december = outcome(Outcome.NO, datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    just_december = outcome(Outcome.NO, t(0, 30, day=DAY.replace(day=1, month=12)))
    store.append([late_december, just_december])
    store.fold()
    assert store.archive.months() == ["2026-11", "2026-12"]
    assert [d["id"] for d in archive_docs(store, "2026-11")] == [just_december.id]
    assert [d["id"] for d in archive_docs(store, "2026-12")] == [late_december.id]
    assert month_key(just_december.at) == "2026-11"


def test_months_between_lists_every_month_touched() -> None:
    start = datetime(2026, 11, 15, tzinfo=UTC)
    assert months_between(start, datetime(2027, 2, 1, tzinfo=UTC)) == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    assert months_between(start, start) == ["2026-11"]


def test_fold_twice_adds_nothing_the_second_time(store: Store) -> None:
    events = many(Outcome.VOICEMAIL, 4, t(9))
    store.append(events)
    assert store.fold() == 4
    assert store.fold() == 0
    assert len(archive_docs(store)) == 4
    assert len(list(store.history.iterdir())) == 1


def test_a_piece_folded_again_after_a_crash_adds_no_duplicates(store: Store) -> None:
    events = many(Outcome.NO, 3, t(9))
    store.append(events)
    store.fold()
    # A crash after writing the archive but before the piece left folding/: it is folded again.
    (piece,) = store.history.iterdir()
    store.folding.mkdir(exist_ok=True)
    shutil.copy(piece, store.folding / piece.name)
    assert store.fold() == 0
    assert len(archive_docs(store)) == 3
    assert ids(store.load(*WINDOW).events) == ids(events)


def test_events_waiting_in_folding_are_read_by_load(store: Store) -> None:
    events = many(Outcome.NO, 2, t(9))
    store.append(events)
    store.folding.mkdir()
    os.replace(store.journal, store.folding / "20261123T090000000000-1.jsonl")
    assert ids(store.load(*WINDOW).events) == ids(events)
    assert ids(store.all_events()[0]) == ids(events)


def test_fold_then_more_appends_are_all_read_once(store: Store) -> None:
    first = many(Outcome.NO, 3, t(9))
    later = many(Outcome.MEETING, 2, t(10))
    store.append(first)
    store.fold()
    store.append(later)
    store.append(first[:1])  # the same event logged twice still counts once
    assert ids(store.load(*WINDOW).events) == ids(first + later)
    everything, notices = store.all_events()
    assert ids(everything) == ids(first + later)
    assert notices == []


# -- a damaged archive ---------------------------------------------------------------------


@pytest.fixture
def frozen_aside_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every move-aside happens in the same second, so names would clash if not made unique."""

    class SameSecond(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> SameSecond:
            return cls(2026, 11, 23, 9, 0, 0, tzinfo=UTC)

    monkeypatch.setattr(companion.store.files, "datetime", SameSecond)


def corrupt(store: Store, garbage: bytes) -> None:
    store.archive.path(MONTH).write_bytes(garbage)


def aside_files(store: Store) -> list[Path]:
    return sorted(p for p in store.archive.directory.iterdir() if p.name.startswith(f"{MONTH}.json."))


def test_a_corrupt_month_is_moved_aside_and_rebuilt_from_the_journal_history(store: Store) -> None:
    events = many(Outcome.NO, 4, t(9))
    store.append(events)
    store.fold()
    garbage = b'{"events": {"1": {"v": 1, "id": "'
    corrupt(store, garbage)

    loaded = store.load(*WINDOW)

    assert ids(loaded.events) == ids(events)
    (moved,) = aside_files(store)
    assert moved.read_bytes() == garbage
    assert "damaged" in moved.name
    assert len(loaded.notices) == 1
    assert str(moved) in loaded.notices[0]
    assert f"{MONTH}.json" in loaded.notices[0]
    assert sorted(d["id"] for d in archive_docs(store)) == ids(events)
    assert stat.S_IMODE(store.archive.path(MONTH).stat().st_mode) == 0o600


@pytest.mark.usefixtures("frozen_aside_stamp")
def test_a_month_damaged_twice_in_one_second_never_overwrites_the_first_copy(store: Store) -> None:
    store.append(many(Outcome.NO, 2, t(9)))
    store.fold()
    corrupt(store, b"first damage")
    store.load(*WINDOW)
    corrupt(store, b"second damage")
    notices = store.load(*WINDOW).notices

    copies = {path.read_bytes(): path for path in aside_files(store)}
    assert set(copies) == {b"first damage", b"second damage"}
    assert len(notices) == 1
    assert str(copies[b"second damage"]) in notices[0]
    assert len(archive_docs(store)) == 2


def test_a_corrupt_month_found_while_folding_is_rebuilt_and_the_new_events_kept(store: Store) -> None:
    earlier = many(Outcome.NO, 2, t(9))
    store.append(earlier)
    store.fold()
    corrupt(store, b"\x00\x00\x00")
    newer = outcome(Outcome.MEETING, t(10))
    store.append([newer])
    store.fold()
    assert len(aside_files(store)) == 1
    assert sorted(d["id"] for d in archive_docs(store)) == ids([*earlier, newer])


def test_a_corrupt_month_found_while_folding_is_reported(store: Store) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    store.fold()
    corrupt(store, b"not json")
    store.append([outcome(Outcome.NO, t(10))])
    store.fold()  # what the app does first when it opens
    (moved,) = aside_files(store)
    notices = store.load(*WINDOW).notices
    assert any(str(moved) in notice for notice in notices)


def test_an_archive_that_is_json_but_not_a_tinydb_file_counts_as_corrupt(store: Store) -> None:
    store.append([outcome(Outcome.NO, t(9))])
    store.fold()
    corrupt(store, b"[1, 2, 3]")
    assert len(store.load(*WINDOW).events) == 1
    assert len(aside_files(store)) == 1


def test_unreadable_documents_inside_a_month_are_skipped_with_a_notice(store: Store) -> None:
    good = outcome(Outcome.NO, t(9))
    store.append([good])
    store.fold()
    data = json.loads(store.archive.path(MONTH).read_bytes())
    data["events"]["99"] = {"v": 1, "id": "x", "kind": "outcome"}  # no time, no outcome
    store.archive.path(MONTH).write_text(json.dumps(data))
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == [good.id]
    assert any("1 unreadable event" in n for n in loaded.notices)


# -- reading a window ----------------------------------------------------------------------

WINDOW_START = datetime(2026, 11, 21, 5, 0, tzinfo=UTC)  # far from UTC midnight: the date margin matters
WINDOW_END = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-5 * 24 * 60, 10 * 24 * 60), st.integers(-14 * 4, 14 * 4)),
        min_size=1,
        max_size=40,
    )
)
def test_a_window_read_finds_exactly_the_events_inside_it_whatever_their_offset(
    tmp_path_factory: pytest.TempPathFactory, moments: list[tuple[int, int]]
) -> None:
    """The read skips most of a month by the date written at the front of each time; on any
    clock from UTC-14 to UTC+14, that never loses an event inside the window."""
    store = Store(tmp_path_factory.mktemp("data")).prepare()
    events = []
    for minutes, quarters in moments:
        instant = WINDOW_START + timedelta(minutes=minutes)
        at = instant.astimezone(timezone(timedelta(minutes=15 * quarters)))
        events.append(outcome(Outcome.VOICEMAIL, at))
    store.add(events)
    inside = [e for e in events if WINDOW_START <= e.at < WINDOW_END]
    found = store.load(WINDOW_START, WINDOW_END).events
    assert ids(found) == ids(inside)


# -- a key or an id written twice ------------------------------------------------------------


def month_text(*pairs: tuple[str, dict[str, Any]], table: str = "events") -> str:
    """A month file's text with its documents under the keys given, a key repeated if asked:
    what a plain JSON writer never makes, and a plain JSON reader silently halves."""
    docs = ",".join(f"{json.dumps(key)}:{json.dumps(doc)}" for key, doc in pairs)
    return f'{{"{table}":{{{docs}}}}}'


def twice_folded(store: Store, n: int = 3) -> tuple[list[Any], list[dict[str, Any]]]:
    events = many(Outcome.NO, n, t(9))
    store.append(events)
    store.fold()
    return events, archive_docs(store)


def test_a_key_written_twice_in_a_month_drops_no_call(store: Store) -> None:
    events, docs = twice_folded(store)
    crafted = month_text(("1", docs[0]), ("1", docs[1]), ("2", docs[2]))
    store.archive.path(MONTH).write_text(crafted)

    loaded = store.load(*WINDOW)

    assert ids(loaded.events) == ids(events)  # the history holds the call the key hid
    (notice,) = loaded.notices
    assert notice.startswith(f"{MONTH}.json: 1 key(s) or id(s) written twice")
    assert "rebuilt with 3 event(s), 1 from the journal history" in notice
    (moved,) = aside_files(store)
    assert moved.read_text() == crafted and str(moved) in notice
    assert sorted(d["id"] for d in archive_docs(store)) == ids(events)
    assert store.load(*WINDOW).notices == []  # rebuilt once, whole


def test_an_id_written_twice_in_a_month_drops_no_call(store: Store) -> None:
    events, docs = twice_folded(store, 4)
    stolen = {**docs[2], "id": docs[1]["id"]}  # the third call under the second one's id
    store.archive.path(MONTH).write_text(
        month_text(*((str(n + 1), d) for n, d in enumerate([*docs[:2], stolen, docs[3]])))
    )

    everything, notices = store.all_events()

    assert ids(everything) == ids(events)
    assert [e.note for e in sorted(everything, key=lambda e: e.id)] == [
        e.note for e in sorted(events, key=lambda e: e.id)
    ]  # each call as it was logged: the history's copy, not the one under a stolen id
    assert len(notices) == 1 and "written twice" in notices[0]


def test_a_table_written_twice_drops_no_call(store: Store) -> None:
    events, docs = twice_folded(store, 2)
    first, second = month_text(("1", docs[0])), month_text(("2", docs[1]))
    store.archive.path(MONTH).write_text(first[:-1] + "," + second[1:])  # {"events":{..},"events":{..}}
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    assert "written twice" in loaded.notices[0]


def test_a_key_written_twice_without_the_history_is_said_and_every_copy_kept(store: Store) -> None:
    events, docs = twice_folded(store)
    shutil.rmtree(store.history)  # the history lost too: the month cannot be made whole
    crafted = month_text(("1", docs[0]), ("1", docs[1]), ("2", docs[2]))
    store.archive.path(MONTH).write_text(crafted)

    loaded = store.load(*WINDOW)

    assert ids(loaded.events) == sorted([docs[1]["id"], docs[2]["id"]])  # a plain read's pick
    assert len(events) == 3
    (notice,) = loaded.notices
    assert "1 key(s) or id(s) written twice (2 distinct event(s) kept)" in notice
    assert "0 from the journal history" in notice
    (moved,) = aside_files(store)
    assert moved.read_text() == crafted  # the dropped call's bytes are kept, and named
    assert str(moved) in notice


def test_a_fold_into_a_month_with_a_key_twice_never_writes_the_hidden_call_away(store: Store) -> None:
    events, docs = twice_folded(store)
    store.archive.path(MONTH).write_text(month_text(("1", docs[0]), ("1", docs[1]), ("2", docs[2])))
    later = outcome(Outcome.MEETING, t(11))
    store.append([later])
    assert store.fold() == 1
    assert sorted(d["id"] for d in archive_docs(store)) == ids([*events, later])
    assert any("written twice" in notice for notice in store.load(*WINDOW).notices)


def test_a_month_read_counts_keys_and_ids_written_twice(store: Store) -> None:
    _, docs = twice_folded(store)
    store.archive.path(MONTH).write_text(
        month_text(("1", docs[0]), ("1", docs[1]), ("2", docs[2]), ("3", {**docs[1], "id": docs[2]["id"]}))
    )
    found = store.archive.read(MONTH)
    assert (len(found.events), found.bad, found.twice) == (3, 0, 2)
    assert store.archive.read("2026-10") == ([], 0, 0)


@settings(max_examples=15, deadline=None)
@given(
    st.integers(2, 6).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.booleans()), min_size=1, max_size=4
            ),
        )
    )
)
def test_whatever_is_written_twice_in_a_month_every_call_reads_back(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[int, list[tuple[int, int, bool]]]
) -> None:
    """Doc i written under doc j's key, or carrying doc j's id: every call still reads back
    (the history holds each), and the month is said to have been rebuilt."""
    n, crossings = case
    store = Store(tmp_path_factory.mktemp("data")).prepare()
    events = [outcome(Outcome.NO, t(9, minute), note=f"call {minute}") for minute in range(n)]
    store.append(events)
    store.fold()
    docs = archive_docs(store)
    pairs = [(str(k + 1), dict(doc)) for k, doc in enumerate(docs)]
    for i, j, by_key in crossings:
        if i == j:
            continue
        if by_key:
            pairs[i] = (pairs[j][0], pairs[i][1])
        else:
            pairs[i] = (pairs[i][0], {**pairs[i][1], "id": docs[j]["id"]})
    store.archive.path(MONTH).write_text(month_text(*pairs))
    twice = len(pairs) - len({key for key, _ in pairs}) + len(pairs) - len({doc["id"] for _, doc in pairs})
    assume(twice > 0)  # ids swapped whole are no duplicate: nothing is dropped there
    loaded = store.load(*WINDOW)
    assert sorted((e.id, e.note) for e in loaded.events) == sorted((e.id, e.note) for e in events)
    (notice,) = loaded.notices
    assert "written twice" in notice


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9997, 11, 1)),
    st.lists(
        st.tuples(st.integers(0, 24 * 40), st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59)),
        min_size=1,
        max_size=25,
    ),
)
def test_an_import_files_each_event_in_its_month_in_utc(
    tmp_path_factory: pytest.TempPathFactory, base: datetime, moments: list[tuple[int, int]]
) -> None:
    """Staging skips the UTC conversion away from a month's ends: every event still lands in
    the month month_key gives it, whatever its offset, its neighbours in the same month too."""
    store = Store(tmp_path_factory.mktemp("staged") / "data").prepare()
    events = [
        outcome(
            Outcome.NO, (base + timedelta(hours=hours)).replace(tzinfo=timezone(timedelta(minutes=minutes)))
        )
        for hours, minutes in moments
    ]
    staging = store.stage()
    try:
        for event in events:
            staging.put(event)
        staging.seal()
        filed = {
            json.loads(line)["id"]: part.stem
            for part in staging.folder.iterdir()
            if part.suffix == ".jsonl"
            for line in part.read_text(encoding="utf-8").splitlines()
        }
    finally:
        staging.close()
    assert filed == {event.id: month_key(event.at) for event in events}
