"""Every byte the store reads is untrusted: one hostile file per case (tests/data/hostile), and
for each, what the rep must still have: every valid event, the damaged bytes kept, one notice,
and a store that goes on taking calls."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import companion.store.tinydb_storage as storage_module
from companion.context import Context
from companion.core.events import Event
from companion.core.outcomes import Outcome
from companion.core.tags import has_control
from companion.session.reports import save_day_csv
from companion.store.files import NotAFileError
from companion.store.journal import encode
from companion.store.store import Store
from tests.unit.helpers import many, outcome, t
from tests.unit.store_helpers import MONTH, WINDOW, ids

HOSTILE = Path(__file__).parent.parent / "data" / "hostile"
MONTH_CASES = sorted(p.name for p in (HOSTILE / "archive").iterdir())
VALID_IN_FILE = "valid-doc-1"  # the one good document the doc-* cases carry


def folded(store: Store) -> list[Event]:
    """A day's calls, folded into the month: the journal history keeps an intact copy."""
    events = many(Outcome.NO, 3, t(9))
    store.append(events)
    store.fold()
    return events


def aside(store: Store) -> list[Path]:
    return sorted(p for p in store.archive.directory.iterdir() if p.name.startswith(f"{MONTH}.json."))


def all_text(event: Event) -> list[str]:
    fields = (event.id, event.session, event.reason, event.cause, event.note, event.target, event.source)
    return [text for text in fields if text]


# A window's read skips, unparsed, documents dated outside it: the damage in these is found by
# a full read (below), not by a read of this week.
OUTSIDE_ANY_WINDOW = ("doc-before-1970-in-utc.json", "doc-year-9999-overflows-utc.json")


@pytest.mark.parametrize("case", [c for c in MONTH_CASES if c not in OUTSIDE_ANY_WINDOW])
def test_a_window_read_of_a_hostile_month_finds_it_too(store: Store, case: str) -> None:
    events = folded(store)
    store.archive.path(MONTH).write_bytes((HOSTILE / "archive" / case).read_bytes())
    loaded = store.load(*WINDOW)
    expected = ids(events) + ([VALID_IN_FILE] if case.startswith("doc-") else [])
    assert ids(loaded.events) == sorted(expected)
    assert len(loaded.notices) == 1


@pytest.mark.parametrize("case", MONTH_CASES)
def test_a_hostile_month_is_set_aside_whole_and_every_valid_event_still_counts(
    store: Store, case: str
) -> None:
    events = folded(store)
    hostile = (HOSTILE / "archive" / case).read_bytes()
    store.archive.path(MONTH).write_bytes(hostile)

    # Every document is checked on a full read (export's); a window's read skips, unparsed, the
    # documents whose date puts them outside it, and checks the rest.
    found, notices = store.all_events()

    expected = ids(events) + ([VALID_IN_FILE] if case.startswith("doc-") else [])
    assert ids(found) == sorted(expected)
    (kept,) = aside(store)
    assert kept.read_bytes() == hostile  # the bytes are kept, not lost
    (notice,) = notices
    assert f"{MONTH}.json" in notice and str(kept) in notice
    assert not has_control(notice)
    for event in found:
        assert not any(has_control(text) for text in all_text(event))
    # Repaired once: the next read is quiet, and the month takes new calls.
    loaded = store.load(*WINDOW)
    assert loaded.notices == []
    assert ids(loaded.events) == sorted(expected)
    later = outcome(Outcome.MEETING, t(15))
    store.append([later])
    store.fold()
    assert ids(store.load(*WINDOW).events) == sorted([*expected, later.id])


def test_a_bad_document_is_restored_from_its_intact_copy_in_the_journal_history(store: Store) -> None:
    events = folded(store)
    path = store.archive.path(MONTH)
    data = json.loads(path.read_bytes())
    victim = next(k for k, doc in data["events"].items() if doc["id"] == events[0].id)
    data["events"][victim]["outcome"] = "\x1b[2Jmaybe"  # bit rot, or a hostile hand
    path.write_text(json.dumps(data))

    loaded = store.load(*WINDOW)

    assert ids(loaded.events) == ids(events)
    restored = next(e for e in loaded.events if e.id == events[0].id)
    assert restored == events[0]
    (notice,) = loaded.notices
    assert notice.startswith(f"{MONTH}.json: 1 unreadable event(s) set aside; the month was rebuilt with 3")
    assert "1 from the journal history" in notice


def test_a_hostile_month_met_by_a_fold_is_rebuilt_and_the_new_calls_kept(store: Store) -> None:
    events = folded(store)
    store.archive.path(MONTH).write_text('{"events": {"1": null, "abc": {}}}')
    later = many(Outcome.VOICEMAIL, 2, t(11))
    store.append(later)
    assert store.fold() == 2
    assert ids(store.load(*WINDOW).events) == ids(events + later)


def test_a_month_nested_a_hundred_thousand_deep_is_set_aside_not_a_crash(store: Store) -> None:
    events = folded(store)
    store.archive.path(MONTH).write_text('{"events": {"1": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    assert len(aside(store)) == 1


def test_a_month_that_is_a_folder_is_moved_aside_and_rebuilt(store: Store) -> None:
    events = folded(store)
    path = store.archive.path(MONTH)
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("left alone")
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    (kept,) = aside(store)
    assert (kept / "inside").read_text() == "left alone"


def test_a_month_that_is_a_link_is_never_followed(store: Store, tmp_path: Path) -> None:
    events = folded(store)
    outside = tmp_path / "outside.json"
    outside.write_text('{"events": {}}')
    path = store.archive.path(MONTH)
    path.unlink()
    path.symlink_to(outside)
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)  # rebuilt from the history, not read through the link
    assert outside.read_text() == '{"events": {}}'  # the link's target is never written
    (kept,) = aside(store)
    assert kept.is_symlink()


