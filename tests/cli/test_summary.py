"""`companion summary [--date D] [--week] [--json]`: the flat JSON contract, the counting rules,
the week and the 7-day window for no's per yes, undo, and rituals. History is written with the
store, then read back by the command, in process."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from companion.core.clock import FrozenClock
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import BASE_CONFIG, OUTCOME_NAMES, Companion
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)
MONDAY = datetime(2024, 1, 15, tzinfo=BERLIN)  # week of Mon 15 to Sun 21 January 2024
TOP_KEYS = {
    "dials",
    "conversations",
    "meetings",
    "rejections",
    "outcomes",
    "targets",
    "nos_per_yes",
    "rituals",
}
RITUAL_KEYS = {
    "completed", "skipped", "interrupted", "cut_short", "measured",
    "median_recovery_s", "median_hesitation_s",
}  # fmt: skip
LADDER_KEYS = ["at_once", "minutes_5", "minutes_15", "hour", "morning"]
VERDICTS = {"follows", "does-not-follow", "too-close", "too-few"}
# One working day of a busy rep: 40 dials, 2 of them meetings.
DAY_MIX = {
    Outcome.MEETING: 2,
    Outcome.NO: 8,
    Outcome.CALLBACK: 4,
    Outcome.NOT_FIT: 2,
    Outcome.GATEKEEPER: 4,
    Outcome.VOICEMAIL: 12,
    Outcome.NO_ANSWER: 8,
}


def outcome(at: datetime, what: Outcome, **fields: Any) -> Event:
    return make_event(EventKind.OUTCOME, at, outcome=what, source="test", **fields)


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def assert_contract(summary: dict[str, Any]) -> None:
    """The flat keys of design.md, integer counts, every outcome named."""
    assert set(summary) >= TOP_KEYS, sorted(TOP_KEYS - set(summary))
    for key in ("dials", "conversations", "meetings", "rejections"):
        assert is_count(summary[key]), (key, summary[key])
    assert set(summary["outcomes"]) == set(OUTCOME_NAMES)
    assert all(is_count(n) for n in summary["outcomes"].values())
    assert {"dials", "conversations", "meetings"} <= set(summary["targets"])
    assert all(is_count(n) for n in summary["targets"].values())
    assert list(summary["ladder"]) == LADDER_KEYS
    assert all(is_count(n) for n in summary["ladder"].values())
    assert summary["after_no"]["verdict"] in VERDICTS
    assert summary["nos_per_yes"] is None or isinstance(summary["nos_per_yes"], float)
    assert set(summary["rituals"]) == RITUAL_KEYS
    for key in ("completed", "skipped", "interrupted"):
        assert is_count(summary["rituals"][key])
    for key in ("median_recovery_s", "median_hesitation_s"):
        value = summary["rituals"][key]
        assert value is None or (isinstance(value, int | float) and not isinstance(value, bool))
    assert summary["dials"] == sum(summary["outcomes"].values())


def busy_week() -> list[Event]:
    """200 dials with 10 meetings, Monday 00:00 to Sunday 23:59:59, plus two calls just outside."""
    events = []
    for day in range(5):
        minute = 0
        for what, count in DAY_MIX.items():
            for _ in range(count):
                at = MONDAY + timedelta(days=day, hours=9, minutes=minute)
                events.append(outcome(at, what))
                minute += 1
    # Move the first and the last call to the very edges of the week: both still count.
    events[0] = outcome(MONDAY, events[0].outcome or Outcome.NO)
    events[-1] = outcome(MONDAY + timedelta(days=7, seconds=-1), events[-1].outcome or Outcome.NO)
    # Just outside: the Sunday before and the Monday after.
    events.append(outcome(MONDAY - timedelta(seconds=1), Outcome.MEETING))
    events.append(outcome(MONDAY + timedelta(days=7), Outcome.MEETING))
    return events


def test_week_of_200_dials_and_10_meetings_is_19_nos_per_yes(companion: Companion) -> None:
    assert companion.store().add(busy_week()) == 202

    week = companion.summary("--week", "--date", "2024-01-17")
    assert_contract(week)
    assert week["dials"] == 200
    assert week["meetings"] == 10
    assert week["rejections"] == 40
    assert week["conversations"] == 80
    assert week["nos_per_yes"] == week["other_dials_per_meeting"] == 19.0  # one figure, two names
    assert week["outcomes"] == {
        "meeting": 10,
        "no": 40,
        "callback": 20,
        "not-fit": 10,
        "gatekeeper": 20,
        "voicemail": 60,
        "no-answer": 40,
    }
    # Any day of the week names the same week.
    assert companion.summary("--week", "--date", "2024-01-21")["dials"] == 200
    assert companion.summary("--week", "--date", "2024-01-15")["dials"] == 200

    # A day summary: its own counts, but no's per yes over the 7 days ending with it.
    sunday = companion.summary("--date", "2024-01-21")
    assert_contract(sunday)
    assert sunday["dials"] == 1
    assert sunday["meetings"] == 0
    assert sunday["nos_per_yes"] == 19.0


def test_no_meetings_means_null_nos_per_yes(companion: Companion) -> None:
    ws = (Outcome.NO, Outcome.VOICEMAIL, Outcome.NO_ANSWER)
    companion.store().append([outcome(MONDAY + timedelta(hours=10, minutes=i), w) for i, w in enumerate(ws)])
    for args in (("--date", "2024-01-15"), ("--week", "--date", "2024-01-15")):
        summary = companion.summary(*args)
        assert_contract(summary)
        assert summary["dials"] == 3
        assert summary["nos_per_yes"] is None
    text = companion.ok("summary", "--date", "2024-01-15").stdout
    assert "Dials" in text and "3/40" in text


def test_empty_history_gives_zeros_for_today_in_the_configured_zone(companion: Companion) -> None:
    # 00:30 in Berlin is still the day before in UTC: today is the zone's day.
    companion.clock = FrozenClock(MONDAY + timedelta(days=2, minutes=30))
    summary = companion.summary()
    assert_contract(summary)
    assert (summary["period"], summary["date"], summary["until"]) == ("day", "2024-01-17", "2024-01-17")
    week = companion.summary("--week")
    assert (week["period"], week["date"], week["until"]) == ("week", "2024-01-15", "2024-01-21")
    assert summary["dials"] == summary["conversations"] == summary["meetings"] == summary["rejections"] == 0
    assert summary["outcomes"] == dict.fromkeys(OUTCOME_NAMES, 0)
    assert summary["nos_per_yes"] is None
    assert summary["rituals"] == {
        "completed": 0,
        "skipped": 0,
        "interrupted": 0,
        "cut_short": 0,
        "measured": 0,
        "median_recovery_s": None,
        "median_hesitation_s": None,
    }


def test_voided_outcomes_count_nowhere(companion: Companion) -> None:
    ws = (Outcome.NO, Outcome.MEETING, Outcome.CALLBACK)
    companion.store().append([outcome(MONDAY + timedelta(hours=10, minutes=i), w) for i, w in enumerate(ws)])
    meeting = next(line for line in companion.outcome_lines() if line["outcome"] == "meeting")
    undo_at = datetime(2024, 1, 15, 10, 5, tzinfo=BERLIN)
    companion.store().append([make_event(EventKind.VOID, undo_at, target=meeting["id"], source="test")])

    summary = companion.summary("--date", "2024-01-15")
    assert summary["dials"] == 2
    assert summary["meetings"] == 0
    assert summary["conversations"] == 2
    assert summary["outcomes"]["meeting"] == 0
    assert summary["nos_per_yes"] is None
    assert companion.summary("--week", "--date", "2024-01-15")["dials"] == 2
    # The voided call is still in the journal: history is never rewritten.
    assert meeting["id"] in companion.journal.read_text(encoding="utf-8")


def test_rituals_are_counted_with_median_recovery_and_hesitation(companion: Companion) -> None:
    base = MONDAY + timedelta(hours=10)
    nos = [outcome(base + timedelta(minutes=i), Outcome.NO) for i in range(7)]
    endings: list[tuple[RitualEnd, float | None, float | None]] = [
        (RitualEnd.COMPLETED, 12.0, 2.0),
        (RitualEnd.COMPLETED, 30.0, 4.0),
        (RitualEnd.COMPLETED, 20.0, 3.0),
        (RitualEnd.SKIPPED, None, None),
        (RitualEnd.INTERRUPTED, None, None),
        (RitualEnd.CUT_SHORT, None, None),  # the next call came through the steps: counted, untimed
        (RitualEnd.COMPLETED, 99.0, 9.0),  # its `no` is voided below: counts nowhere
    ]
    rituals = [
        make_event(
            EventKind.RITUAL,
            no.at + timedelta(seconds=40),
            target=no.id,
            ritual=end,
            recovery_s=recovery,
            hesitation_s=hesitation,
            source="test",
        )
        for no, (end, recovery, hesitation) in zip(nos, endings, strict=True)
    ]
    void = make_event(EventKind.VOID, base + timedelta(minutes=30), target=nos[-1].id, source="test")
    companion.store().add([*nos, *rituals])
    companion.store().append([void])

    summary = companion.summary("--date", "2024-01-15")
    assert_contract(summary)
    assert summary["rejections"] == 6
    assert summary["rituals"] == {
        "completed": 3,
        "skipped": 1,
        "interrupted": 1,
        "cut_short": 1,
        "measured": 3,
        "median_recovery_s": 20.0,
        "median_hesitation_s": 3.0,
    }
    assert companion.summary("--week", "--date", "2024-01-16")["rituals"]["completed"] == 3


def test_an_event_in_both_journal_and_archive_counts_once(companion: Companion) -> None:
    event = outcome(MONDAY + timedelta(hours=11), Outcome.MEETING)
    store = companion.store()
    store.append([event])
    store.add([event])
    store.append([event])
    summary = companion.summary("--date", "2024-01-15")
    assert summary["dials"] == 1
    assert summary["meetings"] == 1
    assert summary["nos_per_yes"] == 0.0


def test_the_ladder_and_the_after_effect_are_in_the_json_and_the_text(companion: Companion) -> None:
    """A quick no (timed at Dial), a no that took a coffee break (`p`, the block paused) and the
    after-effect over the 4 weeks to the day: three weeks back counts, as the app counts it."""
    base = MONDAY + timedelta(hours=10)
    quick = outcome(base, Outcome.NO)
    quick_end = make_event(
        EventKind.RITUAL, base + timedelta(seconds=30), target=quick.id, ritual=RitualEnd.COMPLETED,
        recovery_s=30.0, hesitation_s=10.0, source="test",
    )  # fmt: skip
    after_quick = outcome(base + timedelta(minutes=2), Outcome.MEETING)
    coffee = outcome(base + timedelta(minutes=10), Outcome.NO, session="b")
    paused = make_event(EventKind.PAUSE, base + timedelta(minutes=11), session="b", source="test")
    back = outcome(base + timedelta(minutes=40), Outcome.CALLBACK)  # 30 minutes on: "an hour"
    weeks_ago = MONDAY - timedelta(days=21) + timedelta(hours=10)
    earlier = [outcome(weeks_ago, Outcome.NO), outcome(weeks_ago + timedelta(minutes=1), Outcome.MEETING)]
    companion.store().add([quick, quick_end, after_quick, coffee, paused, back, *earlier])

    summary = companion.summary("--date", "2024-01-15")
    assert summary["ladder"] == {"at_once": 1, "minutes_5": 0, "minutes_15": 0, "hour": 1, "morning": 0}
    assert summary["ladder_untimed"] == 0
    after = summary["after_no"]
    assert after["verdict"] == "too-few" and after["window_days"] == 28 and after["min_conversations"] == 20
    # After a no: the meeting, the callback and, three weeks back, another meeting.
    assert (after["calls_after_no"], after["conversations_after_no"], after["meetings_after_no"]) == (3, 3, 2)
    assert (after["calls_otherwise"], after["conversations_otherwise"], after["meetings_otherwise"]) == (
        3,
        3,
        0,
    )
    assert after["connect_rate_after_no"] == 1.0 and after["meeting_rate_after_no"] == 0.667

    text = companion.ok("summary", "--date", "2024-01-15").stdout
    assert (
        "Callus ladder  at once 1 · 5 minutes 0 · 15 minutes 0 · an hour 1 · the morning 0 (2 no's)" in text
    )
    assert "After a no     Not told yet: it needs 20 conversations after a no (has 3)" in text
    assert (
        "Meetings per conversation, the 4 weeks to Mon 15 Jan: 67% (2 of 3) after a no,"
        " 0% (0 of 3) otherwise." in text
    )


def test_the_text_says_what_the_per_meeting_figure_counts_and_over_which_days(companion: Companion) -> None:
    """The coaching's 19 is every dial that was not a meeting: never called no's, which are
    the rejections alone; each window is named (a day's: the 7 days to it; a week's: its own)."""
    companion.store().add(busy_week())
    week = companion.ok("summary", "--week", "--date", "2024-01-17").stdout
    assert "Rejections       40" in week
    assert "Per meeting    19 other dials and 7 other conversations for each meeting, over the week" in week
    day = companion.ok("summary", "--date", "2024-01-21").stdout
    assert "for each meeting, over the 7 days to Sun 21 Jan" in day
    per_meeting = [line for line in (week + day).splitlines() if "Per meeting" in line]
    assert len(per_meeting) == 2  # (no's stay the rejections: the ladder counts them by name)
    assert all("no's" not in line and "per yes" not in line.lower() for line in per_meeting)
    assert "from the no to the dial mark" not in day  # none timed: no recovery line


def test_the_week_against_its_target_is_judged_on_the_days_over(companion: Companion) -> None:
    """200 dials a week by default (five days of 40). On Wednesday morning Monday's and Tuesday's
    80 are due; Wednesday's own calls count toward them, never against."""
    companion.store().add(busy_week())  # 40 a day from Monday, each day from 9:00
    companion.clock = FrozenClock(MONDAY + timedelta(days=2, hours=9, minutes=50))
    week = companion.summary("--week")
    assert_contract(week)
    assert week["targets"] == week["week_targets"] == {"dials": 200, "conversations": 50, "meetings": 10}
    assert week["on_track"] == {
        "verdict": "on-track",
        "as_of": "2024-01-17",
        "week_of": "2024-01-15",
        "dials": 120,  # Monday, Tuesday and Wednesday's 40 so far
        "target": 200,
        "due": 80,
        "behind": 0,
    }
    companion.write_config(BASE_CONFIG + "[targets]\nweek_dials = 310\n")  # 124 due by Wednesday
    week = companion.summary("--week")
    assert week["targets"]["dials"] == week["on_track"]["target"] == 310
    assert (week["on_track"]["verdict"], week["on_track"]["due"], week["on_track"]["behind"]) == (
        "behind",
        124,
        4,
    )
    assert companion.summary()["targets"]["dials"] == 40  # a day's own target stays the day's
    assert companion.summary()["week_targets"]["dials"] == 310
    text = companion.ok("summary", "--week").stdout
    assert "This week      120/310 dials, 124 due by the end of Tuesday: 4 behind" in text
    # A past week is judged whole: as of its Sunday, every dial of it against all of it.
    past = companion.summary("--week", "--date", "2024-01-08")
    assert past["on_track"]["verdict"] == "behind" and past["on_track"]["due"] == 310


