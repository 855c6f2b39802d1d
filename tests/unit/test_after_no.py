"""The after-effect of a no: which calls follow a no, and the one verdict every screen and export
uses (meetings per conversation after a no against the other calls; connects only as context)."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.after_no import (
    AFTER_NO_DAYS,
    MIN_CONVERSATIONS,
    Z_95,
    AfterNo,
    Verdict,
    after_no,
    after_no_to,
    verdict,
    z_score,
)
from companion.core.calendar import day_bounds
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Counts, Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.summary import summarize_day, summarize_week
from tests.unit.helpers import BERLIN, DAY, outcome, ritual, t, void

N, M, V, B, A = Outcome.NO, Outcome.MEETING, Outcome.VOICEMAIL, Outcome.CALLBACK, Outcome.NO_ANSWER


def calls(*outcomes: Outcome, day: int = 0) -> list[Event]:
    """One call a minute from 09:00 on DAY + `day`."""
    start = t(9, day=DAY + timedelta(days=day))
    return [outcome(o, start + timedelta(minutes=n)) for n, o in enumerate(outcomes)]


def trio(counts: Counts) -> tuple[int, int, int]:
    """Calls, conversations, meetings."""
    return counts.dials, counts.conversations, counts.meetings


def effect(events: list[Event], days: int = 1) -> AfterNo:
    start = day_bounds(DAY, BERLIN)[0]
    return after_no(Ledger(events), start, day_bounds(DAY + timedelta(days=days - 1), BERLIN)[1], BERLIN)


def talks(conversations: int, meetings: int, calls: int | None = None) -> Counts:
    """Counts of `conversations` conversations, `meetings` of them meetings, over `calls` dials."""
    return Counts(dials=calls or conversations, conversations=conversations, meetings=meetings)


# -- which calls follow a no -------------------------------------------------------------------


def test_the_call_after_a_no_is_compared_with_the_other_calls() -> None:
    day = calls(N, V, M, N, N, B)
    # next: V (after N), N (after N), B (after N); the rest: N (first), M, N (after M)
    found = effect(day)
    assert trio(found.next) == (3, 2, 0)
    assert trio(found.baseline) == (3, 3, 1)
    data = found.as_dict()
    assert (data["calls_after_no"], data["conversations_after_no"], data["meetings_after_no"]) == (3, 2, 0)
    assert (data["calls_otherwise"], data["conversations_otherwise"], data["meetings_otherwise"]) == (3, 3, 1)
    assert data["connect_rate_after_no"] == 0.667 and data["connect_rate_otherwise"] == 1.0
    assert data["meeting_rate_after_no"] == 0.0 and data["meeting_rate_otherwise"] == 0.333
    assert data["verdict"] == "too-few" and data["min_conversations"] == MIN_CONVERSATIONS


def test_an_undone_call_is_skipped_and_a_day_starts_fresh() -> None:
    monday = calls(N, V, M)
    tuesday = calls(A, N, day=1)
    found = effect([*monday, void(monday[1], t(9, 5)), *tuesday], days=2)
    # Monday: N, then M follows the no (the voicemail was undone); Tuesday's first call follows
    # Monday's last, a meeting, on another day: baseline either way.
    assert trio(found.next) == (1, 1, 1)
    assert trio(found.baseline) == (3, 2, 0)
    yesterday_no = calls(N, day=-1)
    assert trio(effect([*yesterday_no, *calls(V)]).next) == (0, 0, 0)  # outside the day: not followed


def test_the_next_calls_are_split_by_how_the_reset_ended() -> None:
    day = calls(N, V, N, B, N, M, N, A, N, B)
    endings = [
        ritual(day[0], t(9, 0, 30), RitualEnd.COMPLETED, recovery_s=25.0, hesitation_s=5.0),
        ritual(day[2], t(9, 2, 30), RitualEnd.SKIPPED),
        ritual(day[4], t(9, 4, 30), RitualEnd.INTERRUPTED),
        ritual(day[8], t(9, 8, 30), RitualEnd.CUT_SHORT),
    ]  # the no at 09:06 has no reset at all (resets off, or the app was closed)
    by_reset = effect([*day, *endings]).as_dict()["by_reset"]
    assert by_reset == {
        "completed": {"calls": 1, "conversations": 0, "meetings": 0},
        "skipped": {"calls": 1, "conversations": 1, "meetings": 0},
        "interrupted": {"calls": 1, "conversations": 1, "meetings": 1},
        "cut-short": {"calls": 1, "conversations": 1, "meetings": 0},
        "none": {"calls": 1, "conversations": 0, "meetings": 0},
    }


def test_rates_are_null_without_data() -> None:
    data = effect([]).as_dict()
    for key in ("connect_rate_after_no", "connect_rate_otherwise", "meeting_rate_after_no", "z"):
        assert data[key] is None, key
    assert effect(calls(N, V, V)).as_dict()["meeting_rate_after_no"] is None  # no conversation after a no


# -- the test ----------------------------------------------------------------------------------


def test_the_z_score_matches_a_worked_example() -> None:
    # 4 of 40 after a no, 40 of 200 otherwise: pooled 44/240; gap -0.1, less the correction
    # (1/40 + 1/200) / 2 = 0.015, over sqrt(p (1 - p) (1/40 + 1/200)).
    pooled = 44 / 240
    expected = -(0.1 - 0.015) / math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 200))
    assert z_score(4, 40, 40, 200) == pytest.approx(expected)
    assert z_score(4, 40, 40, 200) == pytest.approx(-1.268, abs=1e-3)


@given(
    st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
)
def test_swapping_the_sides_flips_the_sign_and_keeps_the_size(a: tuple[int, int], b: tuple[int, int]) -> None:
    forward, backward = z_score(*a, *b), z_score(*b, *a)
    if forward is None:
        assert backward is None
    else:
        assert backward == pytest.approx(-forward)
        # and the verdicts mirror: one side follows exactly when the other clearly does not
        mirror = {Verdict.FOLLOWS: Verdict.DOES_NOT_FOLLOW, Verdict.DOES_NOT_FOLLOW: Verdict.FOLLOWS}
        one, other = (
            verdict(talks(a[1], a[0]), talks(b[1], b[0])),
            verdict(talks(b[1], b[0]), talks(a[1], a[0])),
        )
        assert mirror.get(one, one) == other


@given(st.integers(1, 1000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_same_rate_on_both_sides_is_never_a_verdict(side: tuple[int, int]) -> None:
    meetings, conversations = side
    z = z_score(meetings, conversations, meetings, conversations)
    assert z is None or z == 0.0
    assert verdict(talks(conversations, meetings), talks(conversations, meetings)) in {
        Verdict.TOO_CLOSE,
        Verdict.TOO_FEW,
    }


@given(st.integers(MIN_CONVERSATIONS, 10_000), st.integers(MIN_CONVERSATIONS, 10_000))
def test_no_spread_means_too_close(a: int, b: int) -> None:
    """No meeting on either side, or nothing but meetings: there is nothing to test."""
    assert verdict(talks(a, 0), talks(b, 0)) is Verdict.TOO_CLOSE
    assert verdict(talks(a, a), talks(b, b)) is Verdict.TOO_CLOSE


@given(st.integers(0, MIN_CONVERSATIONS - 1), st.integers(0, 100_000), st.booleans())
def test_below_the_sample_on_either_side_there_is_no_verdict(
    few: int, many: int, after_is_short: bool
) -> None:
    """However stark the gap: 0 meetings in a few conversations against all meetings in many."""
    short, long = talks(few, 0), talks(max(many, MIN_CONVERSATIONS), max(many, MIN_CONVERSATIONS))
    pair = (short, long) if after_is_short else (long, short)
    assert verdict(*pair) is Verdict.TOO_FEW


@pytest.mark.parametrize(
    ("after", "otherwise", "expected"),
    [
        (talks(40, 2), talks(200, 50), Verdict.FOLLOWS),  # 5% against 25%
        (talks(40, 4), talks(200, 40), Verdict.TOO_CLOSE),  # 10% against 20%: z about -1.27
        (talks(40, 20), talks(200, 40), Verdict.DOES_NOT_FOLLOW),  # 50% against 20%
        (talks(19, 0), talks(200, 100), Verdict.TOO_FEW),
        (talks(40, 8), talks(19, 19), Verdict.TOO_FEW),
        (talks(20, 0), talks(20, 9), Verdict.FOLLOWS),  # the sample, just met: 0 against 45%
        (talks(20, 0), talks(20, 5), Verdict.TOO_CLOSE),  # 0 against 25% of 20: not yet clear
    ],
)
def test_the_verdict(after: Counts, otherwise: Counts, expected: Verdict) -> None:
    assert verdict(after, otherwise) is expected
    z = z_score(after.meetings, after.conversations, otherwise.meetings, otherwise.conversations)
    if expected in {Verdict.FOLLOWS, Verdict.DOES_NOT_FOLLOW}:
        assert z is not None and abs(z) >= Z_95


@given(st.integers(MIN_CONVERSATIONS, 400), st.integers(MIN_CONVERSATIONS, 400), st.integers(0, 400))
def test_fewer_meetings_after_a_no_never_says_the_no_is_not_following(a: int, b: int, m: int) -> None:
    """Lower after a no can follow or be too close; it is never "does not follow"."""
    m_other = min(m, b)
    m_after = min(a, m_other * a // b)  # at most the other calls' rate
    assert verdict(talks(a, m_after), talks(b, m_other)) is not Verdict.DOES_NOT_FOLLOW


# -- in words, and the same verdict everywhere ---------------------------------------------


def test_the_words_name_what_is_missing() -> None:
    found = AfterNo(talks(7, 1, calls=30), talks(45, 9, calls=120))
    assert found.words() == "Not told yet: it needs 20 conversations after a no (has 7)."
    both = AfterNo(talks(7, 1), talks(12, 1))
    assert both.words() == (
        "Not told yet: it needs 20 conversations after a no (has 7) and 20 on your other calls (has 12)."
    )
    other = AfterNo(talks(25, 1), talks(12, 1))
    assert other.words() == "Not told yet: it needs 20 conversations on your other calls (has 12)."


def test_connects_are_context_not_the_verdict() -> None:
    """The seen case: connecting more after a no, booking far less: the no follows."""
    found = AfterNo(talks(40, 2, calls=120), talks(200, 50, calls=770))
    assert found.next.connect_rate is not None and found.baseline.connect_rate is not None
    assert found.next.connect_rate > found.baseline.connect_rate
    assert found.verdict is Verdict.FOLLOWS
    assert found.words() == (
        "The no follows you: 5% of conversations booked after a no, 25% otherwise. "
        "The full reset is there for that."
    )
    assert found.rates() == "Meetings per conversation: 5% (2 of 40) after a no, 25% (50 of 200) otherwise."
    assert found.rates("the last 4 weeks").startswith(
        "Meetings per conversation, the last 4 weeks: 5% (2 of 40)"
    )
    assert AfterNo().rates() == (
        "Meetings per conversation: no conversation yet after a no, no conversation yet otherwise."
    )
    assert (
        found.context()
        == "Connected 33% after a no (120 calls), 26% otherwise (770): context, not the verdict."
    )
    close = AfterNo(talks(40, 4), talks(200, 40))
    assert close.words() == (
        "Too close to call: 10% after a no, 20% otherwise;"
        " a gap this size comes by chance more than 1 time in 20."
    )
    assert AfterNo(talks(40, 20), talks(200, 40)).words() == (
        "The no is not following you: 50% of conversations booked after a no, 20% otherwise."
    )


def test_a_day_summary_looks_back_four_weeks_for_the_after_effect() -> None:
    # Three weeks ago: a no, then a meeting; today: a no, then a callback. Both count.
    before = calls(N, M, day=-21)
    today = calls(N, B)
    too_old = calls(N, M, day=-AFTER_NO_DAYS)
    data = summarize_day(Ledger([*too_old, *before, *today]), DAY, BERLIN, Targets()).as_dict()
    after = data["after_no"]
    assert (after["calls_after_no"], after["conversations_after_no"], after["meetings_after_no"]) == (2, 2, 1)
    assert after["window_days"] == AFTER_NO_DAYS
    assert data["dials"] == 2  # the day's own numbers stay the day's
    week = summarize_week(Ledger([*too_old, *before, *today]), DAY, BERLIN, Targets()).as_dict()
    assert (
        week["after_no"]
        == after_no_to(Ledger([*too_old, *before, *today]), DAY + timedelta(days=6), BERLIN).as_dict()
    )


def test_the_verdict_is_the_one_rule_in_the_json() -> None:
    pairs = [N, M] * 5 + [N, B] * 15 + [M, B] * 20 + [V] * 5
    found = effect(calls(*pairs))
    data = found.as_dict()
    assert data["verdict"] == verdict(found.next, found.baseline).value
    assert data["conversations_after_no"] == 20 and data["meetings_after_no"] == 5
