"""`companion log OUTCOME [--reason R] [--note TEXT] [--at TIME]`: what it
prints, what it stores in the journal, and what `companion summary --json` then counts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.cli.times import parse_when
from companion.context import Context
from companion.core.clock import FrozenClock
from tests.cli.conftest import OUTCOME_NAMES, Companion
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)
# A winter Monday (CET, +01:00) and a summer Monday (CEST, +02:00), safely in the past.
WINTER_DAY = "2024-01-15"
SUMMER_DAY = "2024-07-15"
CONVERSATIONS = {"no", "meeting", "callback", "not-fit"}


def test_every_outcome_is_logged_stored_and_counted(companion: Companion) -> None:
    conversations = meetings = 0
    for minute, name in enumerate(OUTCOME_NAMES):
        result = companion.ok("log", name, "--at", f"{WINTER_DAY}T10:{minute:02d}")
        conversations += name in CONVERSATIONS
        meetings += name == "meeting"
        lines = result.stdout.splitlines()
        assert len(lines) == 1, result.describe()
        assert lines[0].startswith(f"Logged {name} at 10:{minute:02d}"), lines[0]
        assert f"Dials {minute + 1}/40" in lines[0]
        assert f"Conversations {conversations}/10" in lines[0]
        assert f"Meetings {meetings}/2" in lines[0]

    stored = companion.journal_lines()
    assert [line["kind"] for line in stored] == ["outcome"] * 7
    assert [line["outcome"] for line in stored] == list(OUTCOME_NAMES)
    assert [line["at"] for line in stored] == [f"{WINTER_DAY}T10:{m:02d}:00+01:00" for m in range(7)]
    assert len({uuid.UUID(line["id"]) for line in stored}) == 7
    assert all(line["v"] == 1 for line in stored)

    summary = companion.summary("--date", WINTER_DAY)
    assert summary["outcomes"] == dict.fromkeys(OUTCOME_NAMES, 1)
    assert summary["dials"] == 7
    assert summary["conversations"] == 4
    assert summary["meetings"] == 1
    assert summary["rejections"] == 1


@pytest.mark.parametrize(("typed", "stored"), [("No_Answer", "no-answer"), ("NOT-FIT", "not-fit")])
def test_outcome_names_forgive_case_and_underscores(companion: Companion, typed: str, stored: str) -> None:
    companion.ok("log", typed, "--at", f"{WINTER_DAY}T10:00")
    assert [line["outcome"] for line in companion.journal_lines()] == [stored]


def test_without_at_the_outcome_is_stamped_now_on_the_berlin_clock(companion: Companion) -> None:
    before = datetime.now(UTC)
    result = companion.ok("log", "voicemail")
    after = datetime.now(UTC)

    [stored] = companion.outcome_lines()  # (a live call starts its block too)
    at = datetime.fromisoformat(stored["at"])
    assert before - timedelta(seconds=1) <= at <= after + timedelta(seconds=1)
    assert at.utcoffset() == at.astimezone(BERLIN).utcoffset()
    assert f"at {at.astimezone(BERLIN):%H:%M}" in result.stdout
    summary = companion.summary("--date", at.astimezone(BERLIN).date().isoformat())
    assert summary["dials"] == 1
    assert summary["outcomes"]["voicemail"] == 1


def test_at_without_offset_is_read_in_the_configured_zone(companion: Companion) -> None:
    for at in (f"{WINTER_DAY}T14:05", f"{SUMMER_DAY}T14:05", f"{WINTER_DAY}T14:05:30"):
        companion.ok("log", "no", "--at", at)
    assert [line["at"] for line in companion.journal_lines()] == [
        f"{WINTER_DAY}T14:05:00+01:00",
        f"{SUMMER_DAY}T14:05:00+02:00",
        f"{WINTER_DAY}T14:05:30+01:00",
    ]
    assert companion.summary("--date", WINTER_DAY)["rejections"] == 2
    assert companion.summary("--date", SUMMER_DAY)["rejections"] == 1


def test_at_with_offset_keeps_the_instant_and_counts_toward_the_berlin_day(companion: Companion) -> None:
    given = [
        f"{WINTER_DAY}T14:05+01:00",
        f"{WINTER_DAY}T13:06Z",
        f"{WINTER_DAY}T08:07-05:00",
        # 23:30 in New York is 05:30 the next morning in Berlin: the Berlin day counts.
        f"{WINTER_DAY}T23:30-05:00",
    ]
    for at in given:
        companion.ok("log", "callback", "--at", at)
    stored = [datetime.fromisoformat(line["at"]) for line in companion.journal_lines()]
    assert stored == [datetime.fromisoformat(at) for at in given]
    assert all(at.utcoffset() is not None for at in stored)
    assert companion.summary("--date", "2024-01-14")["dials"] == 0
    assert companion.summary("--date", WINTER_DAY)["outcomes"]["callback"] == 3
    assert companion.summary("--date", "2024-01-16")["outcomes"]["callback"] == 1


def test_at_a_few_seconds_ahead_is_accepted(companion: Companion) -> None:
    """Clocks drift: up to a minute ahead is still a call that happened."""
    soon = (datetime.now(BERLIN) + timedelta(seconds=20)).replace(tzinfo=None, microsecond=0)
    companion.ok("log", "gatekeeper", "--at", soon.isoformat())
    [stored] = companion.outcome_lines()  # (a live call starts its block too)
    assert datetime.fromisoformat(stored["at"]) == soon.replace(tzinfo=BERLIN)


def test_reason_is_stored_in_its_canonical_form(companion: Companion) -> None:
    companion.ok("log", "no", "--reason", "Fear of change", "--at", f"{WINTER_DAY}T10:00")
    companion.ok("log", "no", "--reason", "budget", "--at", f"{WINTER_DAY}T10:01")
    assert [line.get("reason") for line in companion.journal_lines()] == ["fear-of-change", "budget"]


def test_note_markup_is_kept_as_text_and_escape_codes_are_removed(companion: Companion) -> None:
    note = (
        "[bold]Big[/bold] win [link=http://x]here[/link]"
        "\x1b[31m red\x1b[0m\x07 bell\x1b]0;stolen title\x07 \x9b2J\r\n"
        '{"kind":"outcome"} \u202eevil\t tab'
    )
    result = companion.ok("log", "meeting", "--note", note, "--at", f"{WINTER_DAY}T10:00")
    assert "\x1b" not in result.stdout

    raw = companion.journal.read_bytes()
    assert raw.count(b"\n") == 1, "a note must never split its journal line"
    [stored] = companion.journal_lines()
    text = stored["note"]
    assert "[bold]Big[/bold]" in text
    assert "[link=http://x]here[/link]" in text
    for bad in ("\x1b", "\x07", "\x9b", "\r", "\n", "\t", "\u202e"):
        assert bad not in text, f"{bad!r} survived in {text!r}"
    assert "red" in text
    assert '{"kind":"outcome"}' in text
    assert companion.summary("--date", WINTER_DAY)["meetings"] == 1


def test_a_note_of_only_control_characters_stores_no_note(companion: Companion) -> None:
    companion.ok("log", "no", "--note", "\x1b\x07\r\n", "--at", f"{WINTER_DAY}T10:00")
    [stored] = companion.journal_lines()
    assert not stored.get("note")


def test_a_long_note_is_stored_whole(companion: Companion) -> None:
    note = ("word " * 400).strip()
    companion.ok("log", "no", "--note", note, "--at", f"{WINTER_DAY}T10:00")
    [stored] = companion.journal_lines()
    assert stored["note"] == note


def test_at_in_the_spring_forward_gap_is_not_moved_back_an_hour(companion: Companion) -> None:
    # Berlin skips 02:00-03:00 on 30 March 2025.
    result = companion.run("log", "no", "--at", "2025-03-30T02:30")
    if result.returncode == 2:
        assert len(result.stderr_lines) == 1 and "Traceback" not in result.stderr
        assert not companion.journal.exists()
        return
    assert result.returncode == 0, result.describe()
    [stored] = companion.journal_lines()
    at = datetime.fromisoformat(stored["at"])
    assert at >= datetime(2025, 3, 30, 1, 0, tzinfo=UTC), f"stored {stored['at']}, before the gap"


def test_at_in_the_autumn_overlap_is_stored_with_one_of_its_two_offsets(companion: Companion) -> None:
    # 02:30 happens twice in Berlin on 26 October 2025.
    companion.ok("log", "no", "--at", "2025-10-26T02:30")
    [stored] = companion.journal_lines()
    assert stored["at"] in ("2025-10-26T02:30:00+02:00", "2025-10-26T02:30:00+01:00")
    assert companion.summary("--date", "2025-10-26")["rejections"] == 1


CLOCK_CHANGES = [
    (
        "America/New_York",
        "2025-11-02T01:30",
        "Logged no at 01:30 (the first 01:30, UTC-04:00: clocks went back, so it came twice;"
        " the second is 2025-11-02T01:30-05:00) on Sun 02 Nov 2025.",
        "2025-11-02T01:30:00-04:00",
    ),
    (
        "America/New_York",
        "2025-03-09T02:30",
        "Logged no at 03:30 (there was no 02:30: clocks went forward) on Sun 09 Mar 2025.",
        "2025-03-09T03:30:00-04:00",
    ),
    (
        "Europe/Berlin",
        "2025-10-26T02:30",
        "Logged no at 02:30 (the first 02:30, UTC+02:00: clocks went back, so it came twice;"
        " the second is 2025-10-26T02:30+01:00) on Sun 26 Oct 2025.",
        "2025-10-26T02:30:00+02:00",
    ),
    (
        "Europe/Berlin",
        "2025-03-30T02:30",
        "Logged no at 03:30 (there was no 02:30: clocks went forward) on Sun 30 Mar 2025.",
        "2025-03-30T03:30:00+02:00",
    ),
]


@pytest.mark.parametrize(
    ("zone", "at", "said", "stored_at"),
    CLOCK_CHANGES,
    ids=["new-york-back", "new-york-forward", "berlin-back", "berlin-forward"],
)
def test_a_time_a_clock_change_made_twice_or_never_says_which_hour_it_took(
    companion: Companion, zone: str, at: str, said: str, stored_at: str
) -> None:
    companion.write_config(f'[session]\ntimezone = "{zone}"\n')
    line = companion.ok("log", "no", "--at", at).stdout
    assert line.startswith(said + " Dials 1/40"), line
    [stored] = companion.journal_lines()
    assert stored["at"] == stored_at


def test_the_second_reading_named_by_its_offset_is_taken_without_a_word(companion: Companion) -> None:
    line = companion.ok("log", "no", "--at", "2025-10-26T02:30+01:00").stdout
    assert line.startswith("Logged no at 02:30 on Sun 26 Oct 2025. Dials 1/40"), line
    [stored] = companion.journal_lines()
    assert stored["at"] == "2025-10-26T02:30:00+01:00"


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date(2026, 10, 25), " (the first 02:30, UTC+02:00: clocks went back, so it came twice;"),
        (date(2026, 3, 29), " (there was no 02:30: clocks went forward)"),
        (date(2026, 11, 23), ""),
    ],
)
def test_a_bare_time_of_day_on_a_clock_change_day_says_so_too(
    ctx: Context, clock: FrozenClock, day: date, said: str
) -> None:
    clock.set(datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN))
    when, words = parse_when("02:30", ctx)
    assert words.startswith(said) and bool(words) == bool(said)
    assert when.date() == day


def test_a_time_of_day_means_today_and_the_reason_is_said_back(companion: Companion) -> None:
    # At noon: in the first ten minutes after midnight, 00:01 would be a live call, which starts
    # a block too (a second line in the journal).
    companion.clock = FrozenClock(datetime(2026, 3, 4, 12, 0, tzinfo=ZoneInfo(ZONE)))
    line = companion.ok("log", "no", "--reason", "budget", "--at", "00:01").stdout
    assert line.startswith("Logged no (budget) at 00:01 on "), line
    [stored] = companion.journal_lines()
    assert stored["at"].startswith(f"{companion.summary()['date']}T00:01:00"), stored
    assert stored["reason"] == "budget"


def test_a_call_from_another_year_names_the_year(companion: Companion) -> None:
    line = companion.ok("log", "meeting", "--at", "2020-01-01T08:00").stdout
    assert line.startswith("Logged meeting at 08:00 on Wed 01 Jan 2020."), line


def test_a_no_takes_a_cause_too(companion: Companion) -> None:
    line = companion.ok("log", "no", "--reason", "timing", "--cause", "skill-gap").stdout
    assert line.startswith("Logged no (timing, skill gap) at "), line
    [stored] = companion.outcome_lines()  # (a live call starts its block too)
    assert (stored["reason"], stored["cause"]) == ("timing", "skill-gap")
