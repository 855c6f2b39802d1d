"""The ledger: events folded into what counts (voids, tags), blocks and their clocks."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.events import Event, RitualEnd
from companion.core.ledger import Block, Counts, Ledger, Pause
from companion.core.outcomes import Outcome
from tests.unit.helpers import (
    DAY,
    block_end,
    block_start,
    many,
    outcome,
    pause,
    resume,
    ritual,
    t,
    tag,
    void,
)

DAY_START, DAY_END = t(0), t(0, day=DAY + timedelta(days=1))
CONVERSATION_WORDS = {"no", "meeting", "callback", "not-fit"}


def one_of_each() -> list[Event]:
    return [outcome(o, t(9, i)) for i, o in enumerate(Outcome)]


# -- counting rules ------------------------------------------------------------------------


def test_counting_rules_of_the_design() -> None:
    counts = Ledger(one_of_each()).counts_between(DAY_START, DAY_END)
    assert counts.dials == 7
    assert counts.conversations == 4
    assert counts.rejections == 1
    assert counts.meetings == 1
    assert dict(counts.by_outcome) == {o: 1 for o in Outcome}


def test_counts_of_a_typical_morning() -> None:
    events = [
        *many(Outcome.NO_ANSWER, 12, t(9)),
        *many(Outcome.VOICEMAIL, 8, t(9, 20)),
        *many(Outcome.GATEKEEPER, 3, t(9, 40)),
        *many(Outcome.NO, 5, t(10)),
        *many(Outcome.NOT_FIT, 2, t(10, 10)),
        *many(Outcome.CALLBACK, 1, t(10, 20)),
        *many(Outcome.MEETING, 2, t(10, 30)),
    ]
    counts = Ledger(events).counts_between(DAY_START, DAY_END)
    assert (counts.dials, counts.conversations, counts.rejections, counts.meetings) == (33, 10, 5, 2)
    assert counts.by_outcome[Outcome.NO_ANSWER] == 12


def test_empty_ledger_counts_zero_for_every_outcome() -> None:
    counts = Ledger([]).counts_between(DAY_START, DAY_END)
    assert counts == Counts.of([])
    assert counts.dials == counts.conversations == counts.meetings == counts.rejections == 0
    assert all(counts.by_outcome[o] == 0 for o in Outcome)


def test_an_event_seen_twice_counts_once() -> None:
    e = outcome(Outcome.NO, t(9))
    assert Ledger([e, e, e]).counts_between(DAY_START, DAY_END).dials == 1


def test_outcomes_between_is_half_open_and_zone_agnostic() -> None:
    at_start = outcome(Outcome.NO, t(10))
    at_end = outcome(Outcome.NO, t(11))
    ledger = Ledger([at_start, at_end])
    assert ledger.outcomes_between(t(10), t(11)) == (at_start,)
    # The same instants written in UTC and in New York time select the same outcomes.
    utc_start = t(10).astimezone(UTC)
    new_york_end = (t(11) + timedelta(microseconds=1)).astimezone(ZoneInfo("America/New_York"))
    assert ledger.outcomes_between(utc_start, new_york_end) == (at_start, at_end)


def test_outcomes_come_out_in_time_order_whatever_order_they_came_in() -> None:
    events = [outcome(Outcome.NO, t(9, m)) for m in range(10)]
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert Ledger(shuffled).outcomes == tuple(events)


# -- voids ---------------------------------------------------------------------------------


def test_a_voided_outcome_counts_nowhere() -> None:
    meeting = outcome(Outcome.MEETING, t(9))
    no = outcome(Outcome.NO, t(9, 5))
    ledger = Ledger([meeting, no, void(meeting, t(9, 6))])
    counts = ledger.counts_between(DAY_START, DAY_END)
    assert (counts.dials, counts.meetings, counts.conversations) == (1, 0, 1)
    assert ledger.outcomes == (no,)
    assert ledger.outcomes_between(DAY_START, DAY_END) == (no,)
    assert meeting.id in ledger.voided


def test_voiding_twice_is_voiding_once_and_unknown_targets_change_nothing() -> None:
    no = outcome(Outcome.NO, t(9))
    keep = outcome(Outcome.CALLBACK, t(9, 1))
    ledger = Ledger([no, keep, void(no, t(9, 2)), void(no, t(9, 3)), void("no-such-id", t(9, 4))])
    assert ledger.outcomes == (keep,)


def test_the_ritual_of_a_voided_no_is_dropped_too() -> None:
    mis_key = outcome(Outcome.NO, t(9))
    real = outcome(Outcome.NO, t(9, 5))
    ledger = Ledger(
        [
            mis_key,
            ritual(mis_key, t(9, 1), RitualEnd.CANCELLED),
            void(mis_key, t(9, 1)),
            real,
            ritual(real, t(9, 6), recovery_s=22.0),
        ]
    )
    assert [r.no_id for r in ledger.rituals] == [real.id]
    assert ledger.rituals[0].recovery_s == 22.0


def test_a_reset_cut_short_is_never_timed_whatever_its_line_holds() -> None:
    no = outcome(Outcome.NO, t(9))
    ledger = Ledger([no, ritual(no, t(9, 0, 4), RitualEnd.CUT_SHORT, recovery_s=4.0, hesitation_s=0.0)])
    [ending] = ledger.rituals
    assert ending.end is RitualEnd.CUT_SHORT
    assert (ending.recovery_s, ending.hesitation_s) == (None, None)


def test_a_no_ended_twice_by_two_windows_counts_its_first_ending_only() -> None:
    no = outcome(Outcome.NO, t(9))
    here = ritual(no, t(9, 10, 20), RitualEnd.INTERRUPTED)  # both at the ten-minute break
    there = ritual(no, t(9, 10, 20) + timedelta(milliseconds=200), RitualEnd.INTERRUPTED)
    for events in ([no, here, there], [no, there, here]):  # whichever order they were read in
        [ending] = Ledger(events).rituals
        assert ending.at == here.at and ending.end is RitualEnd.INTERRUPTED
    later = ritual(no, t(9, 12), recovery_s=30.0)
    [ending] = Ledger([no, here, later]).rituals
    assert ending.recovery_s is None  # a later Enter never rewrites a reset already closed


def test_a_void_counts_even_when_it_sorts_before_its_outcome() -> None:
    # Another machine's clock may be a little behind: the void still applies.
    no = outcome(Outcome.NO, t(9, 5))
    assert Ledger([void(no, t(9, 4)), no]).outcomes == ()


# -- tags ----------------------------------------------------------------------------------


def test_tags_apply_to_their_outcome_and_the_latest_wins() -> None:
    no = outcome(Outcome.NO, t(9), reason="timing")
    first = tag(no, t(9, 1), reason="budget", cause="skill-gap", note="first try")
    second = tag(no, t(9, 2), reason="stakeholders")
    for order in ([no, first, second], [second, first, no], [first, no, second]):
        (live,) = Ledger(order).outcomes
        assert live.reason == "stakeholders"
        assert live.cause == "skill-gap"  # untouched by the second tag
        assert live.note == "first try"


def test_an_empty_tag_field_clears_and_a_missing_one_keeps() -> None:
    no = outcome(Outcome.NO, t(9), reason="budget", cause="process", note="n")
    (live,) = Ledger([no, tag(no, t(9, 1), reason="", note="")]).outcomes
    assert live.reason is None
    assert live.note is None
    assert live.cause == "process"


def test_tags_never_touch_other_outcomes() -> None:
    a = outcome(Outcome.NO, t(9))
    b = outcome(Outcome.NO, t(9, 1))
    ledger = Ledger([a, b, tag(a, t(9, 2), reason="budget")])
    assert [o.reason for o in ledger.outcomes] == ["budget", None]


# -- blocks --------------------------------------------------------------------------------


def test_elapsed_excludes_pauses() -> None:
    (block,) = Ledger(
        [block_start("s", t(9)), pause("s", t(9, 10)), resume("s", t(9, 25)), pause("s", t(9, 40))]
    ).blocks
    assert block.elapsed_s(t(9, 5)) == 5 * 60
    assert block.elapsed_s(t(9, 20)) == 10 * 60  # mid-pause: the clock stands still
    assert block.elapsed_s(t(9, 30)) == 15 * 60
    assert block.elapsed_s(t(10, 30)) == 25 * 60  # paused again since 9:40
    assert block.is_paused()


def test_a_pause_left_open_when_the_app_quit_stays_paused_on_restart() -> None:
    events = [block_start("s", t(9)), pause("s", t(9, 30))]
    (block,) = Ledger(events).blocks
    assert block.is_paused()
    assert block.elapsed_s(t(13)) == 30 * 60
    (resumed,) = Ledger([*events, resume("s", t(13))]).blocks
    assert not resumed.is_paused()
    assert resumed.elapsed_s(t(13, 10)) == 40 * 60


def test_ending_a_paused_block_closes_the_pause_and_freezes_the_clock() -> None:
    (block,) = Ledger([block_start("s", t(9)), pause("s", t(9, 30)), block_end("s", t(9, 45))]).blocks
    assert block.ended == t(9, 45)
    assert not block.is_paused()
    assert block.elapsed_s(t(12)) == 30 * 60


def test_repeated_pauses_and_stray_block_events_are_ignored() -> None:
    (block,) = Ledger(
        [
            pause("s", t(8)),  # before the block started
            block_start("s", t(9)),
            pause("s", t(9, 10)),
            pause("s", t(9, 15)),  # already paused
            resume("s", t(9, 20)),
            resume("s", t(9, 22)),  # not paused
            pause("other", t(9, 30)),  # another session that never started
            block_end("s", t(10)),
            pause("s", t(10, 5)),  # after the end
            block_start("s", t(11)),  # the same session cannot start twice
        ]
    ).blocks
    assert block.started == t(9)
    assert block.ended == t(10)
    assert block.elapsed_s(t(12)) == 50 * 60


def test_elapsed_is_never_negative() -> None:
    block = Block(id="s", started=t(9))
    assert block.elapsed_s(t(8)) == 0.0


def test_two_writers_starting_a_block_within_a_second_make_one_block_named_by_the_first() -> None:
    # Was: the earliest of two open blocks won, and the second opened once the first ended.
    # Now the two starts are one block (issue 22): ending it ends it whatever id is named.
    first = block_start("first", t(9, 0, 0))
    second = block_start("second", t(9, 0, 1))
    ledger = Ledger([second, first])
    (block,) = ledger.blocks
    assert block.id == "first" and block.started == t(9) and block.ids == {"first", "second"}
    assert ledger.open_block(DAY_START, DAY_END) == block
    for ender in ("first", "second"):
        after_end = Ledger([second, first, block_end(ender, t(9, 30))])
        assert after_end.open_block(DAY_START, DAY_END) is None
        (ended,) = after_end.blocks
        assert ended.ended == t(9, 30)


def test_pauses_and_ends_written_to_either_id_of_a_raced_block_belong_to_it() -> None:
    events = [
        block_start("app", t(9, 0, 0)),
        block_start("hook", t(9, 0, 0)),
        pause("hook", t(9, 10)),
        resume("app", t(9, 20)),
        pause("app", t(9, 40)),
        resume("hook", t(9, 50)),
        block_end("hook", t(10)),
    ]
    (block,) = Ledger(events).blocks
    assert block.id == "app" and block.also == ("hook",)
    assert block.pauses == (Pause(t(9, 10), t(9, 20)), Pause(t(9, 40), t(9, 50)))
    assert block.ended == t(10)
    assert block.elapsed_s(t(11)) == 40 * 60


def test_a_start_after_the_open_block_ended_is_a_new_block() -> None:
    ledger = Ledger([block_start("a", t(9)), block_end("a", t(10)), block_start("b", t(10, 0, 1))])
    a, b = ledger.blocks
    assert (a.id, b.id) == ("a", "b") and b.also == ()
    assert ledger.open_block(DAY_START, DAY_END) == b


def test_a_start_on_another_local_day_is_never_read_as_a_block_left_open() -> None:
    yesterday = DAY - timedelta(days=1)
    ledger = Ledger([block_start("late", t(23, 59, 59, day=yesterday)), block_start("today", t(0, 0, 1))])
    late, today = ledger.blocks
    assert late.id == "late" and late.ended is None and today.id == "today"
    assert ledger.open_block(DAY_START, DAY_END) == today


@settings(max_examples=60, database=None)
@given(
    st.lists(st.integers(0, 3_600), min_size=1, max_size=6),
    st.lists(
        st.tuples(st.sampled_from(["pause", "resume"]), st.integers(0, 5), st.integers(0, 7_200)), max_size=8
    ),
    st.randoms(use_true_random=False),
)
def test_any_starts_while_one_is_open_are_one_block_whatever_id_later_events_name(
    starts: list[int], marks: list[tuple[str, int, int]], rng: random.Random
) -> None:
    ids = [f"s{n}" for n in range(len(starts))]
    events = [block_start(ids[n], t(9) + timedelta(seconds=s)) for n, s in enumerate(starts)]
    for kind, n, s in marks:
        maker = pause if kind == "pause" else resume
        events.append(maker(ids[n % len(ids)], t(11) + timedelta(seconds=s)))
    shuffled = list(events)
    rng.shuffle(shuffled)
    (block,) = Ledger(shuffled).blocks
    assert block.ids == set(ids)
    assert block.started == t(9) + timedelta(seconds=min(starts))
    # The same pauses as if every event named the block's own id.
    renamed = [e if e.session == block.id else replace(e, session=block.id) for e in shuffled]
    (same,) = Ledger(renamed).blocks
    assert same.pauses == block.pauses


def test_open_block_ignores_blocks_left_open_on_other_days() -> None:
    yesterday = DAY - timedelta(days=1)
    ledger = Ledger([block_start("old", t(16, day=yesterday))])
    assert ledger.open_block(DAY_START, DAY_END) is None
    assert ledger.blocks_between(DAY_START, DAY_END) == ()


def test_block_span_ends_at_the_first_of_its_end_the_next_block_or_the_day_end() -> None:
    yesterday = DAY - timedelta(days=1)
    ledger = Ledger(
        [
            block_start("left-open", t(20, day=yesterday)),
            block_start("a", t(9)),
            block_end("a", t(10)),
            block_start("b", t(11)),
            block_end("b", t(13)),  # (issue 22: a start while b is open would be b itself)
            block_start("c", t(14)),
        ]
    )
    old, a, b, c = ledger.blocks
    assert ledger.block_span(old, DAY_END) == (t(20, day=yesterday), t(9))  # the next block began
    assert ledger.block_span(a, DAY_END) == (t(9), t(10))
    assert ledger.block_span(b, DAY_END) == (t(11), t(13))
    assert ledger.block_span(c, DAY_END) == (t(14), DAY_END)


# -- properties ----------------------------------------------------------------------------


@st.composite
def days_of_calls(draw: st.DrawFn) -> tuple[list[Event], set[str]]:
    """Outcomes at distinct seconds of the day, some voided (and some voids of nothing)."""
    seconds = draw(st.lists(st.integers(0, 86_399), unique=True, max_size=30))
    logged = [
        outcome(draw(st.sampled_from(list(Outcome))), DAY_START + timedelta(seconds=s)) for s in seconds
    ]
    voided = draw(st.sets(st.sampled_from([e.id for e in logged]))) if logged else set()
    voids = [void(target, DAY_START + timedelta(seconds=draw(st.integers(0, 86_399)))) for target in voided]
    voids += [void(f"ghost-{i}", DAY_START) for i in range(draw(st.integers(0, 2)))]
    return [*logged, *voids], voided


@settings(max_examples=60, database=None)
@given(days_of_calls(), st.randoms(use_true_random=False))
def test_counts_match_a_reference_model_for_any_order_of_events(
    day: tuple[list[Event], set[str]], rng: random.Random
) -> None:
    events, voided = day
    rng.shuffle(events)
    live = [e for e in events if e.outcome is not None and e.id not in voided]
    words = Counter(e.outcome.value for e in live if e.outcome is not None)

    counts = Ledger(events).counts_between(DAY_START, DAY_END)

    assert counts.dials == len(live)
    assert counts.conversations == sum(words[w] for w in CONVERSATION_WORDS)
    assert counts.rejections == words["no"]
    assert counts.meetings == words["meeting"]
    assert {o.value: n for o, n in counts.by_outcome.items() if n} == dict(words)
    assert {e.id for e in Ledger(events).outcomes} == {e.id for e in live}


@settings(max_examples=60, database=None)
@given(st.integers(0, 25), st.data())
def test_undo_k_times_leaves_the_first_n_minus_k(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    logged = [outcome(data.draw(st.sampled_from(list(Outcome))), t(9, 0, i)) for i in range(n)]
    events = list(logged)
    for press in range(k):
        latest = Ledger(events).outcomes[-1]
        events.append(void(latest, t(12, 0, press)))
    assert Ledger(events).outcomes == tuple(logged[: n - k])


@settings(max_examples=100, database=None)
@given(
    st.lists(st.tuples(st.integers(1, 7200), st.booleans()), unique_by=lambda x: x[0], max_size=12),
    st.none() | st.integers(1, 7200),
    st.integers(0, 9000),
)
def test_the_block_clock_matches_a_stopwatch_model(
    toggles: list[tuple[int, bool]], end_s: int | None, now_s: int
) -> None:
    """Random pause (True) and resume (False) presses, maybe an end, read at any moment."""
    start = t(9)
    events = [block_start("s", start)]
    events += [(pause if is_pause else resume)("s", start + timedelta(seconds=s)) for s, is_pause in toggles]
    if end_s is not None:
        events.append(block_end("s", start + timedelta(seconds=end_s)))

    stop = min(now_s, end_s) if end_s is not None else now_s
    running, since, total = True, 0, 0
    for s, is_pause in sorted(toggles):
        if s > stop or (end_s is not None and s >= end_s):
            break
        if is_pause and running:
            total += s - since
            running = False
        elif not is_pause and not running:
            since, running = s, True
    if running and stop > since:
        total += stop - since

    (block,) = Ledger(events).blocks
    assert block.elapsed_s(start + timedelta(seconds=now_s)) == total
