"""Export: CSV rows of live calls, JSON of every event, a Markdown report; --since/--until in
the rep's zone."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.context import Context
from companion.core.calendar import zone
from companion.core.events import RitualEnd
from companion.core.outcomes import Outcome
from companion.session.reports import save_day_csv
from companion.transfer import CSV_COLUMNS, Window, read_import, render, to_csv, to_json, to_markdown
from companion.transfer.export import guard, unguard
from tests.conftest import START, ZONE, at
from tests.transfer.helpers import call, ritual, tag, void

TZ = zone(ZONE)
EVERYTHING = Window(TZ)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_header_and_one_row_per_live_call_in_time_order() -> None:
    late = call(at("10:30"), Outcome.MEETING)
    early = call(at("10:05"), Outcome.VOICEMAIL, session="block-1")
    text = to_csv([late, early], EVERYTHING)
    assert text.splitlines()[0] == "timestamp,outcome,reason,cause,note,session,id,felt,hard,story"
    assert [(r["timestamp"], r["outcome"], r["session"], r["id"]) for r in rows(text)] == [
        ("2026-11-23T10:05:00+01:00", "voicemail", "block-1", early.id),
        ("2026-11-23T10:30:00+01:00", "meeting", "", late.id),
    ]


def test_csv_timestamps_are_in_the_configured_zone_whatever_offset_was_stored() -> None:
    stored_in_utc = call(datetime(2026, 11, 23, 9, 5, tzinfo=UTC))
    assert rows(to_csv([stored_in_utc], EVERYTHING))[0]["timestamp"] == "2026-11-23T10:05:00+01:00"


def test_voided_calls_are_not_exported_and_tags_are_applied() -> None:
    mistake = call(at("10:00"), Outcome.NO)
    real = call(at("10:01"), Outcome.NO, reason="budget")
    events = [
        mistake,
        void(at("10:00"), mistake),
        real,
        tag(at("10:02"), real, cause="skill-gap", note="fast"),
    ]
    assert [(r["id"], r["reason"], r["cause"], r["note"]) for r in rows(to_csv(events, EVERYTHING))] == [
        (real.id, "budget", "skill-gap", "fast")
    ]


def test_notes_with_commas_quotes_and_markup_stay_literal() -> None:
    note = 'said "call me, maybe" [bold]twice[/bold]; 50% off?'
    assert rows(to_csv([call(at("10:00"), note=note)], EVERYTHING))[0]["note"] == note


def test_since_and_until_are_whole_days_in_the_zone_both_included() -> None:
    # 00:30 Berlin on the 24th is still the 23rd in UTC: it belongs to the 24th.
    before = call(pendulum.datetime(2026, 11, 22, 23, 59, tz=ZONE))
    first = call(pendulum.datetime(2026, 11, 23, 0, 0, tz=ZONE))
    last = call(pendulum.datetime(2026, 11, 23, 23, 59, 59, tz=ZONE))
    after = call(pendulum.datetime(2026, 11, 24, 0, 30, tz=ZONE))
    window = Window(TZ, date(2026, 11, 23), date(2026, 11, 23))
    assert [r["id"] for r in rows(to_csv([before, first, last, after], window))] == [first.id, last.id]
    assert [
        r["id"] for r in rows(to_csv([before, first, last, after], Window(TZ, since=date(2026, 11, 24))))
    ] == [after.id]
    assert [
        r["id"] for r in rows(to_csv([before, first, last, after], Window(TZ, until=date(2026, 11, 22))))
    ] == [before.id]


def test_json_holds_every_event_in_time_order() -> None:
    no = call(at("10:00"), Outcome.NO)
    events = [
        ritual(at("10:01"), no, recovery_s=31.5, hesitation_s=4.0),
        tag(at("10:00") + timedelta(seconds=30), no, reason="timing"),
        no,
        void(at("10:02"), no),
    ]
    data = json.loads(to_json(events, EVERYTHING))
    assert [item["kind"] for item in data] == ["outcome", "tag", "ritual", "void"]
    assert data[2]["recovery_s"] == 31.5
    assert data == [e.to_dict() for e in sorted(events, key=lambda e: e.at)]


def test_json_window_keeps_the_undo_of_a_call_inside_it() -> None:
    # A call just before midnight, undone just after: exporting that day must not revive it.
    late = call(pendulum.datetime(2026, 11, 22, 23, 59, tz=ZONE))
    undo = void(pendulum.datetime(2026, 11, 23, 0, 0, 10, tz=ZONE), late)
    next_day = call(at("10:00"))
    data = json.loads(to_json([late, undo, next_day], Window(TZ, until=date(2026, 11, 22))))
    assert [item["id"] for item in data] == [late.id, undo.id]


def test_an_empty_export_is_still_well_formed() -> None:
    assert to_csv([], EVERYTHING) == ",".join(CSV_COLUMNS) + "\n"
    assert json.loads(to_json([], EVERYTHING)) == []
    assert "No calls in this period." in to_markdown([], EVERYTHING)


def test_markdown_report_has_a_line_per_day_totals_and_rejection_notes() -> None:
    monday = START - timedelta(days=7)
    events = [
        call(monday, Outcome.NO, note="[bold]budget[/bold] | *next* year", reason="budget"),
        call(monday + timedelta(minutes=2), Outcome.MEETING),
        call(monday + timedelta(minutes=4), Outcome.VOICEMAIL),
        call(START, Outcome.NO_ANSWER),
        call(START + timedelta(minutes=1), Outcome.NO),  # a rejection without a note: not listed
    ]
    report = to_markdown(events, EVERYTHING)
    assert report.startswith("# Calls, Mon 16 Nov 2026 to Mon 23 Nov 2026\n")
    assert "| Mon 2026-11-16 | 3 | 2 | 1 | 1 | 2.0 |" in report
    # The day's other dials per meeting look at the 7 days ending that day: the 16th is out of reach.
    assert "| Mon 2026-11-23 | 2 | 1 | 0 | 1 | – |" in report
    assert "| **Total** | **5** | **3** | **1** | **2** | **4.0** |" in report
    assert "Tue 2026-11-17" not in report  # days without calls are left out
    # One meaning per number: connect is per dial, meetings per conversation (1 of 3, not of 5).
    rates = "- Connect rate 60% (conversations per dial), meeting rate 33% (meetings per conversation)."
    assert rates in report
    assert (
        "- Over the whole period each meeting came with 4.0 other dials (2.0 other conversations):"
        " 4 dials that were not a meeting, and 1 that were." in report
    )
    # The figure is never called no's: those are the rejections, a column of their own.
    assert "| Rejections | Other dials per meeting\\* |" in report
    per_meeting = [line for line in report.splitlines() if "other dials" in line.lower()]
    assert per_meeting and all("no's" not in line for line in per_meeting)
    assert "## Notes on rejections" in report
    notes = [line for line in report.split("## Notes on rejections")[1].splitlines() if line]
    assert notes == ["- Mon 2026-11-16 10:00 · budget: \\[bold\\]budget\\[/bold\\] \\| \\*next\\* year"]


def test_markdown_report_shows_resets() -> None:
    no = call(at("10:00"), Outcome.NO)
    events = [no, ritual(at("10:01"), no, recovery_s=30.0, hesitation_s=5.0), call(at("10:02"), Outcome.NO)]
    events.append(ritual(at("10:03"), events[-1], RitualEnd.SKIPPED))
    report = to_markdown(events, EVERYTHING)
    assert (
        "- Resets: 1 completed, 1 skipped, 0 interrupted; median recovery 30 s (from the no to the"
        " dial mark) and wait at Dial 5 s, over 1 timed." in report
    )
    assert "- Callus ladder, from a no to dialling again: at once 1 · 5 minutes 0 · 15 minutes 0" in report
    assert "(1 of 2 no's)." in report  # the skipped one's next call came with no dial mark
    untimed = [no, ritual(at("10:01"), no)]  # closed by the next call's key: no dial mark
    assert "1 completed, 0 skipped, 0 interrupted; none timed" in to_markdown(untimed, EVERYTHING)


def test_markdown_report_tells_the_after_effect_by_the_apps_rule() -> None:
    """Ten calls after a no are no verdict: the report names the sample it waits for, as the
    app does, and judges on meetings per conversation when it has it."""
    few = []
    for n in range(10):
        few += [call(at("10:00") + timedelta(minutes=2 * n), Outcome.NO)]
        few += [call(at("10:01") + timedelta(minutes=2 * n), Outcome.CALLBACK)]
    report = to_markdown(few, EVERYTHING)
    [line] = [line for line in report.splitlines() if line.startswith("- After a no")]
    assert "over this period's 1 day" in line
    assert "Not told yet: it needs 20 conversations after a no (has 10)" in line
    assert "Meetings per conversation: 0% (0 of 10) after a no, 0% (0 of 10) otherwise." in line
    assert "context, not the verdict" in line
    many = []
    for n in range(25):  # after each no a callback; then 25 meetings on their own
        many += [call(at("09:00") + timedelta(minutes=2 * n), Outcome.NO)]
        many += [call(at("09:01") + timedelta(minutes=2 * n), Outcome.CALLBACK)]
    many += [call(at("12:00") + timedelta(minutes=n), Outcome.MEETING) for n in range(25)]
    assert "The no follows you: 0% of conversations booked after a no, 50% otherwise." in to_markdown(
        many, EVERYTHING
    )


def test_render_picks_the_format() -> None:
    events = [call(at("10:00"))]
    assert render("csv", events, EVERYTHING) == to_csv(events, EVERYTHING)
    assert render("json", events, EVERYTHING) == to_json(events, EVERYTHING)
    assert render("md", events, EVERYTHING) == to_markdown(events, EVERYTHING)


# -- no cell runs as a formula, however a spreadsheet splits the line ----------------------

# What a spreadsheet in any locale may split a CSV line on (its list separator), and what
# starts a formula in the field that follows (full-width forms too).
SPLITS = (",", ";", "\t", "\u061b", "\uff0c", "\uff1b")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Text made of what matters here: separators, formula characters, quotes, spaces, letters.
hazardous = st.text(
    alphabet=st.sampled_from([*SPLITS, *FORMULA_STARTS, "'", '"', " ", "x", "1"]), max_size=24
)


def formula_fields(text: str) -> list[str]:
    """Every field of every line of `text`, split as a sheet would on each separator, that a
    sheet could run as a formula (spaces and quotes before it trimmed, as some sheets do)."""
    found = []
    for line in text.splitlines():
        for mark in SPLITS:
            found += [f for f in line.split(mark) if f.lstrip(' "').startswith(FORMULA_STARTS)]
    return found


def test_a_formula_after_a_semicolon_in_a_note_does_not_run_in_a_semicolon_locale() -> None:
    """German and French Excel split on `;`: `x;=1+1;` in a note would be a cell `=1+1`."""
    text = to_csv([call(at("10:00"), note="x;=1+1;", reason="budget", story="a;@SUM(A1)")], EVERYTHING)
    assert formula_fields(text) == []
    line = text.splitlines()[1]
    assert "x;'=1+1;" in line.split(",")
    assert "'=1+1" in line.split(";")
    assert rows(text)[0]["note"] == "x;'=1+1;"  # the text is whole, one `'` added where it split


@settings(max_examples=150, deadline=None)
@given(hazardous, hazardous, hazardous)
def test_no_field_of_an_exported_line_starts_a_formula_on_any_separator(
    note: str, story: str, session: str
) -> None:
    events = [call(at("10:00"), note=note or None, story=story or None, session=session.strip() or None)]
    try:
        text = to_csv(events, EVERYTHING)
    except ValueError:  # text the event itself refuses (a control code): not ours to export
        return
    assert formula_fields(text) == []


@settings(max_examples=300, deadline=None)
@given(hazardous)
def test_a_guarded_cell_reads_back_as_the_same_text(text: str) -> None:
    assert unguard(guard(text)) == text


def test_guarding_leaves_ordinary_text_alone() -> None:
    for text in ("call back at 3-4pm", "said no; budget", "x+y", "a@b.example", "rep's note", ""):
        assert guard(text) == text
    assert guard("-2+3") == "'-2+3"
    assert guard(" =1") == "' =1"  # a sheet that trims spaces would run it
    assert guard('a;"=1"') == 'a;\'"=1"'
    assert guard("a,\t=1") == "a,'\t'=1"  # the tab both separates and starts


def test_a_csv_export_of_formulas_after_separators_imports_as_the_same_notes() -> None:
    notes = ["x;=1+1;", "a,+b", "one; two; -3", "'=already quoted", "k\uff1b\uff1dSUM(A1)"]
    events = [call(at("10:00") + timedelta(minutes=n), note=note) for n, note in enumerate(notes)]
    back = read_import(to_csv(events, EVERYTHING), TZ, START + timedelta(days=1))
    assert [e.note for e in back] == notes


def test_the_summarys_x_file_runs_no_formula_on_any_separator(ctx: Context) -> None:
    """`x` on the summary saves today's calls through the same writer."""
    ctx.store.append([call(at("10:00"), note="x;=1+1;", story="ok\uff1b@SUM(A1)", reason="budget")])
    saved = save_day_csv(ctx, ctx.today()).read_text(encoding="utf-8")
    assert formula_fields(saved) == []
    assert rows(saved)[0]["note"] == "x;'=1+1;"
