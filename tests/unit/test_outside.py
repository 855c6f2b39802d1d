"""The share of the no's outside the rep's control (core.outside): among the no's with a reason,
those whose reason the sources name as the prospect's side, with the no's without a reason
counted beside it; over the review's last 28 days and the resume's whole span, each named; and
what the rep noticed reading the resume back (core.around.noticings)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from companion.core.around import ResumeEntry, noticings
from companion.core.events import Event, EventKind
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.outside import NONE_OUTSIDE, SOME_OUTSIDE, OutsideShare, resume_outside, review_outside
from companion.core.tags import OUTSIDE_CONTROL, REASONS, outside_control
from tests.unit.helpers import BERLIN, DAY, event, outcome, t, tag, void


def no(at: datetime, **fields: Any) -> Event:
    return outcome(Outcome.NO, at, **fields)


def days_ago(days: int, hour: int = 10) -> datetime:
    return t(hour, day=DAY - timedelta(days=days))


def test_the_share_names_its_window_and_the_reasons_most_first() -> None:
    calls = [
        *(no(t(9, m), reason="timing") for m in range(2)),
        *(no(t(10, m), reason="budget") for m in range(3)),
        no(t(11), reason="fear-of-change"),
        no(t(12), reason="hung-up"),
        no(t(12, 30), reason="competitor"),
        no(t(13)),  # no reason: neither side
        outcome(Outcome.VOICEMAIL, t(14), reason="budget"),  # not a no
    ]
    share = OutsideShare.of(calls, "Last 28 days")
    assert (share.outside, share.tagged) == (6, 8)
    assert share.reasons == (("budget", 3), ("timing", 2), ("fear-of-change", 1))
    assert share.line() == (
        "Last 28 days: 6 of 8 no's with a reason (75%) were outside your control:"
        " budget 3, timing 2, fear of change 1; 1 more had no reason tagged."
    )


def test_with_none_outside_or_none_tagged_it_says_so() -> None:
    assert OutsideShare.of([no(t(9), reason="hung-up")], "Last 28 days").line() == (
        "Last 28 days: none of 1 no with a reason were outside your control"
        " (budget, timing, stakeholders, fear of change)."
    )
    how = "After a no, 1-8 tags why; in a terminal, companion log no --reason."
    assert OutsideShare.of([no(t(9))], "Since Mon 02 Mar 2026").line() == (
        f"Since Mon 02 Mar 2026: 1 no, none with a reason yet. {how}"
    )
    assert OutsideShare.of([no(t(9))]).line() == f"1 no, none with a reason yet. {how}"


@given(st.lists(st.one_of(st.none(), st.sampled_from(REASONS)), max_size=30))
def test_the_counts_by_reason_add_up_to_the_share(reasons: list[str | None]) -> None:
    calls = [no(t(9, second=i), reason=reason) for i, reason in enumerate(reasons)]
    share = OutsideShare.of(calls, "w")
    assert share.tagged == sum(1 for r in reasons if r)
    assert share.outside == sum(count for _, count in share.reasons)
    assert share.outside == sum(1 for r in reasons if r in OUTSIDE_CONTROL)
    assert [count for _, count in share.reasons] == sorted((c for _, c in share.reasons), reverse=True)


def test_the_review_looks_at_the_28_days_ending_today_with_tags_and_undo_applied() -> None:
    tagged_later = no(days_ago(3))
    undone = no(days_ago(2), reason="budget")
    events = [
        no(days_ago(28), reason="budget"),  # 29 calendar days with today: outside the window
        no(days_ago(27, 0), reason="timing"),  # the window's first morning
        tagged_later,
        tag(tagged_later, days_ago(3, 11), reason="stakeholders"),
        undone,
        void(undone, days_ago(2, 11)),
        no(t(9), reason="not-interested"),
    ]
    share = review_outside(Ledger(events), t(10), BERLIN)
    assert share.window == "Last 28 days"
    assert (share.outside, share.tagged) == (2, 3)
    assert share.reasons == (("timing", 1), ("stakeholders", 1))


def test_the_resume_looks_from_its_oldest_entry_to_now() -> None:
    oldest = no(t(16, day=date(2026, 3, 2)), note="the first that stung")
    events = [
        no(t(9, day=date(2026, 3, 1)), reason="budget"),  # the day before: outside the span
        no(t(9, day=date(2026, 3, 2)), reason="budget"),  # the same day, earlier: inside
        oldest,
        no(days_ago(1), reason="hung-up"),
    ]
    ledger = Ledger(events)
    share = resume_outside(ledger, (ResumeEntry(oldest, None),), t(10), BERLIN)
    assert share is not None
    assert share.window == "Since Mon 02 Mar 2026"
    assert (share.outside, share.tagged) == (1, 2)
    assert resume_outside(ledger, (), t(10), BERLIN) is None  # an empty resume says nothing


def test_what_was_noticed_reading_back_is_the_read_backs_with_a_line_newest_first() -> None:
    plain = event(EventKind.READ_BACK, days_ago(9))
    first = event(EventKind.READ_BACK, days_ago(8), note="smaller than I remembered")
    second = event(EventKind.READ_BACK, days_ago(1), note="timing keeps coming up")
    assert noticings(Ledger([second, plain, first])) == (second, first)
    assert noticings(Ledger([plain])) == ()


def nos(*reasons: str | None) -> list[Event]:
    return [outcome(Outcome.NO, t(10, minute), reason=reason) for minute, reason in enumerate(reasons)]


def test_three_of_five_with_a_reason_outside_and_two_without_one() -> None:
    calls = nos("budget", "budget", "timing", "hung-up", "competitor", None, None)
    calls.append(outcome(Outcome.MEETING, t(11)))  # not a no: counts nowhere here
    share = OutsideShare.of(calls)
    assert (share.nos, share.tagged, share.outside, share.untagged) == (7, 5, 3, 2)
    assert share.reasons == (("budget", 2), ("timing", 1))
    assert share.words() == (
        "3 of 5 no's with a reason (60%) were outside your control: budget 2,"
        " timing 1; 2 more had no reason tagged."
    )
    assert share.as_dict() == {
        "nos_with_reason": 5,
        "nos_outside_control": 3,
        "nos_outside_control_share": 0.6,
        "nos_outside_control_reasons": {"budget": 2, "timing": 1},
    }


def test_none_outside_names_the_reasons_that_would_have_been() -> None:
    share = OutsideShare.of(nos("hung-up", "not-interested"))
    said = share.words()
    assert said.startswith("none of 2 no's with a reason")
    assert "(budget, timing, stakeholders, fear of change)" in said
    assert share.as_dict()["nos_outside_control_share"] == 0.0


def test_one_outside_is_said_in_the_singular() -> None:
    assert OutsideShare.of(nos("timing", None)).words() == (
        "1 of 1 no with a reason (100%) was outside your control: timing 1; 1 more had no reason tagged."
    )


def test_without_a_reason_there_is_no_share_and_it_says_how_to_tag_one() -> None:
    """A rep who answered the checklist (z x c: causes) has given no reason (1-8): told how."""
    share = OutsideShare.of(nos(None, None, None))
    assert share.share is None and share.as_dict()["nos_outside_control_share"] is None
    assert share.words() == (
        "3 no's, none with a reason yet. After a no, 1-8 tags why; in a terminal, companion log no --reason."
    )
    assert OutsideShare.of([]).words() == "no no's."


@given(st.lists(st.sampled_from((*REASONS, None)), max_size=40))
def test_the_share_is_core_tags_outside_control_over_the_nos(reasons: list[str | None]) -> None:
    share = OutsideShare.of(nos(*reasons))
    assert (share.outside, share.tagged) == outside_control(reasons)
    assert share.nos == len(reasons) and share.untagged == reasons.count(None)
    assert sum(n for _, n in share.reasons) == share.outside
    assert all(name in OUTSIDE_CONTROL for name, _ in share.reasons)
    if share.tagged:  # the sentence's fixed words, from its Coached constant
        fixed = (SOME_OUTSIDE if share.outside else NONE_OUTSIDE).text.rsplit("}", 1)[-1]
        fixed = fixed if share.outside != 1 else " outside your control"
        assert fixed in share.words()
        assert ("had no reason tagged" in share.words()) == bool(share.untagged)
