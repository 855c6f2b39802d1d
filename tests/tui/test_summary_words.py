"""The summary screen's words: the figure per meeting says what it counts and its window (never
no's), and the reasons line keeps in view the reason tomorrow's practice names."""

from __future__ import annotations

from datetime import date, timedelta

from companion.core.around import SKILLS
from companion.core.events import Event
from companion.core.insights import DayReport, day_report
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.tui.screens.summary import _per_meeting, _reasons, shown_reasons
from tests.unit.helpers import BERLIN, DAY, many, outcome, t

WEDNESDAY = DAY + timedelta(days=2)  # DAY is a Monday: the week so far holds both days


def no(minute: int, reason: str, cause: str | None = None, day: date = WEDNESDAY) -> Event:
    return outcome(Outcome.NO, t(10, minute, day=day), reason=reason, cause=cause)


def report(events: list[Event]) -> DayReport:
    return day_report(Ledger(events), WEDNESDAY, BERLIN, t(17, day=WEDNESDAY), None)


def test_the_reasons_shown_include_the_one_tomorrows_practice_names() -> None:
    """Three reasons tagged twice today pushed "not interested" (once today, a skill gap all
    week) off the line, while the next line said to practise it."""
    today = [no(m, r) for m, r in enumerate(["budget", "budget", "timing", "timing", "hung-up", "hung-up"])]
    today.append(no(20, "not-interested", "skill-gap"))
    monday = [no(m, "not-interested", "skill-gap", day=DAY) for m in range(3)]
    found = report([*monday, *today])
    assert found.focus == "not-interested"
    assert [name for name, _ in shown_reasons(found)] == ["budget", "hung-up", "timing", "not-interested"]
    text = str(_reasons(found))
    assert "not interested 1 (today)" in text
    said = " ".join(text.split())
    assert "work on your not interested no's, your most tagged skill gap this week:" in said
    assert SKILLS["not-interested"].text in said  # the skill the warm-up will offer for it
    plain = report(today[:6])  # no focus: the top three alone
    assert len(shown_reasons(plain)) == 3 and plain.focus is None


def test_the_figure_per_meeting_counts_other_dials_over_the_last_7_days_never_nos() -> None:
    week = [*many(Outcome.VOICEMAIL, 16, t(9, day=DAY)), *many(Outcome.NO, 2, t(11, day=DAY))]
    week += [outcome(Outcome.MEETING, t(12, day=DAY)), outcome(Outcome.VOICEMAIL, t(9, day=WEDNESDAY))]
    said = _per_meeting(report(week))
    assert said == (
        "19 other dials and 2 other conversations for each meeting, over the last 7 days;"
        " today, 1 dial was not a meeting."
    )
    assert "no's" not in said
    none = _per_meeting(report([outcome(Outcome.VOICEMAIL, t(9, day=WEDNESDAY))]))
    assert none == "no meeting in the last 7 days yet; today, 1 dial was not a meeting."
