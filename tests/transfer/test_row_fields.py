"""A CSV row's cells as a call's fields: the outcome in our words or a dialer's, the reason and
cause (unknown text kept in the note), felt and hard, and the id a row without one gets."""

from __future__ import annotations

import io
import json
import random
import re
import uuid
from datetime import UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.calendar import zone
from companion.core.events import Event, EventKind
from companion.core.outcomes import Outcome
from companion.core.tags import clean_note
from companion.transfer import BadImportError, ImportReader, Window, read_import, to_csv
from companion.transfer.reading import ROW_NAMESPACE, Earlier
from companion.transfer.reading.row_fields import (
    CELLS_NAMESPACE,
    DISPOSITIONS,
    RowIds,
    _uuid5,
    clean,
    row_id,
    row_key,
    row_keys,
)
from tests.conftest import START, at
from tests.transfer.helpers import call, tag
from tests.transfer.import_helpers import NOW, TZ, assert_named, each_bad, read, read_all


def test_identical_rows_are_two_calls_and_the_same_file_gives_the_same_ids() -> None:
    text = "timestamp,outcome\n2026-11-20T14:05,no\n2026-11-20T14:05,no\n2026-11-20T14:06,no\n"
    first = [e.id for e in read_all(text)]
    assert len(set(first)) == 3
    assert [e.id for e in read_all(text)] == first


def test_ids_come_from_content_so_a_longer_file_repeats_the_first_ones() -> None:
    monday = "timestamp,outcome\n2026-11-16T09:00,no\n2026-11-16T09:00,no\n"
    week = monday + "2026-11-17T09:00,meeting\n2026-11-16T09:00,no\n"
    monday_ids = [e.id for e in read_all(monday)]
    week_ids = [e.id for e in read_all(week)]
    assert week_ids[:2] == monday_ids
    assert len(set(week_ids)) == 4


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=30), st.integers(0, 3))
def test_row_ids_are_uuid5_as_the_standard_library_makes_them(note: str, earlier: int) -> None:
    from companion.core.outcomes import Outcome

    at = START.astimezone(UTC)
    seen: set[str] = set()
    for _ in range(earlier):
        row_id(at, Outcome.NO, None, None, note, None, seen)
    made = row_id(at, Outcome.NO, None, None, note, None, seen)
    content = "\x1f".join((at.isoformat(), "no", "", "", note, ""))
    assert made == str(uuid.uuid5(ROW_NAMESPACE, f"{content}\x1e{earlier}"))
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", made)


def test_a_dialer_s_words_for_outcomes_are_read_as_ours() -> None:
    text = (
        "timestamp,outcome\n2026-11-20T14:05,Busy\n2026-11-20T14:06,Left Voicemail\n"
        "2026-11-20T14:07,not_interested\n2026-11-20T14:08,Appointment Set\n2026-11-20T14:09,NO ANSWER\n"
    )
    assert [o for _, o in read(text)] == ["no-answer", "voicemail", "no", "meeting", "no-answer"]
    with pytest.raises(BadImportError, match=r'does not know: 1 row says "Maybe later"'):
        read_all("timestamp,outcome\n2026-11-20T14:05,Maybe later\n")


def test_every_dialer_word_in_the_table_reads_as_its_outcome_and_reason() -> None:
    rows = "".join(f"2026-11-20T10:{n:02d},{word.title()}\n" for n, word in enumerate(DISPOSITIONS))
    events = read_import("timestamp,outcome\n" + rows, TZ, NOW)
    assert [(e.outcome, e.reason) for e in events] == list(DISPOSITIONS.values())
    assert DISPOSITIONS["hung up"] == (Outcome.NO, "hung-up")
    assert DISPOSITIONS["no answer left message"] == (Outcome.VOICEMAIL, None)


