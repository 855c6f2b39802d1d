"""Import files read back to events: our JSON, our CSV, a minimal `timestamp,outcome` CSV; every
bad row named by its line."""

from __future__ import annotations

import json
from datetime import UTC, timedelta

import pytest

from companion.core.calendar import zone
from companion.core.events import Event, EventKind
from companion.core.outcomes import Outcome
from companion.transfer import BadImportError, Window, ignored_columns, read_import, to_csv, to_json
from tests.conftest import START, ZONE, at
from tests.transfer.helpers import call, tag, void

TZ = zone(ZONE)
NOW = START + timedelta(hours=8)


def read(text: str) -> list[tuple[str, str]]:
    """(UTC time, outcome) of each event read from `text`."""
    return [(e.at.astimezone(UTC).isoformat(), e.outcome.value if e.outcome else "") for e in read_all(text)]


def read_all(text: str, *, json_hint: bool = False) -> list[Event]:
    return read_import(text, TZ, NOW, json_hint=json_hint)


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


def test_times_without_offset_are_wall_clock_in_the_zone_across_dst() -> None:
    text = "timestamp,outcome\n2026-07-01T09:00,no\n2026-03-29T02:30,no\n2026-10-25T01:30,no\n"
    assert [e.at.isoformat() for e in read_all(text)] == [
        "2026-07-01T09:00:00+02:00",
        "2026-03-29T03:30:00+02:00",  # in the spring gap: moved forward, as the clock did
        "2026-10-25T01:30:00+02:00",
    ]


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


def test_rows_with_an_id_keep_it() -> None:
    events = read_all("timestamp,outcome,id\n2026-11-20T14:05,no,abc-1\n2026-11-20T14:05,no,\n")
    assert events[0].id == "abc-1"
    assert events[1].id != "abc-1"


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


def test_columns_we_do_not_use_are_left_out_and_named() -> None:
    text = "Contact,timestamp,outcome,,Duration\nAna,2026-11-20T14:05,no,x,35\n"
    assert read(text) == [("2026-11-20T13:05:00+00:00", "no")]
    assert ignored_columns(text) == ["Contact", "column 4 (no name)", "Duration"]
    assert ignored_columns("timestamp,outcome,reason,cause,note,session,id,felt,hard,story\n") == []


def test_a_dialer_s_words_for_outcomes_are_read_as_ours() -> None:
    text = (
        "timestamp,outcome\n2026-11-20T14:05,Busy\n2026-11-20T14:06,Left Voicemail\n"
        "2026-11-20T14:07,not_interested\n2026-11-20T14:08,Appointment Set\n2026-11-20T14:09,NO ANSWER\n"
    )
    assert [o for _, o in read(text)] == ["no-answer", "voicemail", "no", "meeting", "no-answer"]
    with pytest.raises(BadImportError, match=r"unknown outcome 'Maybe later'.*Left Voicemail"):
        read_all("timestamp,outcome\n2026-11-20T14:05,Maybe later\n")


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


def test_our_json_reads_back_exactly() -> None:
    no = call(at("10:00"), Outcome.NO, note="[bold]x[/bold]")
    events = [no, void(at("10:01"), no), call(at("10:02"), Outcome.MEETING)]
    back = read_all(to_json(events, Window(TZ)))
    assert [e.to_dict() for e in back] == [e.to_dict() for e in events]


def test_json_times_without_offset_are_read_in_the_zone() -> None:
    item = {"id": "x1", "at": "2026-11-20T14:05", "kind": "outcome", "outcome": "no"}
    assert read_all(json.dumps([item]))[0].at.isoformat() == "2026-11-20T14:05:00+01:00"


def test_a_file_named_json_is_read_as_json() -> None:
    with pytest.raises(BadImportError, match="expected a JSON list"):
        read_all("timestamp,outcome\n", json_hint=True)


def test_a_header_alone_imports_nothing() -> None:
    assert read_all("timestamp,outcome\n") == []
    assert read_all("[]") == []


def future(minutes: int) -> str:
    return (NOW + timedelta(minutes=minutes)).isoformat()


