"""Day and week summaries: what `companion summary` prints, built from hand-made ledgers."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from companion.core.calendar import seven_days_ending, zone
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.summary import summarize_day, summarize_week
from tests.unit.helpers import BERLIN, DAY, block_end, block_start, many, outcome, ritual, t, void

TARGETS = Targets(dials=40, conversations=10, meetings=2)
WEDNESDAY = DAY + timedelta(days=2)  # DAY is Monday 23 November 2026
COUNT_KEYS = ("dials", "conversations", "meetings", "rejections")
OUTCOME_NAMES = {"no", "meeting", "callback", "not-fit", "gatekeeper", "voicemail", "no-answer"}
RITUAL_KEYS = {
    "completed", "skipped", "interrupted", "cut_short", "measured",
    "median_recovery_s", "median_hesitation_s",
}  # fmt: skip
LADDER_KEYS = ["at_once", "minutes_5", "minutes_15", "hour", "morning"]
VERDICTS = {"follows", "does-not-follow", "too-close", "too-few"}


def day_of_calls(day: date) -> list[Event]:
    """8 dials: 3 no-answers, 2 no's, a not-fit, a callback and a meeting."""
    return [
        *many(Outcome.NO_ANSWER, 3, t(9, day=day)),
        *many(Outcome.NO, 2, t(10, day=day)),
        outcome(Outcome.NOT_FIT, t(11, day=day)),
        outcome(Outcome.CALLBACK, t(11, 30, day=day)),
        outcome(Outcome.MEETING, t(12, day=day)),
    ]


def assert_design_json(data: dict[str, Any]) -> None:
    """The keys and types design.md promises for `companion summary --json`."""
    for key in COUNT_KEYS:
        assert type(data[key]) is int, key
    assert set(data["outcomes"]) == OUTCOME_NAMES
    assert all(type(n) is int for n in data["outcomes"].values())
    assert set(data["targets"]) == {"dials", "conversations", "meetings"}
    assert all(type(n) is int for n in data["targets"].values())
    assert data["nos_per_yes"] is None or isinstance(data["nos_per_yes"], float)
    assert set(data["rituals"]) == RITUAL_KEYS
    for key in ("completed", "skipped", "interrupted"):
        assert type(data["rituals"][key]) is int
    assert list(data["ladder"]) == LADDER_KEYS
    assert all(type(n) is int for n in data["ladder"].values())
    assert data["after_no"]["verdict"] in VERDICTS
    assert data["after_no"]["window_days"] == 28
    assert json.loads(json.dumps(data)) == data


# -- a day ---------------------------------------------------------------------------------


def test_a_day_counts_only_its_own_outcomes() -> None:
    ledger = Ledger(
        [
            *day_of_calls(DAY),
            outcome(Outcome.NO, t(23, 59, 59, day=DAY - timedelta(days=1))),
            outcome(Outcome.NO, t(0, 0, 0, day=DAY + timedelta(days=1))),
        ]
    )
    data = summarize_day(ledger, DAY, BERLIN, TARGETS).as_dict()
    assert_design_json(data)
    assert (data["dials"], data["conversations"], data["meetings"], data["rejections"]) == (8, 5, 1, 2)
    assert data["outcomes"] == {
        "no": 2,
        "meeting": 1,
        "callback": 1,
        "not-fit": 1,
        "gatekeeper": 0,
        "voicemail": 0,
        "no-answer": 3,
    }
    assert data["targets"] == {"dials": 40, "conversations": 10, "meetings": 2}
    assert data["date"] == data["until"] == "2026-11-23"


def test_voided_outcomes_are_left_out_of_a_summary() -> None:
    calls = day_of_calls(DAY)
    meeting = calls[-1]
    data = summarize_day(Ledger([*calls, void(meeting, t(12, 1))]), DAY, BERLIN, TARGETS).as_dict()
    assert data["dials"] == 7
    assert data["meetings"] == 0
    assert data["outcomes"]["meeting"] == 0


def test_a_day_with_nothing_has_zero_counts_and_null_rates() -> None:
    data = summarize_day(Ledger([]), DAY, BERLIN, TARGETS).as_dict()
    assert_design_json(data)
    assert data["dials"] == 0
    assert data["nos_per_yes"] is None
    assert data["rituals"] == {
        "completed": 0,
        "skipped": 0,
        "interrupted": 0,
        "cut_short": 0,
        "measured": 0,
        "median_recovery_s": None,
        "median_hesitation_s": None,
    }
    assert '"nos_per_yes": null' in json.dumps(data)


def test_a_days_nos_per_yes_uses_the_seven_days_ending_with_it() -> None:
    six_days_ago = DAY - timedelta(days=6)
    seven_days_ago = DAY - timedelta(days=7)
    ledger = Ledger(
        [
            # In the window: 10 dials, 2 of them meetings -> (10 - 2) / 2 = 4.0
            *many(Outcome.NO_ANSWER, 4, t(0, 0, day=six_days_ago)),
            outcome(Outcome.MEETING, t(9, day=six_days_ago)),
            *many(Outcome.NO, 4, t(9, day=DAY)),
            outcome(Outcome.MEETING, t(23, 59, 59, day=DAY)),
            # Outside it: the day before the window and the day after.
            *many(Outcome.MEETING, 3, t(23, 0, day=seven_days_ago)),
            *many(Outcome.NO, 5, t(0, 0, day=DAY + timedelta(days=1))),
        ]
    )
    summary = summarize_day(ledger, DAY, BERLIN, TARGETS)
    assert summary.counts.dials == 5  # the day itself
    assert summary.nos_per_yes == 4.0