def test_known_reasons_are_kept_and_unknown_text_moves_to_the_note() -> None:
    text = (
        "timestamp,outcome,reason,cause,note\n"
        "2026-11-20T14:05,no,Fear of change,Skill gap,asked for references\n"
        "2026-11-20T14:06,no,too pricey,,\n"
        '2026-11-20T14:07,no,Too pricey,bad luck,"said: no, thanks"\n'
    )
    events = read_all(text)
    assert [(e.reason, e.cause, e.note) for e in events] == [
        ("fear-of-change", "skill-gap", "asked for references"),
        ("other", None, "reason: too pricey"),
        ("other", None, "reason: Too pricey; cause: bad luck; said: no, thanks"),
    ]


def test_notes_are_cleaned_like_typed_ones_and_markup_stays_text() -> None:
    text = 'timestamp,outcome,note\n2026-11-20T14:05,no,"line one\nline two \x1b[31m[bold]red[/bold]"\n'
    assert read_all(text)[0].note == "line one line two [31m[bold]red[/bold]"


def test_how_bad_a_no_felt_goes_out_as_a_column_and_comes_back() -> None:
    no = call(at("10:05"))
    felt = tag(at("10:06"), no, felt=4, note="froze on price")
    text = to_csv([no, felt], Window(TZ))
    assert text.splitlines()[1].endswith(",4,,")
    [back] = read_all(text)
    assert (back.id, back.felt, back.note) == (no.id, 4, "froze on price")
    assert read_all("timestamp,outcome,felt\n2026-11-20T14:05,no,\n")[0].felt is None  # empty: not noted


@pytest.mark.parametrize("cell", ["0", "6", "2.5", "bad", "-1"])
def test_a_felt_cell_outside_1_to_5_is_refused_by_its_line(cell: str) -> None:
    with pytest.raises(BadImportError) as refused:
        read_all(f"timestamp,outcome,felt\n2026-11-20T14:05,no,3\n2026-11-20T14:06,no,{cell}\n")
    assert refused.value.line == 3 and "felt must be a whole number from 1 to 5" in refused.value.why


def test_a_hard_no_and_its_story_go_out_as_columns_and_come_back() -> None:
    no = call(at("10:05"), hard=True)
    story = tag(at("10:07"), no, story="=I always blow the opener")
    text = to_csv([no, story], Window(TZ))
    assert text.splitlines()[1].endswith(",yes,'=I always blow the opener")  # no formula runs
    [back] = read_all(text)
    assert (back.id, back.hard, back.story) == (no.id, True, "=I always blow the opener")


@pytest.mark.parametrize("cell", ["maybe", "2", "hard"])
def test_a_hard_cell_that_is_not_yes_or_empty_is_refused_by_its_line(cell: str) -> None:
    with pytest.raises(BadImportError) as refused:
        read_all(f"timestamp,outcome,hard\n2026-11-20T14:05,no,yes\n2026-11-20T14:06,no,{cell}\n")
    assert refused.value.line == 3 and "hard must be yes or empty" in refused.value.why


def test_only_a_no_imports_as_hard() -> None:
    with pytest.raises(BadImportError) as refused:
        read_all("timestamp,outcome,hard\n2026-11-20T14:05,no,yes\n2026-11-20T14:06,meeting,yes\n")
    assert refused.value.line == 3 and "only a no can be hard" in refused.value.why


BAD_CELLS: list[tuple[str, str, int, str]] = [
    (
        "bad outcome",
        "timestamp,outcome\n2026-11-20T14:05,no\n2026-11-20T14:06,maybe\n",
        3,
        'outcome words Companion does not know: 1 row says "maybe"',
    ),
    ("empty outcome", "timestamp,outcome\n2026-11-20T14:05,\n", 2, "no outcome; valid outcomes"),
]


@each_bad(BAD_CELLS)
def test_a_bad_outcome_is_named_by_its_line(text: str, line: int, why: str) -> None:
    assert_named(text, line, why)


# -- a row's identity is its cells ---------------------------------------------------------

_CELL = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_NAMES = st.lists(
    st.sampled_from(["call time", "disposition", "notes", "contact", "duration", "phone"]),
    min_size=1,
    max_size=6,
    unique=True,
)


