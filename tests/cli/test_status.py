"""`companion status`: one line (or JSON) from what is stored, with the app
closed; a bad format is one line and exit 2; it never writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from companion.core.clock import FrozenClock
from tests.cli.conftest import Companion
from tests.conftest import ZONE

MONDAY = datetime(2024, 1, 15, 10, 0, tzinfo=ZoneInfo(ZONE))


def test_status_prints_the_day_in_one_line_and_as_json(companion: Companion) -> None:
    for outcome in ("voicemail", "meeting", "voicemail"):
        companion.ok("log", outcome)
    assert companion.ok("status").stdout == "3/40 dials · 1/10 conv · 1/2 mtg\n"
    companion.ok("log", "no")  # its reset now waits for a dial mark
    line = companion.ok("status", "--format", "{dials} dials, {rejections} no [{state}]").stdout
    assert line == "4 dials, 1 no [reset]\n"
    data = json.loads(companion.ok("status", "--json").stdout)
    # The first call started the block (issue 22): its own 20 dials, 4 made within seconds.
    assert (data["dials"], data["conversations"], data["state"], data["pace"]) == (4, 2, "reset", 4)
    assert data["block"] == {"target": 20, "dials": 4, "pace": 4}
    before = companion.journal.read_bytes()
    companion.ok("status")
    assert companion.journal.read_bytes() == before  # reading only


def test_a_bad_format_is_one_line_and_exit_2(companion: Companion) -> None:
    for args, why in (
        (("--format", "{dials.__class__}"), "unknown field {dials.__class__}; valid fields: dials"),
        (("--format", "{dials}", "--json"), "--format and --json each choose the output"),
    ):
        result = companion.run("status", *args)
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr_lines) == 1 and why in result.stderr


def test_status_adds_the_week_against_its_target_and_its_fields_for_a_format(companion: Companion) -> None:
    companion.write_config(companion.config.read_text(encoding="utf-8") + "[targets]\nweek_dials = 150\n")
    companion.clock = FrozenClock(MONDAY)
    for outcome in ("voicemail", "no-answer"):
        companion.ok("log", outcome)
    data = json.loads(companion.ok("status", "--json").stdout)
    assert data["week_targets"] == {"dials": 150, "conversations": 50, "meetings": 10}
    on_track = {k: data["on_track"][k] for k in ("verdict", "dials", "target", "due", "behind")}
    assert on_track == {"verdict": "on-track", "dials": 2, "target": 150, "due": 0, "behind": 0}  # Monday
    companion.clock = FrozenClock(MONDAY + timedelta(days=2))  # Wednesday: 60 due
    companion.ok("log", "voicemail")
    data = json.loads(companion.ok("status", "--json").stdout)
    assert (data["on_track"]["verdict"], data["on_track"]["due"], data["on_track"]["behind"]) == (
        "behind",
        60,
        57,
    )
    line = companion.ok("status", "--format", "{week_dials}/{week_dials_target} week, {week_behind} behind")
    assert line.stdout == "3/150 week, 57 behind\n"
