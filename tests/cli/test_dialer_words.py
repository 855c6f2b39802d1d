"""A dialer's own words for outcomes, at both doors: `companion log` takes every word an import
takes (ours in any case, the dialers' we know, the rep's own from [dispositions]); an import
names each word it does not know with its row count, imports nothing, and takes --map."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.core.events import EventKind
from tests.cli.conftest import BASE_CONFIG, OUTCOME_NAMES, Companion, snapshot

CUSTOM = Path(__file__).parent.parent / "transfer" / "data" / "dialers" / "custom_words.csv"
MAPS = ("--map", "Interested - send info=callback", "--map", "DNC=no")
DISPOSITIONS = '[dispositions]\n"Interested - send info" = "callback"\ndnc = "no"\n'
WHEN = ("--at", "2024-01-15T10:00")


def refused(companion: Companion, *args: str) -> str:
    """Run, insist on exit 2 with one line and nothing stored; that line."""
    before = snapshot(companion.data)
    result = companion.run(*args)
    assert result.returncode == 2, result.describe()
    assert len(result.stderr_lines) == 1 and "Traceback" not in result.stderr, result.describe()
    assert snapshot(companion.data) == before
    return result.stderr_lines[0]


# -- companion log ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "outcome", "reason"),
    [
        ("left voicemail", "voicemail", None),
        ("Left_Voicemail", "voicemail", None),
        ("BUSY", "no-answer", None),
        ("Hung Up", "no", "hung-up"),
        ("not-interested", "no", "not-interested"),
        ("Appointment Set", "meeting", None),
        ("No Answer", "no-answer", None),
    ],
)
def test_log_takes_the_dialer_words_an_import_takes(
    companion: Companion, word: str, outcome: str, reason: str | None
) -> None:
    result = companion.ok("log", word, *WHEN)
    assert result.stdout.startswith(f"Logged {outcome}")
    [stored] = companion.outcome_lines()
    assert (stored["outcome"], stored.get("reason")) == (outcome, reason)


def test_log_and_import_read_every_word_the_same(companion: Companion, tmp_path: Path) -> None:
    words = ["Busy", "Left VM", "Hung Up", "Meeting Booked", "Wrong Number", "Receptionist", "not_fit"]
    calls = tmp_path / "calls.csv"
    rows = "".join(f"2024-01-15T09:{n:02d},{word}\n" for n, word in enumerate(words))
    calls.write_text("timestamp,outcome\n" + rows, encoding="utf-8")
    companion.ok("import", str(calls))
    imported = [(e.outcome, e.reason) for e in companion.all_events() if e.kind is EventKind.OUTCOME]
    home = Companion(tmp_path / "logged")
    home.home.mkdir()
    home.write_config(BASE_CONFIG)
    for n, word in enumerate(words):
        home.ok("log", word, "--at", f"2024-01-15T10:{n:02d}")
    logged = [(e.outcome, e.reason) for e in home.all_events()]
    assert logged == imported and len(imported) == len(words)


def test_the_flag_s_reason_wins_over_the_word_s(companion: Companion) -> None:
    companion.ok("log", "Not Interested", "--reason", "budget", *WHEN)
    assert companion.outcome_lines()[0]["reason"] == "budget"


def test_a_dialer_word_that_is_not_a_no_takes_no_reason(companion: Companion) -> None:
    line = refused(companion, "log", "Left Voicemail", "--reason", "budget")
    assert "--reason tags a rejection, and voicemail is not one" in line


def test_log_takes_the_rep_s_own_words_from_dispositions(companion: Companion) -> None:
    companion.write_config(BASE_CONFIG + DISPOSITIONS)
    companion.ok("log", "Interested - send info", *WHEN)
    companion.ok("log", "INTERESTED_SEND_INFO", "--at", "2024-01-15T10:01")
    companion.ok("log", "DNC", "--at", "2024-01-15T10:02")
    assert [line["outcome"] for line in companion.outcome_lines()] == ["callback", "callback", "no"]


def test_an_unknown_word_is_one_line_naming_it_and_the_valid_ones(companion: Companion) -> None:
    line = refused(companion, "log", "Interested - send info")
    assert line.startswith('companion: unknown outcome "Interested - send info"; valid outcomes: ')
    assert all(name in line for name in OUTCOME_NAMES)
    assert "[dispositions]" in line and line.endswith("nothing was saved")
    assert companion.journal_lines() == []


def test_a_bad_dispositions_entry_is_named_and_never_costs_a_call(companion: Companion) -> None:
    """Other commands refuse the file; `log` stores the call all the same (a dialer's hook), says
    what is wrong in the same words, and the table's other words still count."""
    config = companion.write_config(
        BASE_CONFIG + '[dispositions]\n"DNC" = "maybe"\n"Left VM" = "voicemail"\n'
    )
    said = f'companion: {config}: [dispositions] "DNC" maps to an unknown outcome "maybe"'
    assert refused(companion, "status").startswith(said)
    result = companion.run("log", "Left VM")
    assert result.returncode == 0, result.describe()
    [line] = result.stderr_lines
    assert line.startswith(said) and line.endswith("this command uses the built-in value in its place")
    assert [call["outcome"] for call in companion.outcome_lines()] == ["voicemail"]


# -- companion import ------------------------------------------------------------------------


def test_an_import_names_each_unknown_word_with_its_rows_and_imports_nothing(companion: Companion) -> None:
    line = refused(companion, "import", str(CUSTOM))
    assert f"{CUSTOM} has outcome words Companion does not know: " in line
    assert '2 rows say "Interested - send info", 1 row says "DNC".' in line
    assert '--map "WORD=OUTCOME"' in line and "[dispositions]" in line
    assert line.endswith("nothing was imported")
    assert companion.all_events() == []


def test_a_word_left_unmapped_is_still_named(companion: Companion) -> None:
    line = refused(companion, "import", str(CUSTOM), "--map", "DNC=no")
    assert '2 rows say "Interested - send info".' in line and "DNC" not in line


def test_map_imports_the_file_and_a_second_import_adds_nothing(companion: Companion) -> None:
    first = companion.ok("import", str(CUSTOM), *MAPS)
    assert first.stdout.startswith(f"Imported 5 new events (0 already there) from {CUSTOM}")
    events = [e for e in companion.all_events() if e.kind is EventKind.OUTCOME]
    assert [(e.outcome and e.outcome.value, e.reason) for e in events] == [
        ("callback", None),
        ("no", None),
        ("voicemail", None),
        ("callback", None),
        ("no", "hung-up"),
    ]
    again = companion.ok("import", str(CUSTOM), *MAPS)
    assert again.stdout.startswith(f"Imported 0 new events (5 already there) from {CUSTOM}")
    assert [e.id for e in companion.all_events() if e.kind is EventKind.OUTCOME] == [e.id for e in events]


def test_dispositions_import_as_map_does_with_the_same_ids(companion: Companion, tmp_path: Path) -> None:
    companion.ok("import", str(CUSTOM), *MAPS)
    by_map = sorted(e.id for e in companion.all_events() if e.kind is EventKind.OUTCOME)
    other = Companion(tmp_path / "other-home")
    other.home.mkdir()
    other.write_config(BASE_CONFIG + DISPOSITIONS)
    other.ok("import", str(CUSTOM))
    assert sorted(e.id for e in other.all_events() if e.kind is EventKind.OUTCOME) == by_map
    companion.write_config(BASE_CONFIG + DISPOSITIONS)  # the same words, now from the file
    assert "(5 already there)" in companion.ok("import", str(CUSTOM)).stdout


def test_map_wins_over_dispositions_for_that_import(companion: Companion) -> None:
    companion.write_config(BASE_CONFIG + DISPOSITIONS)
    companion.ok("import", str(CUSTOM), "--map", "interested send info=meeting")
    assert [e.outcome and e.outcome.value for e in companion.all_events()].count("meeting") == 2


@pytest.mark.parametrize(
    ("flag", "why"),
    [
        ("DNC", 'companion: --map "DNC" needs WORD=OUTCOME, such as --map "Interested - send info=callback"'),
        ("DNC=maybe", 'companion: --map "DNC=maybe" maps to an unknown outcome "maybe"; valid outcomes: no'),
        ("=no", 'companion: --map "=no" is an empty word'),
        (
            "No=meeting",
            'companion: --map "No=meeting" is Companion\'s own outcome no; it cannot mean meeting',
        ),
        ("DNC\x1b[2J=no", 'companion: --map "DNC\\x1b[2J=no" holds a control character'),
    ],
)
def test_a_bad_map_is_one_line_naming_the_flag(companion: Companion, flag: str, why: str) -> None:
    line = refused(companion, "import", str(CUSTOM), "--map", flag)
    assert line.startswith(why) and line.endswith("nothing was imported")
