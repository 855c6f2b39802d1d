"""The week against its dial target (core.week): judged on the working days already over, never
on today, and a verdict that ends on the next call either way."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.numbers import Targets
from companion.core.week import BEHIND, FIRST_DAY, MET, ON_TRACK, Verdict, week_standing

MONDAY = date(2026, 11, 23)
WEEK = [MONDAY + timedelta(days=n) for n in range(7)]
days = st.sampled_from(WEEK)
targets = st.builds(Targets, st.integers(0, 400), st.integers(0, 80), st.integers(0, 20))
counts = st.integers(0, 2_000)


def test_the_sources_week_on_wednesday_80_dials_are_due_and_70_is_10_behind() -> None:
    """200 dials a week (40 a day): Monday and Tuesday are over by Wednesday morning."""
    wednesday = MONDAY + timedelta(days=2)
    on = week_standing(Targets(), 80, wednesday)
    assert (on.target, on.due, on.behind, on.verdict) == (200, 80, 0, Verdict.ON_TRACK)
    short = week_standing(Targets(), 70, wednesday)
    assert (short.due, short.behind, short.verdict) == (80, 10, Verdict.BEHIND)
    assert short.words() == "10 dials behind this week. Each call takes one off."
    assert short.figures() == "70/200 dials, 80 due by the end of Tuesday: 10 behind"


@given(targets, counts)
def test_monday_is_never_behind_whatever_was_dialled(targets: Targets, done: int) -> None:
    """No working day is over on Monday: a morning without a call yet is on track."""
    standing = week_standing(targets, done, MONDAY)
    assert standing.due == 0 and standing.behind == 0
    assert standing.verdict is not Verdict.BEHIND
    if standing.verdict is Verdict.ON_TRACK:
        assert standing.words() == FIRST_DAY.text
        assert standing.figures() == f"{done}/{standing.target} dials, none due yet: on track"


@given(targets, days)
def test_what_is_due_is_the_even_share_of_the_working_days_over_rounded_up(
    targets: Targets, day: date
) -> None:
    week = targets.week().dials
    over = min(5, day.weekday())
    due = week_standing(targets, 0, day).due
    assert due * 5 >= week * over > (due - 1) * 5  # ceil(week * over / 5)
    if day.weekday() >= 5:  # from Saturday the whole week is due
        assert due == week


@given(targets, st.sampled_from(WEEK[1:6]), counts, st.integers(0, 200))
def test_today_is_never_due_before_it_ends_and_its_calls_only_make_up(
    targets: Targets, day: date, before: int, today: int
) -> None:
    """At the start of a working day only the days before it are due: a rep who had made them
    by last night is on track this morning, with no call yet; and today's calls can only bring
    the week closer, never set it further behind."""
    morning = week_standing(targets, before, day)
    last_night = week_standing(targets, before, day - timedelta(days=1))
    share_so_far = -(-targets.week().dials * day.weekday() // 5)  # every working day before today
    assert morning.due == share_so_far
    assert morning.due - last_night.due <= -(-targets.week().dials // 5)  # one day's share more at most
    if before >= share_so_far:
        assert morning.verdict is not Verdict.BEHIND
    later = week_standing(targets, before + today, day)
    assert later.behind <= morning.behind and later.due == morning.due


@given(targets, days, counts)
def test_each_call_brings_a_behind_week_one_dial_closer(targets: Targets, day: date, done: int) -> None:
    standing = week_standing(targets, done, day)
    after = week_standing(targets, done + 1, day)
    assert standing.behind == max(0, standing.due - done)
    assert after.behind == max(0, standing.behind - 1)
    if standing.verdict is Verdict.BEHIND:  # what the line says is what the next call does
        short = f"{standing.behind} dial{'s' * (standing.behind != 1)} behind this week"
        assert standing.words() == f"{short}. Each call takes one off."


@given(targets, days, counts)
def test_the_verdict_is_met_on_track_or_behind_and_ends_on_the_next_call(
    targets: Targets, day: date, done: int
) -> None:
    standing = week_standing(targets, done, day)
    week = targets.week().dials
    verdict = standing.verdict
    if week == 0:
        assert verdict is Verdict.NO_TARGET and standing.words() == ""
        return
    assert (verdict is Verdict.MET) == (done >= week)
    assert (verdict is Verdict.BEHIND) == (done < standing.due)
    words = standing.words()
    assert "dial" in words.lower() or "next call" in words  # points at the next call
    if standing.behind < 1000 and standing.target < 10_000:  # a week of up to 9,999 dials
        assert len(words) <= 56, words  # one line of the Review step at 60 columns
    assert "!" not in words  # no forced cheer


@given(counts, days)
def test_an_even_pace_through_the_week_is_never_behind(per_day: int, day: date) -> None:
    """A rep who made the day's target every working day before today is on track."""
    targets = Targets(dials=per_day)
    done = per_day * min(5, day.weekday())
    assert week_standing(targets, done, day).verdict is not Verdict.BEHIND


def test_a_week_target_from_the_config_is_the_one_judged() -> None:
    thursday = MONDAY + timedelta(days=3)
    mine = Targets(dials=40, week_dials=150)  # a four-day week's worth, say
    standing = week_standing(mine, 90, thursday)
    assert (standing.target, standing.due, standing.behind) == (150, 90, 0)
    assert standing.as_dict() == {
        "verdict": "on-track",
        "as_of": "2026-11-26",
        "week_of": "2026-11-23",
        "dials": 90,
        "target": 150,
        "due": 90,
        "behind": 0,
    }


@pytest.mark.parametrize(
    ("done", "said"),
    [
        (200, MET.text.format(target=200)),
        (120, ON_TRACK.text),
        (119, BEHIND.text.format(behind="1 dial", then="even")),
    ],
)
def test_each_verdict_in_words_on_thursday(done: int, said: str) -> None:
    assert week_standing(Targets(), done, MONDAY + timedelta(days=3)).words() == said


def test_saturday_and_sunday_calls_count_and_the_whole_week_is_due() -> None:
    sunday = WEEK[6]
    standing = week_standing(Targets(), 190, sunday)
    assert (standing.due, standing.behind, standing.monday) == (200, 10, MONDAY)
    assert standing.figures() == "190/200 dials, 200 due by the end of Friday: 10 behind"