def test_seven_days_ending_spans_exactly_seven_calendar_days() -> None:
    start, end = seven_days_ending(DAY, BERLIN)
    assert start == t(0, day=DAY - timedelta(days=6))
    assert end == t(0, day=DAY + timedelta(days=1))


def test_ritual_stats_of_a_day() -> None:
    nos = many(Outcome.NO, 7, t(9))
    mis_key = outcome(Outcome.NO, t(11))
    ledger = Ledger(
        [
            *nos,
            ritual(nos[0], t(9, 1), RitualEnd.COMPLETED, recovery_s=30.0, hesitation_s=2.0),
            ritual(nos[1], t(9, 2), RitualEnd.COMPLETED, recovery_s=10.0, hesitation_s=4.0),
            ritual(nos[2], t(9, 3), RitualEnd.COMPLETED, recovery_s=21.0, hesitation_s=9.0),
            ritual(nos[3], t(9, 4), RitualEnd.SKIPPED),
            ritual(nos[4], t(9, 5), RitualEnd.INTERRUPTED, recovery_s=1.0),
            ritual(nos[5], t(9, 6), RitualEnd.CANCELLED),
            # Cut short is never timed, whatever a hand-made line says.
            ritual(nos[6], t(9, 7), RitualEnd.CUT_SHORT, recovery_s=3.0, hesitation_s=1.0),
            mis_key,
            ritual(mis_key, t(11, 1), RitualEnd.COMPLETED, recovery_s=500.0),
            void(mis_key, t(11, 2)),
            ritual(
                outcome(Outcome.NO, t(9, day=DAY - timedelta(days=1))), t(9, 1, day=DAY - timedelta(days=1))
            ),
        ]
    )
    rituals = summarize_day(ledger, DAY, BERLIN, TARGETS).as_dict()["rituals"]
    assert rituals == {
        "completed": 3,
        "skipped": 1,
        "interrupted": 1,
        "cut_short": 1,
        "measured": 3,
        "median_recovery_s": 21.0,
        "median_hesitation_s": 4.0,
    }


def test_blocks_of_the_day_are_counted() -> None:
    ledger = Ledger(
        [
            block_start("a", t(9)),
            block_end("a", t(10)),
            block_start("b", t(14)),
            block_start("old", t(9, day=DAY - timedelta(days=1))),
        ]
    )
    assert summarize_day(ledger, DAY, BERLIN, TARGETS).as_dict()["blocks"] == 2


# -- a week --------------------------------------------------------------------------------


def test_a_week_runs_monday_to_sunday_and_has_five_days_of_targets() -> None:
    sunday = DAY + timedelta(days=6)
    ledger = Ledger(
        [
            *day_of_calls(DAY),
            *day_of_calls(WEDNESDAY),
            outcome(Outcome.NO, t(23, 59, 59, day=sunday)),
            outcome(Outcome.NO, t(23, 59, 59, day=DAY - timedelta(days=1))),  # last week
            outcome(Outcome.NO, t(0, 0, 0, day=sunday + timedelta(days=1))),  # next week
        ]
    )
    summary = summarize_week(ledger, WEDNESDAY, BERLIN, TARGETS)
    data = summary.as_dict()
    assert_design_json(data)
    assert (data["date"], data["until"]) == ("2026-11-23", "2026-11-29")
    assert data["period"] == "week"
    assert (data["dials"], data["rejections"], data["meetings"]) == (17, 5, 2)
    assert data["targets"] == {"dials": 200, "conversations": 50, "meetings": 10}


def test_a_weeks_nos_per_yes_uses_its_own_week_but_a_days_uses_seven_days() -> None:
    last_sunday = DAY - timedelta(days=1)
    ledger = Ledger(
        [
            # Last week, but inside the 7 days ending Wednesday: 1 meeting, 1 no.
            outcome(Outcome.MEETING, t(15, day=last_sunday)),
            outcome(Outcome.NO, t(16, day=last_sunday)),
            # This week: 19 no's and one meeting -> 19.0
            *many(Outcome.NO, 19, t(9, day=DAY)),
            outcome(Outcome.MEETING, t(10, day=WEDNESDAY)),
        ]
    )
    assert summarize_week(ledger, WEDNESDAY, BERLIN, TARGETS).nos_per_yes == 19.0
    # 22 dials and 2 meetings over the 7 days ending Wednesday -> 10.0
    assert summarize_day(ledger, WEDNESDAY, BERLIN, TARGETS).nos_per_yes == 10.0


def test_a_week_holding_a_dst_change_keeps_its_last_hour() -> None:
    berlin = zone("Europe/Berlin")
    sunday = date(2026, 10, 25)  # 25 hours long in Berlin
    late = outcome(Outcome.MEETING, t(23, 30, day=sunday))
    next_monday = outcome(Outcome.NO, t(0, 0, day=sunday + timedelta(days=1)))
    summary = summarize_week(Ledger([late, next_monday]), sunday, berlin, TARGETS)
    assert summary.counts.meetings == 1
    assert summary.counts.dials == 1
    assert summary.first == date(2026, 10, 19)


def test_a_day_and_a_week_share_the_same_flat_keys() -> None:
    ledger = Ledger(day_of_calls(DAY))
    day = summarize_day(ledger, DAY, BERLIN, TARGETS).as_dict()
    week = summarize_week(ledger, DAY, BERLIN, TARGETS).as_dict()
    assert_design_json(day)
    assert_design_json(week)
    assert set(day) <= set(week)  # a week may add more, such as its days
