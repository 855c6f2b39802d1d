"""CSV imports: ours, a minimal `timestamp,outcome`, a dialer's (its names for our columns, its
separator, a Date and a Time column), quoted cells over several lines; a bad header or row
named by its line."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.core.tags import clean_note
from companion.transfer import BadImportError, Window, ignored_columns, read_import, to_csv
from companion.transfer.export import guard
from tests.conftest import at
from tests.transfer.helpers import call, tag
from tests.transfer.import_helpers import (
    ENDINGS,
    NOW,
    TZ,
    assert_named,
    each_bad,
    in_pieces,
    notes,
    read,
    read_all,
)


def test_minimal_csv_in_any_column_order_and_spelling() -> None:
    text = (
        "Outcome , TIMESTAMP\nno,2026-11-20T14:05\nNo Answer,2026-11-20 14:07:30\n"
        "VOICEMAIL,2026-11-20T13:10Z\n"
    )
    assert read(text) == [
        ("2026-11-20T13:05:00+00:00", "no"),
        ("2026-11-20T13:07:30+00:00", "no-answer"),
        ("2026-11-20T13:10:00+00:00", "voicemail"),
    ]
    assert {e.kind for e in read_all(text)} == {EventKind.OUTCOME}
    assert {e.source for e in read_all(text)} == {"import"}


def test_rows_with_an_id_keep_it() -> None:
    events = read_all("timestamp,outcome,id\n2026-11-20T14:05,no,abc-1\n2026-11-20T14:05,no,\n")
    assert events[0].id == "abc-1"
    assert events[1].id != "abc-1"


def test_columns_we_do_not_use_are_left_out_and_named() -> None:
    text = "Contact,timestamp,outcome,,Duration\nAna,2026-11-20T14:05,no,x,35\n"
    assert read(text) == [("2026-11-20T13:05:00+00:00", "no")]
    assert ignored_columns(text) == ["Contact", "column 4 (no name)", "Duration"]
    assert ignored_columns("timestamp,outcome,reason,cause,note,session,id,felt,hard,story\n") == []


def test_a_quoted_header_cell_never_fools_the_separator_guess() -> None:
    comma = 'timestamp,outcome,"Contact; Company; Title"\n2026-11-20T14:05,no,"Ana; Acme; CFO"\n'
    assert [o for _, o in read(comma)] == ["no"]
    semicolon = '"Name, Company";timestamp;outcome\n"Ana, Acme";2026-11-20T14:05;meeting\n'
    assert [o for _, o in read(semicolon)] == ["meeting"]


def test_separate_date_and_time_columns_make_the_timestamp() -> None:
    text = "Date,Time,Disposition\n2026-11-20,14:05,Busy\n"
    assert read(text) == [("2026-11-20T13:05:00+00:00", "no-answer")]
    with pytest.raises(BadImportError, match="or date and time"):
        read_all("Time,Disposition\n14:05,Busy\n")


def test_semicolon_and_tab_separated_files_read_like_commas() -> None:
    for mark in (";", "\t"):
        text = f"Call Time{mark}Disposition{mark}Notes\n2026-11-20 14:05{mark}No{mark}a, b and c\n"
        [event] = read_all(text)
        assert (event.outcome, event.note) == (Outcome.NO, "a, b and c")
    assert ignored_columns("Contact;timestamp;outcome\n") == ["Contact"]


def test_a_dialer_s_names_for_our_columns_are_read_as_ours_unless_ours_is_there() -> None:
    text = "Call  Time,Disposition,Notes\n2026-11-20 14:05,No Answer,left at reception\n"
    [event] = read_all(text)
    assert (event.outcome, event.note) == (Outcome.NO_ANSWER, "left at reception")
    both = "timestamp,outcome,note,Notes,Result\n2026-11-20T14:05,no,ours,theirs,meeting\n"
    [event] = read_all(both)
    assert (event.outcome, event.note) == (Outcome.NO, "ours")
    assert ignored_columns(both) == ["Notes", "Result"]


def test_blank_lines_and_padded_rows_are_fine() -> None:
    text = "\n\ntimestamp,outcome\n2026-11-20T14:05,no,,\n,,\n\n2026-11-20T14:06,meeting\n"
    assert [o for _, o in read(text)] == ["no", "meeting"]


def test_our_csv_reads_back_as_the_same_calls() -> None:
    no = call(at("10:00"), Outcome.NO, session="b1", reason="budget")
    events = [no, tag(at("10:01"), no, note='a "quoted", note'), call(at("10:02"), Outcome.MEETING)]
    back = read_all(to_csv(events, Window(TZ)))
    assert [(e.id, e.at, e.outcome, e.reason, e.note, e.session) for e in back] == [
        (no.id, no.at, Outcome.NO, "budget", 'a "quoted", note', "b1"),
        (events[2].id, events[2].at, Outcome.MEETING, None, None, None),
    ]


@pytest.mark.usefixtures("tiny_pieces")
def test_a_quoted_note_over_several_lines_is_one_row_named_by_its_first_line() -> None:
    text = 'timestamp,outcome,note\n2026-11-20T09:00,no,"first\nsecond\r\nthird"\n2026-11-20T09:01,maybe,x\n'
    with pytest.raises(BadImportError) as refused:
        read_import(text, TZ, NOW)
    assert refused.value.line == 5


@settings(max_examples=40, deadline=None)
@given(st.lists(notes, min_size=1, max_size=6), st.sampled_from(ENDINGS), st.integers(1, 12))
def test_a_csv_in_any_line_ending_and_quoting_reads_as_the_csv_module_wrote_it(
    cells: list[str], ending: str, piece: int
) -> None:
    out = io.StringIO()
    # Every cell quoted: a line break inside one is then data whatever ends the lines.
    writer = csv.writer(out, lineterminator=ending, quoting=csv.QUOTE_ALL)
    writer.writerow(["timestamp", "outcome", "note"])
    for n, note in enumerate(cells):
        writer.writerow([f"2026-11-20T09:{n:02d}", "no", guard(note)])
    with in_pieces(piece):
        read = read_import(out.getvalue(), TZ, NOW)
    assert [e.note for e in read] == [clean_note(note) or None for note in cells]


BAD_CSV: list[tuple[str, str, int, str]] = [
    ("no header", "2026-11-20T14:05,no\n", 1, "the first line must name the columns"),
    (
        "no column of ours",
        "Contact,Duration\nAna,35\n",
        1,
        "the first line must name the columns; valid columns: timestamp, outcome, reason, cause, note",
    ),
    ("no outcome column", "timestamp,note\n", 1, "no 'outcome' column"),
    ("no timestamp column", "\n\noutcome\nno\n", 3, "no 'timestamp' column"),
    ("column twice", "timestamp,outcome,Note,note\n", 1, "column 'note' appears twice"),
    (
        "too many values",
        "timestamp,outcome\n2026-11-20T14:05,no,extra\n",
        2,
        "3 values, but the header names 2",
    ),
    (
        "after a multi-line note",
        'timestamp,outcome,note\n2026-11-20T14:05,no,"one\ntwo\nthree"\n2026-11-20T14:06,x,\n',
        5,
        '1 row says "x"',  # counted, then named with the first line that says it
    ),
    ("bad quoting", 'timestamp,outcome,note\n2026-11-20T14:05,no,"open\n', 2, "not valid CSV"),
]


@each_bad(BAD_CSV)
def test_a_bad_csv_row_is_named_by_its_line(text: str, line: int, why: str) -> None:
    assert_named(text, line, why)