@given(
    _NAMES.flatmap(
        lambda names: st.tuples(st.just(names), st.lists(_CELL, min_size=len(names), max_size=len(names)))
    ),
    st.randoms(),
)
@settings(max_examples=150, deadline=None)
def test_a_row_s_key_is_the_same_in_any_column_order_and_with_outer_spaces(
    named: tuple[list[str], list[str]], rng: random.Random
) -> None:
    names, cells = named
    pairs = list(zip(names, cells, strict=True))
    rng.shuffle(pairs)
    padded = [f"  {cell}\t" for _, cell in pairs]
    assert row_key([n for n, _ in pairs], padded) == row_key(names, cells)


@given(_NAMES, st.data())
@settings(max_examples=150, deadline=None)
def test_any_real_difference_in_a_cell_changes_the_id(names: list[str], data: st.DataObject) -> None:
    cells = data.draw(st.lists(_CELL, min_size=len(names), max_size=len(names)))
    index = data.draw(st.integers(0, len(names) - 1))
    other = data.draw(_CELL.filter(lambda text: text.strip() != cells[index].strip()))
    changed = [*cells[:index], other, *cells[index + 1 :]]
    assert RowIds().give(row_key(names, changed)) != RowIds().give(row_key(names, cells))


def test_empty_cells_and_the_id_column_do_not_count_and_a_name_given_twice_does() -> None:
    assert row_key(["call time", "notes", "id"], ["2026-03-04 10:00", "", "x"]) == row_key(
        ["call time"], ["2026-03-04 10:00"]
    )
    twice = row_key(["call time", "contact", "contact"], ["t", "Ann", "Bob"])
    assert twice != row_key(["call time", "contact", "contact"], ["t", "Ann", "Ann"])
    assert twice != row_key(["call time", "contact"], ["t", "Ann"])


def test_identical_rows_take_the_next_ids_and_undone_ones_are_passed_over() -> None:
    key = row_key(["call time", "disposition"], ["2026-03-04 10:00", "no"])
    first = RowIds()
    ids = [first.give(key) for _ in range(3)]
    assert len(set(ids)) == 3
    assert [RowIds().give(key), RowIds().give(key)] == [ids[0], ids[0]]
    undone = RowIds(set(ids[:2]).__contains__)
    assert [undone.give(key), undone.give(key)] == [ids[2], first.give(key)]


def test_a_dialer_file_gives_the_same_ids_in_either_order_and_any_zone() -> None:
    text = (
        "Call Time,Disposition,Contact\n03/04/2026 10:00,no,Ann\n03/04/2026 10:00,no,Ann\n"
        "05/06/2026 11:30,meeting,Bob\n"
    )
    readings = [
        read_import(text, zone(name), NOW, date_order=order)
        for name in ("Europe/Berlin", "America/New_York", "UTC")
        for order in ("dmy", "mdy")
    ]
    assert len({tuple(e.id for e in events) for events in readings}) == 1
    assert len({tuple(e.at for e in events) for events in readings}) == 6
    assert all(e.source == "import" for events in readings for e in events)


def test_our_csv_rows_keep_their_own_ids_and_the_source_import() -> None:
    text = "timestamp,outcome,id\n2026-03-04T10:00+01:00,no,abc\n"
    [event] = read_import(text, TZ, NOW)
    assert (event.id, event.source) == ("abc", "import")


def _reader(text: str, earlier: Earlier, order: str = "dmy", tz: str = "Europe/Berlin") -> ImportReader:
    source = io.BytesIO(text.encode())
    return ImportReader(source, zone(tz), NOW, date_order=order, earlier=earlier, source_name="import-abc")


