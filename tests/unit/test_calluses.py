"""The callus ladder on the source's scale (at once, 5 minutes, 15 minutes, an hour, the
morning), fed by every no whose time back is known: timed resets, dial marks, and the long stops
(a break at Dial, a pause, a block ended) up to the next call."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.calendar import day_bounds
from companion.core.calluses import MORNING, RUNGS, Ladder, back_times, dial_words, rung
from companion.core.events import Event, EventKind, RitualEnd
from companion.core.ledger import Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.ritual import DIAL_WAIT_MAX_S
from companion.core.summary import RitualStats, summarize_day, summarize_week
from tests.unit.helpers import BERLIN, DAY, block_end, event, outcome, pause, resume, ritual, t, void

N, V, M = Outcome.NO, Outcome.VOICEMAIL, Outcome.MEETING
STEPS_S = 20.0  # the default reset's timed steps


def ladder(events: list[Event]) -> Ladder:
    return Ladder.of(Ledger(events), *day_bounds(DAY, BERLIN), BERLIN)


def timed(no: Event, recovery_s: float) -> Event:
    """The reset after `no`, completed by a dial mark `recovery_s` after it."""
    return ritual(
        no, no.at + timedelta(seconds=recovery_s), RitualEnd.COMPLETED, recovery_s, recovery_s - STEPS_S
    )


def dial_mark(no: Event, at: datetime) -> Event:
    return event(EventKind.DIAL, at, target=no.id)


@pytest.mark.parametrize(
    ("seconds_back", "name"),
    [
        (0.0, "at_once"),
        (59.9, "at_once"),
        (60.0, "minutes_5"),
        (299.9, "minutes_5"),
        (300.0, "minutes_15"),
        (899.0, "minutes_15"),
        (900.0, "hour"),
        (3599.0, "hour"),
        (3600.0, "morning"),
        (5 * 3600.0, "morning"),
    ],
)
def test_each_time_back_has_its_rung(seconds_back: float, name: str) -> None:
    assert RUNGS[rung(seconds_back)[0]].name == name
    assert rung(seconds_back)[1] == RUNGS[rung(seconds_back)[0]].words


@given(st.floats(min_value=0, max_value=86_400), st.floats(min_value=0, max_value=86_400))
def test_a_longer_time_back_never_stands_on_a_quicker_rung(a: float, b: float) -> None:
    quick, slow = sorted((a, b))
    assert rung(quick)[0] <= rung(slow)[0]
    assert 0 <= rung(slow)[0] <= MORNING
    assert RUNGS[rung(slow)[0]].floor_s <= slow


def test_the_rungs_are_the_sources_scale_in_order() -> None:
    assert [r.name for r in RUNGS] == ["at_once", "minutes_5", "minutes_15", "hour", "morning"]
    assert [r.floor_s for r in RUNGS] == [0.0, 60.0, 300.0, 900.0, 3600.0]


def test_timed_resets_stand_on_their_recovery_from_the_no() -> None:
    quick, slow = outcome(N, t(9)), outcome(N, t(10))
    found = ladder([quick, timed(quick, 28.0), slow, timed(slow, 200.0)])
    assert found.as_dict() == {"at_once": 1, "minutes_5": 1, "minutes_15": 0, "hour": 0, "morning": 0}
    assert found.untimed == 0


def test_a_break_at_dial_lands_on_a_long_rung_by_the_next_call() -> None:
    """Ten minutes at Dial end the reset as interrupted, with no time; the next call says when
    the rep was back: 25 minutes after the no, "an hour"."""
    no = outcome(N, t(9))
    broke = ritual(no, no.at + timedelta(seconds=STEPS_S + DIAL_WAIT_MAX_S), RitualEnd.INTERRUPTED)
    back = outcome(V, t(9, 25))
    times, untimed = back_times(Ledger([no, broke, back]), *day_bounds(DAY, BERLIN), BERLIN)
    assert [(b.how, b.seconds) for b in times] == [("break", 1500.0)]
    assert untimed == 0
    assert ladder([no, broke, back]).as_dict()["hour"] == 1


def test_stepping_away_with_p_is_timed_to_the_dial_mark_or_the_next_call() -> None:
    """`p` at Dial (the reset interrupted, the block paused) for a coffee; back 12 minutes later."""
    coffee = outcome(N, t(9), session="b")
    stepped = [
        ritual(coffee, t(9, 0, 40), RitualEnd.INTERRUPTED),
        pause("b", t(9, 0, 40)),
        resume("b", t(9, 12)),
    ]
    back = outcome(V, t(9, 13))
    found = ladder([coffee, *stepped, back])
    assert found.as_dict()["minutes_15"] == 1  # 13 minutes, to the next call
    marked = ladder([coffee, *stepped, dial_mark(coffee, t(9, 4)), back])
    assert marked.as_dict()["minutes_5"] == 1  # a dial mark says it first: 4 minutes


def test_a_pause_after_a_skipped_reset_counts_as_stepping_away_too() -> None:
    no = outcome(N, t(9), session="b")
    events = [no, ritual(no, t(9, 0, 5), RitualEnd.SKIPPED), pause("b", t(9, 1)), outcome(V, t(11))]
    assert ladder(events).as_dict()["morning"] == 1  # two hours


def test_a_block_ended_after_a_no_is_not_the_no_s_doing() -> None:
    """Ending the block at Dial after a no, and the next block after lunch: left out, not a
    no that held the rep all morning; a pause inside the block still counts."""
    no = outcome(N, t(9), session="b")
    ended = ladder([no, block_end("b", t(9, 1)), outcome(V, t(14))])
    assert (ended.placed, ended.untimed) == (0, 1)
    paused = ladder([no, pause("b", t(9, 1)), outcome(V, t(9, 40))])
    assert paused.as_dict()["hour"] == 1


def test_a_no_with_no_call_after_it_that_day_is_left_out() -> None:
    """Stopping for the day says nothing of the no: whatever else was stored later."""
    no = outcome(N, t(10), session="b")
    for after in (
        [pause("b", t(10, 1)), block_end("b", t(12))],
        [ritual(no, t(10, 11), RitualEnd.INTERRUPTED), event(EventKind.WIN, t(19), note="a yes")],
    ):
        found = ladder([no, *after])
        assert (found.placed, found.untimed) == (0, 1)


def test_a_call_within_a_minute_of_the_no_is_at_once_cut_short_or_not() -> None:
    """A power dialer's next call cut the reset short 8 s after the no: the rep dialled at once.
    So did a key at Dial 50 s after it; at 70 s without a mark the call itself is in the time."""
    cut, keyed, slower = outcome(N, t(9)), outcome(N, t(10)), outcome(N, t(11))
    events = [
        cut,
        ritual(cut, t(9, 0, 8), RitualEnd.CUT_SHORT),
        outcome(V, t(9, 0, 8)),
        keyed,
        ritual(keyed, t(10, 0, 50), RitualEnd.COMPLETED),
        outcome(M, t(10, 0, 50)),
        slower,
        ritual(slower, t(11, 1, 10), RitualEnd.COMPLETED),
        outcome(M, t(11, 1, 10)),
    ]
    found = ladder(events)
    assert found.as_dict()["at_once"] == 2 and found.untimed == 1
    times, _ = back_times(Ledger(events), *day_bounds(DAY, BERLIN), BERLIN)
    assert [(b.how, b.seconds) for b in times] == [("quick", 8.0), ("quick", 50.0)]


def test_a_no_whose_next_call_came_without_a_mark_or_a_stop_is_left_out() -> None:
    """Skipped, keyed at Dial, or no reset: the time to the next call holds that whole call."""
    skipped, keyed, bare = outcome(N, t(9)), outcome(N, t(10)), outcome(N, t(11))
    events = [
        skipped,
        ritual(skipped, t(9, 0, 5), RitualEnd.SKIPPED),
        outcome(V, t(9, 3)),
        keyed,
        ritual(keyed, t(10, 2), RitualEnd.COMPLETED),
        outcome(M, t(10, 2)),
        bare,
        outcome(V, t(11, 9)),
    ]
    found = ladder(events)
    assert (found.placed, found.untimed) == (0, 3)


def test_a_dial_mark_alone_places_a_no() -> None:
    """`companion dial` before Dial opened: the reset ends untimed, the mark still says when."""
    no = outcome(N, t(9))
    early = [no, dial_mark(no, t(9, 0, 12)), ritual(no, t(9, 0, 12), RitualEnd.INTERRUPTED)]
    assert ladder(early).as_dict()["at_once"] == 1


def test_an_undone_no_and_other_calls_are_not_on_the_ladder() -> None:
    no, meeting = outcome(N, t(9)), outcome(M, t(9, 30))
    assert ladder([no, void(no, t(9, 0, 2)), timed(no, 30.0), meeting]).placed == 0


def test_the_next_call_must_be_on_the_no_s_day() -> None:
    late = outcome(N, t(23, 30), session="b")
    tomorrow = outcome(V, t(8, day=DAY + timedelta(days=1)))
    found = ladder([late, pause("b", t(23, 31)), tomorrow])
    assert (found.placed, found.untimed) == (0, 1)  # tomorrow's call says nothing of tonight's no


@given(st.lists(st.floats(min_value=0, max_value=5 * 3600), max_size=30))
def test_every_timed_no_is_on_exactly_one_rung(recoveries: list[float]) -> None:
    nos = [outcome(N, t(8) + timedelta(minutes=n)) for n in range(len(recoveries))]
    events = [*nos, *(timed(no, max(r, STEPS_S)) for no, r in zip(nos, recoveries, strict=True))]
    found = ladder(events)
    assert found.placed == len(recoveries) and found.untimed == 0
    assert sum(found.as_dict().values()) == len(recoveries)


def test_the_words_say_each_rung_and_what_was_left_out() -> None:
    assert Ladder((3, 1, 0, 0, 1), 2).words() == (
        "at once 3 · 5 minutes 1 · 15 minutes 0 · an hour 0 · the morning 1 (5 of 7 no's)"
    )
    assert Ladder((1, 0, 0, 0, 0), 0).words().endswith("(1 no)")
    assert Ladder((0,) * 5, 2).words() == "none placed yet (2 no's without a time: Enter at Dial times one)"
    assert Ladder().words() == "no no's yet"


def test_dial_words_say_on_how_many_timed_resets_they_stand() -> None:
    assert dial_words(8.0, 5) == "8s once the steps were over (5 timed resets)"
    assert dial_words(2.0, 1) == "2s once the steps were over (1 timed reset)"
    assert dial_words(None, 0) == "none timed yet (Enter at Dial times one)"


def test_only_resets_with_a_dial_mark_are_measured() -> None:
    nos = [outcome(N, t(9, n)) for n in range(4)]
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
    assert (stats.median_recovery_s, stats.median_hesitation_s) == (27.0, 7.0)


def test_a_reset_an_earlier_version_timed_by_the_next_calls_key_is_read_as_untimed() -> None:
    no = outcome(N, t(9), source="app")
    # Before the dial mark, `m` at Dial stored the ending and the call in one write, at one
    # instant, with the time to that key as the "recovery": the whole next call.
    key_at = t(9, 4)
    then = outcome(M, key_at, source="app")
    ending = ritual(no, key_at, RitualEnd.COMPLETED, recovery_s=240.0, hesitation_s=220.0)
    timed_no = outcome(N, t(10), source="app")
    timed_end = ritual(timed_no, t(10, 0, 26), RitualEnd.COMPLETED, recovery_s=26.0, hesitation_s=6.0)
    ledger = Ledger([no, then, ending, timed_no, timed_end])
    stats = RitualStats.of(ledger, *day_bounds(DAY, BERLIN))
    assert (stats.completed, stats.measured, stats.median_recovery_s) == (2, 1, 26.0)
    assert Ladder.of(ledger, *day_bounds(DAY, BERLIN), BERLIN).as_dict()["at_once"] == 1


def test_the_summary_json_gives_each_rung_under_its_name() -> None:
    quick, coffee = outcome(N, t(9)), outcome(N, t(10), session="b")
    events = [quick, timed(quick, 30.0), coffee, pause("b", t(10, 1)), outcome(V, t(11, 30))]
    day = summarize_day(Ledger(events), DAY, BERLIN, Targets()).as_dict()
    assert day["ladder"] == {"at_once": 1, "minutes_5": 0, "minutes_15": 0, "hour": 0, "morning": 1}
    assert day["ladder_untimed"] == 0
    week = summarize_week(Ledger(events), DAY, BERLIN, Targets()).as_dict()
    assert week["ladder"] == day["ladder"]