BAD: list[tuple[str, str, int, str]] = [
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
        "bad outcome",
        "timestamp,outcome\n2026-11-20T14:05,no\n2026-11-20T14:06,maybe\n",
        3,
        "unknown outcome 'maybe'; valid outcomes: no, meeting, callback, not-fit, gatekeeper, voicemail, "
        "no-answer",
    ),
    ("empty outcome", "timestamp,outcome\n2026-11-20T14:05,\n", 2, "no outcome; valid outcomes"),
    ("bad time", "timestamp,outcome\n20 Nov 2026 14:05,no\n", 2, "bad time '20 Nov 2026 14:05'"),
    ("date only", "timestamp,outcome\n2026-11-20,no\n", 2, "has no time of day"),
    ("no time", "timestamp,outcome\n,no\n", 2, "no time given"),
    (
        "too many values",
        "timestamp,outcome\n2026-11-20T14:05,no,extra\n",
        2,
        "3 values, but the header names 2",
    ),
    ("in the future", f"timestamp,outcome\n{future(2)},no\n", 2, "is in the future"),
    (
        "id twice",
        "timestamp,outcome,id\n2026-11-20T14:05,no,a\n2026-11-20T14:06,no,a\n",
        3,
        "id 'a' is used by an earlier event in this file",
    ),
    (
        "after a multi-line note",
        'timestamp,outcome,note\n2026-11-20T14:05,no,"one\ntwo\nthree"\n2026-11-20T14:06,x,\n',
        5,
        "unknown outcome 'x'",
    ),
    ("bad quoting", 'timestamp,outcome,note\n2026-11-20T14:05,no,"open\n', 2, "not valid CSV"),
    ("json object", '{"events": []}', 1, "expected a JSON list of events"),
    (
        "json syntax",
        '[\n{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}\n{"id": "b"}\n]',
        3,
        "not valid JSON",
    ),
    ("json syntax inside", '[\n{"id": "a",\n "at": }\n]', 3, "not valid JSON"),
    (
        "json event lacks id",
        '[\n{"at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}\n]',
        2,
        "event lacks 'id'",
    ),
    ("json not an object", "[\n1\n]", 2, "each event must be a JSON object"),
    (
        "json unknown kind",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "call"}]',
        1,
        "unknown kind 'call'; valid kinds: outcome, void",
    ),
    (
        "json unknown outcome",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "yes"}]',
        1,
        "unknown outcome 'yes'; valid outcomes",
    ),
    (
        "json NaN",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "ritual", "target": "b",\n'
        '"ritual": "completed", "recovery_s": NaN}]',
        1,
        "NaN is not a number",
    ),
    (
        "json newer schema",
        '[{"v": 99, "id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome"}]',
        1,
        "newer than this app knows",
    ),
    (
        "json in the future",
        f'[{{"id": "a", "at": "{future(2)}", "kind": "outcome", "outcome": "no"}}]',
        1,
        "is in the future",
    ),
    ("json trailing text", "[]\n\nmore", 3, "unexpected text after the list"),
    (
        "json missing bracket",
        '[{"id": "a", "at": "2026-11-20T14:05+01:00", "kind": "outcome", "outcome": "no"}',
        1,
        "expected ',' or ']'",
    ),
]


@pytest.mark.parametrize(("text", "line", "why"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_row_is_named_by_its_line(text: str, line: int, why: str) -> None:
    with pytest.raises(BadImportError) as raised:
        read_all(text)
    assert raised.value.line == line
    assert why in raised.value.why


def test_the_first_bad_row_in_the_file_is_the_one_named() -> None:
    text = f"timestamp,outcome\n{future(5)},no\n2026-11-20T14:06,maybe\n"
    with pytest.raises(BadImportError) as raised:
        read_all(text)
    assert raised.value.line == 2


def test_a_minute_ahead_is_forgiven() -> None:
    assert len(read_all(f"timestamp,outcome\n{(NOW + timedelta(seconds=59)).isoformat()},no\n")) == 1


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
