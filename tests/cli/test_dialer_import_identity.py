"""A dialer row's identity is the row: the same file read with another date order, zone or
--map adds nothing, or is refused in one line naming the import that brought it and how to
undo it. An import is undone as a whole (voids: history is never rewritten), listed, and the
ids earlier versions gave are still known."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from companion.core.calendar import zone
from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from companion.store.store import Store
from companion.transfer.reading import ROW_NAMESPACE, read_import
from tests.cli.conftest import BASE_CONFIG, Companion, snapshot
from tests.conftest import ZONE

# 03/04 and 05/06 read either way: a file only --date-order can place.
TWO_WAYS = (
    "Call Time,Disposition,Contact,Notes\n"
    "03/04/2026 10:00,Not Interested,Ann Lee,pricing first\n"
    "05/06/2026 11:30,Appointment Set,Bob Roe,\n"
    "05/06/2026 11:30,Appointment Set,Bob Roe,\n"  # a second real call in the same minute
)
TOKEN = re.compile(r"as import ([0-9a-f]{12}) \(undo: companion import --undo \1\)")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def token_of(stdout: str) -> str:
    found = TOKEN.search(stdout)
    assert found, stdout
    return found.group(1)


def live_calls(companion: Companion) -> list[Event]:
    events = companion.all_events()
    voided = {e.target for e in events if e.kind is EventKind.VOID}
    return sorted(
        (e for e in events if e.kind is EventKind.OUTCOME and e.id not in voided), key=lambda e: e.at
    )


def days(companion: Companion) -> list[str]:
    return [e.at.date().isoformat() for e in live_calls(companion)]


def refused(companion: Companion, *args: str) -> str:
    before = snapshot(companion.data)
    result = companion.run(*args)
    assert result.returncode == 2, result.describe()
    assert result.stdout == "" and len(result.stderr_lines) == 1, result.describe()
    assert "Traceback" not in result.stderr
    assert snapshot(companion.data) == before, "a refused command changed the store"
    return result.stderr_lines[0]


def test_the_other_date_order_is_refused_naming_the_import_and_its_undo(
    companion: Companion, tmp_path: Path
) -> None:
    calls = write(tmp_path / "calls.csv", TWO_WAYS)
    token = token_of(companion.ok("import", str(calls), "--date-order", "dmy").stdout)
    assert days(companion) == ["2026-04-03", "2026-06-05", "2026-06-05"]
    line = refused(companion, "import", str(calls), "--date-order", "mdy")
    assert line.startswith(f"companion: {calls} line 2: this row came in on ")
    assert f"with import {token} (calls.csv: 3 calls, dates day first, zone {ZONE})" in line
    assert "as a call at 2026-04-03 10:00, and now reads as 2026-03-04 10:00: it would count twice" in line
    assert line.endswith(f"first run companion import --undo {token}; nothing was imported")
    assert days(companion) == ["2026-04-03", "2026-06-05", "2026-06-05"]


def test_another_zone_is_refused_and_the_same_reading_adds_nothing(
    companion: Companion, tmp_path: Path
) -> None:
    calls = write(tmp_path / "calls.csv", TWO_WAYS)
    companion.ok("import", str(calls), "--date-order", "mdy")
    again = companion.ok("import", str(calls), "--date-order", "mdy").stdout
    assert again.startswith(f"Imported 0 new events (3 already there) from {calls}\n")
    companion.write_config(BASE_CONFIG.replace(ZONE, "America/Los_Angeles"))
    line = refused(companion, "import", str(calls), "--date-order", "mdy")
    assert "zone Europe/Berlin" in line and "now reads as 2026-03-04 10:00" in line  # 10:00 there
    assert len(live_calls(companion)) == 3


def test_another_map_a_renamed_file_and_a_resaved_header_add_nothing(
    companion: Companion, tmp_path: Path
) -> None:
    first = write(
        tmp_path / "first.csv", "Call Time,Disposition\n2026-03-04 10:00,Hot lead\n2026-03-04 10:05,no\n"
    )
    companion.ok("import", str(first), "--map", "Hot lead=callback")
    # Another word for the same row, another file name, headers in another case, order and spacing.
    other = write(
        tmp_path / "other.csv", "disposition , CALL  TIME\nHot lead,2026-03-04 10:00\nno,2026-03-04 10:05\n"
    )
    result = companion.ok("import", str(other), "--map", "Hot lead=meeting")
    assert result.stdout == f"Imported 0 new events (2 already there) from {other}\n"
    assert [e.outcome for e in live_calls(companion)] == [Outcome.CALLBACK, Outcome.NO]


def test_a_real_difference_in_the_row_is_a_new_call(companion: Companion, tmp_path: Path) -> None:
    companion.ok(
        "import", str(write(tmp_path / "a.csv", "Call Time,Disposition,Contact\n2026-03-04 10:00,no,Ann\n"))
    )
    changed = write(tmp_path / "b.csv", "Call Time,Disposition,Contact\n2026-03-04 10:00,no,Bea\n")
    assert "Imported 1 new event (0 already there)" in companion.ok("import", str(changed)).stdout
    assert len(live_calls(companion)) == 2


def test_an_undo_stops_the_calls_counting_everywhere_and_the_file_comes_back_read_anew(
    companion: Companion, tmp_path: Path
) -> None:
    calls = write(tmp_path / "calls.csv", TWO_WAYS)
    companion.ok("log", "no", "--at", "2026-04-03T09:00")  # a call of the rep's own, kept
    token = token_of(companion.ok("import", str(calls), "--date-order", "dmy").stdout)
    assert companion.summary("--date", "2026-04-03")["dials"] == 2
    done = companion.ok("import", "--undo", token[:6])  # its first characters will do
    assert done.stdout == (
        f"Undid import {token} (calls.csv: 3 calls, dates day first, zone {ZONE}): 3 calls no longer count\n"
    )
    assert companion.summary("--date", "2026-04-03")["dials"] == 1
    assert companion.summary("--date", "2026-06-05")["dials"] == 0
    exported = list(csv.DictReader(io.StringIO(companion.ok("export").stdout)))
    assert [row["timestamp"][:10] for row in exported] == ["2026-04-03"]
    # History is never rewritten: the calls are still there, voided by new events.
    assert len([e for e in companion.all_events() if e.kind is EventKind.OUTCOME]) == 4
    # Read the other way now, the rows are new calls.
    again = companion.ok("import", str(calls), "--date-order", "mdy").stdout
    assert again.startswith(f"Imported 3 new events (0 already there) from {calls} as import ")
    assert days(companion) == ["2026-03-04", "2026-04-03", "2026-05-06", "2026-05-06"]
    assert companion.ok("import", str(calls), "--date-order", "mdy").stdout.startswith(
        "Imported 0 new events (3 already there)"
    )


def test_an_undo_again_changes_nothing_and_an_unknown_id_is_one_line(
    companion: Companion, tmp_path: Path
) -> None:
    token = token_of(
        companion.ok("import", str(write(tmp_path / "c.csv", TWO_WAYS)), "--date-order", "dmy").stdout
    )
    companion.ok("import", "--undo", token)
    before = snapshot(companion.data)
    again = companion.ok("import", "--undo", token)
    assert (
        again.stdout.startswith(f"Import {token} (c.csv: 3 calls")
        and "undone already; nothing changed" in again.stdout
    )
    assert snapshot(companion.data) == before
    for wrong in ("0" * 12, "nope", "x" * 5000, "\x1b[31m"):
        line = refused(companion, "import", "--undo", wrong)
        assert "is no import's id (companion import --list shows them); nothing was undone" in line
        assert "\x1b" not in line and len(line) < 200
    line = refused(companion, "import", str(tmp_path / "c.csv"), "--undo", token)
    assert (
        line == "companion: import takes one of: a file (companion import FILE), --list, or --undo ID;"
        " nothing was imported"
    )


def test_list_shows_each_import_newest_first_and_what_was_undone(
    companion: Companion, tmp_path: Path
) -> None:
    assert companion.ok("import", "--list").stdout == "No imports yet\n"
    first = token_of(
        companion.ok("import", str(write(tmp_path / "one.csv", TWO_WAYS)), "--date-order", "dmy").stdout
    )
    second_file = write(tmp_path / "two.csv", "timestamp,outcome\n2026-03-09T10:00,no\n")
    second = token_of(companion.ok("import", str(second_file)).stdout)
    companion.ok("import", "--undo", first)
    assert companion.ok("import", "--undo", second).stdout.endswith(": 1 call no longer counts\n")
    lines = companion.ok("import", "--list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [second, first]  # newest first (same minute: ids differ)
    assert lines[0].endswith("two.csv: 1 call, no day-month dates, zone Europe/Berlin (undone)")
    assert lines[1].endswith("one.csv: 3 calls, dates day first, zone Europe/Berlin (undone)")


def test_a_call_voided_by_hand_is_not_brought_back_by_importing_again(
    companion: Companion, tmp_path: Path
) -> None:
    calls = write(
        tmp_path / "calls.csv", "timestamp,outcome\n2026-03-09T10:00,no\n2026-03-09T10:05,meeting\n"
    )
    companion.ok("import", str(calls))
    [mis_key, _] = live_calls(companion)
    Store(companion.data).prepare().append(
        [make_event(EventKind.VOID, mis_key.at, target=mis_key.id, source="app")]
    )
    assert "Imported 0 new events (2 already there)" in companion.ok("import", str(calls)).stdout
    assert [e.outcome for e in live_calls(companion)] == [Outcome.MEETING]


def old_id(at_utc: str, outcome: str, note: str = "", count: int = 0) -> str:
    """The id the version before this one gave a row without an id, worked out here on its own."""
    content = "\x1f".join((at_utc, outcome, "", "", note, ""))
    return str(uuid.uuid5(ROW_NAMESPACE, f"{content}\x1e{count}"))


def test_a_file_imported_before_upgrading_is_known_again(companion: Companion, tmp_path: Path) -> None:
    text = "timestamp,outcome,note\n2026-03-09T10:00,no,x\n2026-03-09T10:00,no,x\n2026-03-09T10:07,meeting,\n"
    calls = write(tmp_path / "calls.csv", text)
    # What the earlier version stored for this file (source import, ids from the rows' readings).
    tz = zone(ZONE)
    earlier = [
        Event.from_dict({**e.to_dict(), "source": "import", "id": old})
        for e, old in zip(
            read_import(text, tz, datetime(2026, 12, 1, tzinfo=tz)),
            (
                old_id("2026-03-09T09:00:00+00:00", "no", "x"),
                old_id("2026-03-09T09:00:00+00:00", "no", "x", 1),
                old_id("2026-03-09T09:07:00+00:00", "meeting"),
            ),
            strict=True,
        )
    ]
    Store(companion.data).prepare().add(earlier)
    assert (
        companion.ok("import", str(calls)).stdout == f"Imported 0 new events (3 already there) from {calls}\n"
    )
    assert companion.summary("--date", "2026-03-09")["dials"] == 3
    assert "imports older than import ids" in companion.ok("import", "--list").stdout


def test_a_mixed_order_file_is_refused_by_its_own_lines_and_dates(
    companion: Companion, tmp_path: Path
) -> None:
    # The first date tells nothing, so the file is read through for its order.
    mixed = write(
        tmp_path / "m.csv",
        "Call Time,Disposition\n03/04/2026 10:00,no\n\n25/12/2025 9:15,no\n"
        "03/05/2026 10:00,no\n12/31/2025 16:40,no\n",
    )
    line = refused(companion, "import", str(mixed))
    assert line == (
        f"companion: {mixed} has dates day first (line 4: 25/12/2025 9:15) and month first (line 6: "
        "12/31/2025 16:40); one file needs one order; nothing was imported"
    )
    # A first date that tells: the file is refused where the other order shows, citing both.
    told = write(tmp_path / "t.csv", "Call Time,Disposition\n13/01/2026 10:00,no\n01/14/2026 08:00 PM,no\n")
    line = refused(companion, "import", str(told))
    assert line == (
        f"companion: {told} line 3: date '01/14/2026 08:00 PM' is month first, and '13/01/2026 10:00' on "
        "line 2 is day first: one file, one order; nothing was imported"
    )


@pytest.mark.parametrize(("fmt", "said"), [("csv", "1 call"), ("json", "1 event")])
def test_one_exported_call_is_one_call(companion: Companion, tmp_path: Path, fmt: str, said: str) -> None:
    companion.ok("log", "no", "--at", "2026-03-09T10:00")
    out = tmp_path / f"one.{fmt}"
    assert (
        companion.ok("export", "--format", fmt, "-o", str(out)).stdout
        == f"Exported {said} as {fmt} to {out}\n"
    )


def test_a_json_round_trip_keeps_imports_their_records_and_undos(
    companion: Companion, tmp_path: Path
) -> None:
    token = token_of(
        companion.ok("import", str(write(tmp_path / "c.csv", TWO_WAYS)), "--date-order", "dmy").stdout
    )
    companion.ok("import", "--undo", token)
    companion.ok("log", "meeting", "--at", "2026-04-03T12:00")
    backup = tmp_path / "backup.json"
    companion.ok("export", "--format", "json", "-o", str(backup))
    kinds = [item["kind"] for item in json.loads(backup.read_text())]
    assert kinds.count("import") == 1 and kinds.count("void") == 4
    other = Companion(tmp_path / "other")
    other.home.mkdir(mode=0o700)
    other.write_config(BASE_CONFIG)
    other.ok("import", str(backup))
    assert sorted(e.id for e in other.all_events()) == sorted(e.id for e in companion.all_events())
    for day in ("2026-04-03", "2026-06-05"):
        assert other.summary("--date", day) == companion.summary("--date", day)
    assert other.ok("import", "--list").stdout == companion.ok("import", "--list").stdout


def test_today_s_status_line_stops_counting_an_undone_import(companion: Companion, tmp_path: Path) -> None:
    companion.clock = FrozenClock(datetime(2026, 3, 9, 12, 0, tzinfo=zone(ZONE)))
    companion.ok("log", "no", "--at", "2026-03-09T09:00")
    calls = write(tmp_path / "c.csv", "Call Time,Disposition\n\n03/09/2026 10:00,no\n03/09/2026 10:05,meet\n")
    # Read day first, 03/09 would be after today: still only the order is asked for, by the
    # file's own first such date and its line.
    line = refused(companion, "import", str(calls), "--map", "meet=meeting")
    assert line == (
        f"companion: {calls} line 3: dates such as 03/09/2026 10:00 could be day or month first, and none"
        " tells; say which with --date-order dmy or --date-order mdy; nothing was imported"
    )
    token = token_of(
        companion.ok("import", str(calls), "--map", "meet=meeting", "--date-order", "mdy").stdout
    )
    assert companion.ok("status").stdout.startswith("3/")
    assert companion.ok("import", "--undo", token).stdout.endswith(": 2 calls no longer count\n")
    assert companion.ok("status").stdout.startswith("1/")
