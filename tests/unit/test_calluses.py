"""The callus ladder and the after-effect of a no, on small hand-made histories."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.calendar import day_bounds
from companion.core.calluses import AFTER_NO_MIN_CALLS, LADDER, AfterNo, after_no, ladder_words, rung
from companion.core.events import Event, RitualEnd
from companion.core.ledger import Counts, Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.summary import RitualStats, summarize_day
from tests.unit.helpers import BERLIN, DAY, outcome, ritual, t, void

N, M, V, B, A = Outcome.NO, Outcome.MEETING, Outcome.VOICEMAIL, Outcome.CALLBACK, Outcome.NO_ANSWER


def calls(*outcomes: Outcome, day: int = 0) -> list[Event]:
    """One call a minute from 09:00 on DAY + `day`."""
    return [outcome(o, t(9, n, day=DAY + timedelta(days=day))) for n, o in enumerate(outcomes)]


def trio(counts: Counts) -> tuple[int, int, int]:
    """Calls, conversations, meetings."""
    return counts.dials, counts.conversations, counts.meetings


def effect(events: list[Event], days: int = 1) -> AfterNo:
    start = day_bounds(DAY, BERLIN)[0]
    return after_no(Ledger(events), start, day_bounds(DAY + timedelta(days=days - 1), BERLIN)[1], BERLIN)


@pytest.mark.parametrize(
    ("hesitation", "words"),
    [
        (0.0, "immediately"),
        (4.9, "immediately"),
        (5.0, "a few breaths"),
        (19.9, "a few breaths"),
        (20.0, "under a minute"),
        (60.0, "minutes, not seconds"),
        (299.0, "minutes, not seconds"),
        (300.0, "ruins the morning"),
        (600.0, "ruins the morning"),
    ],
)
def test_each_hesitation_has_its_rung(hesitation: float, words: str) -> None:
    assert rung(hesitation)[1] == words


@given(st.floats(min_value=0, max_value=600), st.floats(min_value=0, max_value=600))
def test_the_ladder_climbs_as_hesitation_shrinks(a: float, b: float) -> None:
    quick, slow = sorted((a, b))
    assert rung(quick)[0] >= rung(slow)[0]
    assert 0 <= rung(slow)[0] < len(LADDER)


def test_ladder_words_say_on_how_many_timed_resets_they_stand() -> None:
    assert ladder_words(8.0, 5) == "a few breaths, 8s (5 timed resets)"
    assert ladder_words(2.0, 1) == "immediately, 2s (1 timed reset)"
    assert ladder_words(None, 0) == "none timed yet (Enter at Dial times one)"


def test_only_resets_with_a_dial_mark_are_measured() -> None:
    nos = calls(N, N, N, N)
    ledger = Ledger(
        [
            *nos,
            ritual(nos[0], t(9, 0, 30), RitualEnd.COMPLETED, recovery_s=30.0, hesitation_s=10.0),
            ritual(nos[1], t(9, 1, 50), RitualEnd.COMPLETED),  # an outcome key at Dial: untimed
            ritual(nos[2], t(9, 2, 50), RitualEnd.SKIPPED),
            ritual(nos[3], t(9, 3, 24), RitualEnd.COMPLETED, recovery_s=24.0, hesitation_s=4.0),
        ]
    )
    stats = RitualStats.of(ledger, *day_bounds(DAY, BERLIN))
    assert (stats.completed, stats.measured, stats.skipped) == (3, 2, 1)
    assert (stats.median_recovery_s, stats.median_hesitation_s, stats.ladder) == (27.0, 7.0, "a few breaths")


def test_the_call_after_a_no_is_compared_with_the_other_calls() -> None:
    day = calls(N, V, M, N, N, B)
    # next: V (after N), N (after N), B (after N); the rest: N (first), M, N (after M)
    found = effect(day)
    assert trio(found.next) == (3, 2, 0)
    assert trio(found.baseline) == (3, 3, 1)
    data = found.as_dict()
    assert data["next_calls"] == 3 and data["baseline_calls"] == 3
    assert data["next_connect_rate"] == 0.667 and data["baseline_connect_rate"] == 1.0
    assert data["next_meeting_rate"] == 0.0 and data["baseline_meeting_rate"] == 0.333


def test_an_undone_call_is_skipped_and_a_day_starts_fresh() -> None:
    monday = calls(N, V, M)
    tuesday = calls(A, N, day=1)
    undone = monday[1]
    found = effect([*monday, void(undone, t(9, 5)), *tuesday], days=2)
    # Monday: N, then M follows the no (the voicemail was undone); Tuesday's first call follows
    # Monday's last, a meeting, on another day: baseline either way.
    assert trio(found.next) == (1, 1, 1)
    assert trio(found.baseline) == (3, 2, 0)
    yesterday_no = calls(N, day=-1)
    assert trio(effect([*yesterday_no, *calls(V)]).next) == (0, 0, 0)  # outside the day: not followed


def test_the_next_calls_are_split_by_how_the_reset_ended() -> None:
    day = calls(N, V, N, B, N, M, N, A)
    endings = [
        ritual(day[0], t(9, 0, 30), RitualEnd.COMPLETED, recovery_s=25.0, hesitation_s=5.0),
        ritual(day[2], t(9, 2, 30), RitualEnd.SKIPPED),
        ritual(day[4], t(9, 4, 30), RitualEnd.INTERRUPTED),
    ]  # the no at 09:06 has no reset at all (resets off, or the app was closed)
    found = effect([*day, *endings])
    assert {end: trio(counts) for end, counts in found.by_reset.items()} == {
        "completed": (1, 0, 0),
        "skipped": (1, 1, 0),
        "interrupted": (1, 1, 1),
        "none": (1, 0, 0),
    }
    by_reset = found.as_dict()["by_reset"]
    assert set(by_reset) == {"completed", "skipped", "interrupted", "none"}
    assert by_reset["interrupted"] == {"next_calls": 1, "next_connect_rate": 1.0, "next_meeting_rate": 1.0}


def test_rates_are_null_without_data() -> None:
    data = effect([]).as_dict()
    assert data["next_calls"] == 0
    for key in ("next_connect_rate", "baseline_connect_rate", "next_meeting_rate", "baseline_meeting_rate"):
        assert data[key] is None
    empty = {"next_calls": 0, "next_connect_rate": None, "next_meeting_rate": None}
    assert data["by_reset"]["completed"] == empty
    assert effect(calls(N, V, V)).as_dict()["next_meeting_rate"] is None  # no conversation after a no


def test_the_words_wait_for_twenty_calls_after_a_no() -> None:
    pairs = [N, V] * (AFTER_NO_MIN_CALLS - 1)
    assert effect(calls(*pairs)).words() is None
    following = calls(*pairs, N, B, V, V)
    found = effect(following)
    assert found.next.dials == AFTER_NO_MIN_CALLS
    assert found.words() == (
        "After a no you connect 5% of the time, otherwise 91%: "
        "it follows you into the next call. The full reset is there for that."
    )
    steady = effect(calls(*[N, B] * AFTER_NO_MIN_CALLS, V))
    assert steady.words() == (
        "After a no you connect 100% of the time, otherwise 95%: the no is not following you."
    )


def test_a_day_summary_carries_the_after_effect_and_both_seed_figures() -> None:
    # 20 dials, 4 conversations, 1 meeting: 19 no's per yes over dials, 3 over conversations.
    day = calls(M, N, B, N, *[V] * 16)
    data = summarize_day(Ledger(day), DAY, BERLIN, Targets()).as_dict()
    assert data["nos_per_yes"] == 19.0 and data["nos_per_yes_conversations"] == 3.0
    assert data["connect_rate"] == 0.2 and data["meeting_rate"] == 0.25
    assert data["after_no"]["next_calls"] == 2 and data["after_no"]["next_connect_rate"] == 0.5


def test_a_reset_an_earlier_version_timed_by_the_next_calls_key_is_read_as_untimed() -> None:
    no = outcome(N, t(9), source="app")
    # Before the dial mark, `m` at Dial stored the ending and the call in one write, at one
    # instant, with the time to that key as the "recovery": the whole next call.
    key_at = t(9, 4)
    then = outcome(M, key_at, source="app")
    ending = ritual(no, key_at, RitualEnd.COMPLETED, recovery_s=240.0, hesitation_s=220.0)
    timed_no = outcome(N, t(10), source="app")
    timed = ritual(timed_no, t(10, 0, 26), RitualEnd.COMPLETED, recovery_s=26.0, hesitation_s=6.0)
    stats = RitualStats.of(Ledger([no, then, ending, timed_no, timed]), *day_bounds(DAY, BERLIN))
    assert (stats.completed, stats.measured, stats.median_recovery_s) == (2, 1, 26.0)