def test_the_share_of_nos_outside_the_reps_control_and_the_nos_without_a_reason(companion: Companion) -> None:
    reasons = ["budget", "budget", "timing", "stakeholders", "hung-up", "competitor", None, None]
    companion.store().add(
        [
            outcome(MONDAY + timedelta(hours=10, minutes=i), Outcome.NO, reason=r)
            for i, r in enumerate(reasons)
        ]
    )
    for args in (("--date", "2024-01-15"), ("--week", "--date", "2024-01-15")):
        summary = companion.summary(*args)
        assert summary["rejections"] == 8
        assert (summary["nos_with_reason"], summary["nos_outside_control"]) == (6, 4)
        assert summary["nos_outside_control_share"] == 0.667
        assert summary["nos_outside_control_reasons"] == {"budget": 2, "timing": 1, "stakeholders": 1}
    text = companion.ok("summary", "--date", "2024-01-15").stdout
    assert (
        "No's reasons   4 of 6 no's with a reason (67%) were outside your control:"
        " budget 2, timing 1, stakeholders 1; 2 more had no reason tagged." in text
    )
    report = companion.ok("export", "--format", "md").stdout
    assert "- Reasons for the no's: 4 of 6 no's with a reason (67%) were outside your control" in report
    assert companion.summary("--date", "2024-01-16")["nos_outside_control_share"] is None  # none that day