def test_rows_earlier_imports_brought_are_counted_and_not_given_again() -> None:
    text = "Call Time,Disposition\n03/04/2026 10:00,no\n05/06/2026 11:00,meeting\n"
    first = list(_reader(text, Earlier()))
    assert {e.source for e in first} == {"import-abc"}
    record = Event(id="import-abc", at=NOW, kind=EventKind.IMPORT, note="c.csv: 2 calls")
    earlier = Earlier.of([*first, record])
    again = _reader(text, earlier)
    assert (list(again), again.already, again.identified) == ([], 2, 0)
    for order, tz in (("mdy", "Europe/Berlin"), ("dmy", "Asia/Tokyo")):
        with pytest.raises(BadImportError) as refused:
            list(_reader(text, earlier, order, tz))
        assert refused.value.line == 2 and "with import abc (c.csv: 2 calls)" in refused.value.why
        assert refused.value.why.endswith("first run companion import --undo abc")
    # Undone by the import's undo, the rows are new calls; voided by hand, they stay away.
    undone = [
        Event(id=f"v{n}", at=e.at, kind=EventKind.VOID, target=e.id, source="undo-import")
        for n, e in enumerate(first)
    ]
    back = list(_reader(text, Earlier.of([*first, record, *undone]), "mdy"))
    assert len(back) == 2 and not {e.id for e in back} & {e.id for e in first}
    by_hand = [Event(id="v", at=first[0].at, kind=EventKind.VOID, target=first[0].id, source="app")]
    kept = _reader(text, Earlier.of([*first, record, *by_hand]))
    assert (list(kept), kept.already) == ([], 2)


def test_a_row_an_earlier_version_imported_is_known_by_the_id_it_gave() -> None:
    text = "timestamp,outcome\n2026-03-04T10:00,no\n"
    [new] = read_import(text, TZ, NOW)
    legacy = row_id(new.at, Outcome.NO, None, None, None, None, set())
    earlier = Earlier.of(
        [Event(id=legacy, at=new.at, kind=EventKind.OUTCOME, outcome=Outcome.NO, source="import")]
    )
    reader = _reader(text, earlier)
    assert (list(reader), reader.already) == ([], 1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(max_size=8), max_size=6),
    st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8") | st.sampled_from('"\\\x00\x1f\x7f\u2028é'), max_size=8
        ),
        max_size=6,
    ),
)
def test_a_rows_key_is_the_json_every_version_hashed(names: list[str], cells: list[str]) -> None:
    """The ids of a dialer's rows stand on these bytes: written without json.dumps (a row at a
    time it was a third of the import), they are still exactly what json.dumps wrote."""
    named: dict[str, str] = {}
    for name, cell in zip(names, cells, strict=False):
        text = cell.strip()
        if not text or name == "id":
            continue
        key, n = name, 1
        while key in named:
            n += 1
            key = f"{name}#{n}"
        named[key] = text
    assert row_key(names, cells) == json.dumps(sorted(named.items()), ensure_ascii=False)


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from("\x00\x1b\t\n\u200b\u200d\u2028\ud800 "),
        max_size=12,
    )
)
def test_a_notes_quick_clean_is_clean_note(text: str) -> None:
    assert clean(text) == clean_note(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["id", "call time", "contact", "a", "b", "a#2", "notes", ""]), max_size=6),
    st.lists(st.sampled_from(["", " ", "x", " y ", "Contact 1", '"q"', "\\", "é"]), max_size=8),
)
def test_a_headers_row_keys_are_row_key(names: list[str], cells: list[str]) -> None:
    """The key made once per header gives every row the key row_key gives it, short or long rows too."""
    assert row_keys(names)(cells) == row_key(names, cells)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_a_rows_id_is_uuid5(text: str) -> None:
    """A row's id written from the hash's hex digits is the uuid5 the uuid module makes."""
    assert _uuid5(CELLS_NAMESPACE.bytes, text) == str(uuid.uuid5(CELLS_NAMESPACE, text))


@pytest.mark.parametrize("given_first", [True, False])
def test_an_id_a_row_carries_that_another_row_was_given_is_used_twice(given_first: bool) -> None:
    """Ids given from the cells and ids rows carry are one set: the file holding both is refused,
    whichever comes first (only the carried ones are kept aside to check)."""
    names, cells = ["timestamp", "outcome", "id"], ["2026-11-20T14:05", "no", ""]
    given = RowIds().give(row_key(names, cells))
    rows = ["2026-11-20T14:05,no,", f"2026-11-20T14:06,voicemail,{given}"]
    text = "timestamp,outcome,id\n" + "\n".join(rows if given_first else rows[::-1]) + "\n"
    with pytest.raises(BadImportError, match="used by an earlier event"):
        read_all(text)
    assert len(read_all("timestamp,outcome,id\n" + rows[0] + "\n")) == 1
