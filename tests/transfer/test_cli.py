"""`companion export` and `companion import`: every format, and every bad input
gives one line on stderr, exit 2, no traceback and nothing written."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion.core.calendar import zone
from companion.core.outcomes import Outcome
from companion.demo import history
from tests.conftest import ZONE
from tests.transfer.helpers import UNDO_HINT, Cli, Run, call, snapshot, void

DATA = Path(__file__).parent / "data"
TZ = zone(ZONE)
MARCH_10 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "home")


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    """A home with a few weeks of history, some of it still in the journal."""
    events = history(datetime.now(UTC), TZ, days=21)
    cli.store.add(events[:-40])
    cli.store.append(events[-40:])
    return cli


def live_calls(cli: Cli) -> int:
    from companion.core.ledger import Ledger

    return len(Ledger(cli.events()).outcomes)


# -- export ------------------------------------------------------------------------------


def test_export_defaults_to_csv_of_every_live_call_on_stdout(seeded: Cli) -> None:
    result = seeded.ok("export")
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert result.stdout.startswith("timestamp,outcome,reason,cause,note,session,id,felt,hard,story\n")
    assert len(rows) == live_calls(seeded) > 100
    assert all(datetime.fromisoformat(r["timestamp"]).utcoffset() is not None for r in rows)
    assert result.stderr == ""


def test_export_json_lists_every_event(seeded: Cli) -> None:
    data = json.loads(seeded.ok("export", "--format", "json").stdout)
    assert len(data) == len(seeded.events())
    assert {item["kind"] for item in data} >= {"outcome", "ritual", "block-start"}


def test_export_md_is_a_report(seeded: Cli) -> None:
    report = seeded.ok("export", "--format", "md", "--since", "2000-01-01").stdout
    assert report.startswith("# Calls, Sat 01 Jan 2000 to ")
    assert "| **Total** |" in report


def test_since_and_until_pick_days(cli: Cli) -> None:
    cli.store.append([call(MARCH_10), call(MARCH_10 + timedelta(days=1)), call(MARCH_10 + timedelta(days=2))])
    one_day = cli.ok("export", "--since", "2025-03-11", "--until", "2025-03-11").stdout
    assert [line[:10] for line in one_day.splitlines()[1:]] == ["2025-03-11"]


def test_export_to_a_file_writes_it_privately_and_never_overwrites(seeded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "calls.csv"
    result = seeded.ok("export", "-o", str(out))
    assert result.stdout == f"Exported {live_calls(seeded)} calls as csv to {out}\n"
    assert out.stat().st_mode & 0o777 == 0o600
    before = out.read_bytes()
    again = seeded.run("export", "--format", "json", "-o", str(out))
    assert again.returncode == 2
    assert again.stderr_lines == [
        f"companion: {out} already exists; nothing was written (pick a new name or move that file away)"
    ]
    assert out.read_bytes() == before


def test_export_to_a_closed_pipe_is_quiet(seeded: Cli) -> None:
    # `companion export | head -1`: the reader goes away early.
    export = subprocess.Popen(
        ["sh", "-c", f'COMPANION_HOME="{seeded.home}" "$0" -m companion export | head -1', _python()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = export.communicate(timeout=60)
    assert out.decode().startswith("timestamp,")
    assert b"Traceback" not in err
    assert err == b""


def _python() -> str:
    import sys

    return sys.executable


# -- import ------------------------------------------------------------------------------


def test_import_a_dialer_csv_twice(cli: Cli) -> None:
    path = DATA / "good" / "dialer.csv"
    first = cli.ok("import", str(path)).stdout
    assert re.fullmatch(
        f"Imported 4 new events \\(0 already there\\) from {re.escape(str(path))}{UNDO_HINT}\n", first
    )
    assert cli.ok("import", str(path)).stdout == f"Imported 0 new events (4 already there) from {path}\n"
    day = cli.ok("summary", "--date", "2025-03-10", "--json").stdout
    summary = json.loads(day)
    assert (summary["dials"], summary["rejections"], summary["meetings"]) == (4, 2, 1)


def test_reason_text_in_json_is_read_as_a_csv_reason_is_and_its_escapes_never_kept(cli: Cli) -> None:
    path = DATA / "good" / "escape_in_reason.json"
    cli.ok("import", str(path))
    [call] = cli.events()
    assert call.reason == "other"
    assert call.note == "reason: ]52;c;aGVsbG8="  # the text kept, the escape codes gone


def test_an_import_says_how_many_times_fell_in_a_clock_change(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "autumn.csv"
    # Berlin: 02:30 happened twice on 26 Oct 2025 and never on 30 Mar 2025; 09:00 once.
    path.write_text(
        "timestamp,outcome\n2025-10-26T02:30,no\n2025-03-30T02:30,no\n2025-10-26T09:00,no\n"
        "2025-10-26T02:45+01:00,no\n"
    )
    lines = cli.ok("import", str(path)).stdout.splitlines()
    assert lines[1] == (
        "2 times without an offset fell in a clock change: one that came twice was taken the first "
        "time, one that never came moved on as the clocks did (give an offset to choose)"
    )
    stored = sorted(e.at.isoformat() for e in cli.calls())
    assert stored == [
        "2025-03-30T03:30:00+02:00",
        "2025-10-26T02:30:00+02:00",
        "2025-10-26T02:45:00+01:00",
        "2025-10-26T09:00:00+01:00",
    ]


def test_a_dialer_export_with_its_own_columns_imports_and_names_what_it_left_out(cli: Cli) -> None:
    path = DATA / "good" / "dialer_extra_columns.csv"
    assert re.fullmatch(
        f"Imported 3 new events \\(0 already there\\) from {re.escape(str(path))}{UNDO_HINT}\n"
        "Columns left out \\(Companion does not use them\\): Contact, Phone, Duration\n",
        cli.ok("import", str(path)).stdout,
    )
    calls = sorted((e.at.isoformat(), e.outcome, e.note) for e in cli.calls())
    assert calls == [
        ("2025-03-10T09:00:00+01:00", Outcome.NO_ANSWER, None),
        ("2025-03-10T09:04:00+01:00", Outcome.NO, "CFO owns budget, call in Q2"),
        ("2025-03-10T09:11:00+01:00", Outcome.MEETING, "Demo Thursday"),
    ]
    assert "Imported 0 new events (3 already there)" in cli.ok("import", str(path)).stdout


def test_import_a_spreadsheet_csv_with_bom_crlf_and_loose_words(cli: Cli) -> None:
    cli.ok("import", str(DATA / "good" / "spreadsheet.csv"))
    calls = sorted((e.at, e.outcome, e.reason, e.note) for e in cli.calls())
    assert [(outcome, reason, note) for _, outcome, reason, note in calls] == [
        (Outcome.NO_ANSWER, None, None),
        (Outcome.NO, "budget", 'said "not this year", [bold]firm[/bold]'),
        (Outcome.NO, "other", "reason: Too expensive"),
    ]
    assert calls[0][0].isoformat() == "2025-03-10T09:00:00+01:00"


def test_json_round_trip_between_homes_gives_the_same_summaries(seeded: Cli, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    seeded.ok("export", "--format", "json", "-o", str(out))
    other = Cli(tmp_path / "other")
    count = len(seeded.events())
    assert (
        other.ok("import", str(out)).stdout == f"Imported {count} new events (0 already there) from {out}\n"
    )
    for args in (["--week"], [], ["--week", "--date", str(datetime.now(UTC).date() - timedelta(days=7))]):
        assert json.loads(other.ok("summary", "--json", *args).stdout) == json.loads(
            seeded.ok("summary", "--json", *args).stdout
        )
    assert (
        seeded.ok("import", str(out)).stdout == f"Imported 0 new events ({count} already there) from {out}\n"
    )


def test_csv_round_trip_between_homes_gives_the_same_calls(seeded: Cli, tmp_path: Path) -> None:
    mistake = call(datetime.now(UTC) - timedelta(minutes=5))
    seeded.store.append([mistake, void(datetime.now(UTC) - timedelta(minutes=4), mistake)])
    out = tmp_path / "calls.csv"
    seeded.ok("export", "-o", str(out))
    other = Cli(tmp_path / "other")
    other.ok("import", str(out))
    mine, theirs = seeded.ok("export").stdout, other.ok("export").stdout
    assert theirs == mine
    keys = ("dials", "conversations", "meetings", "rejections", "outcomes")
    week_mine = json.loads(seeded.ok("summary", "--week", "--json").stdout)
    week_theirs = json.loads(other.ok("summary", "--week", "--json").stdout)
    assert {k: week_theirs[k] for k in keys} == {k: week_mine[k] for k in keys}


# -- bad input ---------------------------------------------------------------------------


def assert_refused(result: Run, before: dict[str, bytes | None], after: dict[str, bytes | None]) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr, result
    assert len(result.stderr_lines) == 1, result
    assert result.stdout == "", result
    assert after == before, "a refused command changed files"
    line = result.stderr_lines[0]
    assert line.startswith("companion"), line
    return line


@pytest.fixture
def one_call(cli: Cli) -> Cli:
    """A home with a call on record, so 'nothing written' can be checked byte for byte."""
    cli.store.append([call(MARCH_10 - timedelta(days=30))])
    return cli


BAD_FILES: list[tuple[str, str]] = [
    ("empty.csv", "is empty; nothing to import"),
    ("blank.csv", "is empty; nothing to import"),
    ("no_header.csv", "line 1: the first line must name the columns; valid columns: timestamp, outcome"),
    ("no_outcome_column.csv", "line 1: no 'outcome' column (or disposition, result, call result); valid"),
    ("column_twice.csv", "line 1: column 'note' appears twice"),
    (
        "unknown_outcome.csv",
        'has outcome words Companion does not know: 1 row says "maybe". Map each to one of no, meeting, '
        'callback, not-fit, gatekeeper, voicemail, no-answer with --map "WORD=OUTCOME"',
    ),
    ("bad_timestamp.csv", "line 3: bad time '10 March 2025 09:03': use ISO-8601"),
    ("date_only.csv", "line 2: time '2025-03-10' has no time of day"),
    ("too_many_values.csv", "line 2: 3 values, but the header names 2 columns"),
    ("id_twice.csv", "line 3: id 'call-1' is used by an earlier event in this file"),
    ("after_multiline_note.csv", "line 4: bad time '2025-03-10 at nine'"),
    ("open_quote.csv", "line 2: not valid CSV"),
    ("not_utf8.csv", "line 3: not UTF-8 text"),
    ("not_a_list.json", "line 1: expected a JSON list of events"),
    ("missing_comma.json", "line 3: not valid JSON (expected ',' or ']' after an event)"),
    ("event_without_id.json", "line 3: event lacks 'id'"),
    ("unknown_outcome.json", "line 2: unknown outcome 'yes'; valid outcomes: no, meeting"),
    ("unknown_kind.json", "line 2: unknown kind 'call'; valid kinds: outcome, void, tag"),
    ("nan_recovery.json", "line 3: NaN is not a number an event can hold"),
    ("newer_schema.json", "line 2: event schema version 2 is newer than this app knows"),
    ("void_without_target.json", "line 2: a void event needs a target"),
    ("two_lists.json", "line 2: unexpected text after the list of events"),
    # Hostile files: each refused whole, in one line naming where, never a crash.
    ("deep_nesting.json", "line 2: nested too deeply to be an event"),
    ("long_item.json", "line 2: a line longer than 20,096 characters"),
    ("escape_in_session.json", "line 2: session must be text of 1 to 200 characters, without control codes"),
    ("before_1970_in_utc.json", "line 2: time 1970-01-01T00:30:00+01:00 is out of range"),
    ("unknown_field.json", "line 2: unknown field 'payload' in an event"),
    ("long_line.csv", "line 2: a line longer than 20,096 characters"),
    ("note_too_long.csv", "line 3: a note holds up to 2,000 characters and this one has 2,500"),
    ("not_utf8_late.csv", "line 3000: not UTF-8 text"),
]


@pytest.mark.parametrize(("name", "why"), BAD_FILES, ids=[name for name, _ in BAD_FILES])
def test_a_bad_file_is_refused_whole(one_call: Cli, name: str, why: str) -> None:
    path = DATA / "bad" / name
    before = snapshot(one_call.home)
    line = assert_refused(one_call.run("import", str(path)), before, snapshot(one_call.home))
    assert line.startswith(f"companion: {path}"), line
    assert why in line, line


def test_a_row_in_the_future_is_refused(one_call: Cli, tmp_path: Path) -> None:
    soon = (datetime.now(UTC) + timedelta(minutes=3)).astimezone(TZ).replace(tzinfo=None)
    path = tmp_path / "future.csv"
    path.write_text(f"timestamp,outcome\n2025-03-10T09:00,no\n{soon.isoformat(timespec='minutes')},no\n")
    before = snapshot(one_call.home)
    line = assert_refused(one_call.run("import", str(path)), before, snapshot(one_call.home))
    assert f"{path} line 3: time " in line and "is in the future" in line, line


def test_a_file_that_cannot_be_read_is_refused(one_call: Cli, tmp_path: Path) -> None:
    before = snapshot(one_call.home)
    missing = tmp_path / "nope.csv"
    line = assert_refused(one_call.run("import", str(missing)), before, snapshot(one_call.home))
    assert line == f"companion: cannot read {missing}: No such file or directory"
    line = assert_refused(one_call.run("import", str(tmp_path)), before, snapshot(one_call.home))
    assert line == f"companion: cannot read {tmp_path}: it is a folder; give a CSV or JSON file"
    line = assert_refused(one_call.run("import"), before, snapshot(one_call.home))
    assert "FILE" in line


BAD_EXPORTS: list[tuple[list[str], str]] = [
    (["--format", "xml"], "invalid choice: 'xml' (choose from 'csv', 'json', 'md')"),
    (["--since", "2025-13-01"], "bad date '2025-13-01': use YYYY-MM-DD"),
    (["--until", "yesterday"], "bad date 'yesterday'"),
    (["--since", "2025-03-11", "--until", "2025-03-10"], "--since 2025-03-11 is after --until 2025-03-10"),
    (["--colour"], "unknown option --colour for export; valid: --format"),
]


@pytest.mark.parametrize(("args", "why"), BAD_EXPORTS, ids=[" ".join(a) for a, _ in BAD_EXPORTS])
def test_bad_export_arguments_are_refused(one_call: Cli, args: list[str], why: str) -> None:
    before = snapshot(one_call.home)
    line = assert_refused(one_call.run("export", *args), before, snapshot(one_call.home))
    assert why in line, line


def test_export_into_a_missing_folder_is_refused(one_call: Cli, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "calls.csv"
    one_call.ok("export")  # reading takes the store's lock file: not data
    before = snapshot(tmp_path)
    line = assert_refused(one_call.run("export", "-o", str(out)), before, snapshot(tmp_path))
    assert line == f"companion: cannot write {out}: No such file or directory; nothing was written"