# -- the journal -----------------------------------------------------------------------------

JOURNAL_CASES = sorted(p.name for p in (HOSTILE / "journal").iterdir())


@pytest.mark.parametrize("case", JOURNAL_CASES)
def test_hostile_journal_lines_are_counted_skipped_and_kept(store: Store, case: str) -> None:
    good = outcome(Outcome.NO, t(9))
    store.append([good])
    hostile = (HOSTILE / "journal" / case).read_bytes()
    with store.journal.open("ab") as handle:
        handle.write(hostile)
    after = outcome(Outcome.MEETING, t(10))
    store.append([after])  # the next call is saved whatever came before it

    loaded = store.load(*WINDOW)

    assert ids(loaded.events) == ids([good, after])
    (notice,) = loaded.notices
    assert "unreadable line" in notice
    assert hostile.rstrip(b"\n") in store.journal.read_bytes()


def test_a_journal_line_nested_a_hundred_thousand_deep_is_one_bad_line(store: Store) -> None:
    with store.journal.open("wb") as handle:
        handle.write(b"[" * 100_000 + b"]" * 100_000 + b"\n")
    good = outcome(Outcome.NO, t(9))
    store.append([good])
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == [good.id]
    assert loaded.notices == [f"journal.jsonl: 1 unreadable line(s) skipped, kept in {store.journal}"]


def test_a_journal_line_of_ten_megabytes_is_skipped_without_holding_it(store: Store) -> None:
    with store.journal.open("wb") as handle:
        handle.write(b'{"note": "' + b"x" * 10_000_000 + b'"}\n')
    good = outcome(Outcome.NO, t(9))
    store.append([good])
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == [good.id]
    assert len(loaded.notices) == 1


# -- links and folders where files belong ----------------------------------------------------


def test_a_link_planted_at_the_journal_is_refused_and_its_target_left_alone(
    store: Store, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not yours\n")
    store.journal.symlink_to(outside)
    with pytest.raises(NotAFileError, match="symbolic link"):
        store.append([outcome(Outcome.NO, t(9))])
    assert outside.read_text() == "not yours\n"


@pytest.mark.parametrize("lock", ["journal.lock", "store.lock"])
def test_a_link_planted_at_a_lock_is_refused(store: Store, tmp_path: Path, lock: str) -> None:
    outside = tmp_path / "elsewhere.lock"
    (store.dir / lock).symlink_to(outside)
    with pytest.raises(NotAFileError):
        store.append([outcome(Outcome.NO, t(9))])
        store.fold()
    assert not outside.exists()


@pytest.mark.parametrize("folder", ["archive", "folding", "journal-history", "imports"])
def test_a_folder_of_the_store_that_is_a_link_stops_the_start_with_one_line(
    tmp_path: Path, folder: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (data / folder).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(NotAFileError) as refused:
        Store(data).prepare()
    assert folder in str(refused.value) and "never follows" in str(refused.value)


def test_a_fifo_at_the_journal_is_refused_without_blocking(store: Store) -> None:
    os.mkfifo(store.journal)
    with pytest.raises(NotAFileError, match="not a regular file"):
        store.load(*WINDOW)


# -- a rebuild that cannot finish ------------------------------------------------------------


def test_a_rebuild_stopped_by_a_link_in_the_history_leaves_the_month_to_be_rebuilt_later(
    store: Store, tmp_path: Path
) -> None:
    events = folded(store)
    store.archive.path(MONTH).write_text("damaged")
    planted = store.history / "zz-planted.jsonl"
    planted.symlink_to(tmp_path / "elsewhere.jsonl")
    with pytest.raises(NotAFileError):
        store.load(*WINDOW)
    assert store.archive.path(MONTH).read_text() == "damaged"  # still there to be found again
    planted.unlink()
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    assert len(loaded.notices) == 1


def test_a_rebuild_stopped_by_a_full_disk_leaves_the_month_to_be_rebuilt_later(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = folded(store)
    store.archive.path(MONTH).write_text("damaged")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module, "write_atomically", full)
    # A read needs no write: it reads the month with the history in memory, and says so.
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    (notice,) = loaded.notices
    assert "not rebuilt (No space left on device)" in notice and notice.startswith(f"{MONTH}.json")
    assert store.archive.path(MONTH).read_text() == "damaged"
    monkeypatch.undo()
    loaded = store.load(*WINDOW)
    assert ids(loaded.events) == ids(events)
    assert "rebuilt" in loaded.notices[0] and store.archive.path(MONTH).read_text() != "damaged"


def test_a_link_planted_in_folding_is_refused_and_never_read(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside.import"
    outside.mkdir()
    (outside / f"{MONTH}.jsonl").write_bytes(encode(outcome(Outcome.MEETING, t(9))))
    store.folding.mkdir()
    (store.folding / "zz.import").symlink_to(outside)
    with pytest.raises(NotAFileError, match="symbolic link"):
        store.load(*WINDOW)


def test_an_exports_folder_that_is_a_link_is_refused_and_nothing_written_through_it(
    ctx: Context, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ctx.paths.exports_dir.symlink_to(elsewhere)
    with pytest.raises(NotAFileError, match="symbolic link"):
        save_day_csv(ctx, ctx.today())
    assert list(elsewhere.iterdir()) == []
