"""Every rule of the reset, through the session controller with an injected clock: locked keys,
steps on deadlines, Enter at Dial, skip, undo, `e` and `p`, calls from elsewhere, the ten-minute
break, the bell, one ending per no, reframes, and midnight."""

from __future__ import annotations

import itertools
import os
from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.events import EventKind, RitualEnd, make_event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.reframes import REFRAMES, SCRIPT
from companion.core.ritual import DIAL_WAIT_MAX_S, RitualStep
from companion.session.commands import (
    Arrived,
    Command,
    DayLoaded,
    EndBlock,
    LogOutcome,
    MarkDialling,
    Quit,
    Skip,
    StartBlock,
    Tag,
    Tick,
    TogglePause,
    Undo,
)
from companion.session.controller import Effect
from companion.session.ritual import SKIP_WINDOW_S
from companion.session.state import Phase
from tests.unit.helpers import DAY, block_start, t
from tests.unit.session_helpers import Drive, ritual_config


def after_a_no(**config: object) -> Drive:
    d = Drive(ritual_config(**config))  # type: ignore[arg-type]
    d.open()
    d.key(Outcome.NO)
    assert d.state.ritual is not None
    return d


def test_the_four_steps_follow_their_deadlines_and_enter_at_dial_stores_recovery_and_hesitation() -> None:
    d = after_a_no()
    ritual = d.state.ritual
    assert ritual is not None and ritual.step is RitualStep.BREATHE and ritual.left_s == 10
    assert d.status == "Logged no · 10:00"  # the reset opens on the confirmation
    steps = [d.advance(s).ritual for s in (4.2, 5.8, 5.0, 5.0)]
    assert [r.step for r in steps if r] == [
        RitualStep.BREATHE, RitualStep.REFRAME, RitualStep.REVIEW, RitualStep.DIAL,
    ]  # fmt: skip
    assert steps[0] is not None and round(steps[0].left_s, 1) == 5.8
    d.advance(3.7)
    d.do(MarkDialling())
    assert d.state.ritual is None
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.COMPLETED
    assert (ending.recovery_s, ending.hesitation_s) == (23.7, 3.7)
    assert d.status == "Recovered in 24s from the no. Next one."
    assert d.state.day is not None and d.state.day.last_recovery_s == 23.7


def test_a_three_second_stall_lands_on_the_right_step() -> None:
    d = after_a_no()
    d.advance(8)
    state = d.advance(3)  # one late tick after a stalled loop
    assert state.ritual is not None and state.ritual.step is RitualStep.REFRAME
    assert round(state.ritual.step_elapsed_s, 3) == 1.0


def test_outcome_keys_are_locked_before_dial_and_dial_says_to_log_the_call_again() -> None:
    d = after_a_no(breathe=1, reframe=3, review=1)
    d.now += timedelta(seconds=4.6)
    d.key(Outcome.MEETING)
    assert d.status == 'Not logged: Dial opens in 1s ([ritual] gate = "hold").'  # 0.4 s rounds up, never "0s"
    assert len(d.of(EventKind.OUTCOME)) == 1
    state = d.advance(0.5)
    assert state.ritual is not None and state.ritual.at_dial
    assert d.status == "Dial is open now: log that call again."  # the countdown never outstays the lock
    d.advance(5.8)  # Dial opened at 5 s; the line is said for 6 s from then
    assert d.status == "Dial is open now: log that call again."
    d.advance(0.2)
    assert d.status == ""
    d.key(Outcome.MEETING)
    assert [e.outcome for e in d.of(EventKind.OUTCOME)] == [Outcome.NO, Outcome.MEETING]


def test_the_locked_line_counts_down_on_the_clock() -> None:
    d = after_a_no()
    d.advance(12)
    d.key(Outcome.VOICEMAIL)
    assert d.status == 'Not logged: Dial opens in 8s ([ritual] gate = "hold").'
    d.advance(3)
    assert d.status == 'Not logged: Dial opens in 5s ([ritual] gate = "hold").'
    d.do(TogglePause())  # another line replaces the countdown for good
    d.advance(1)
    assert d.status == "p pauses the block from the Dial step, or after s s."


def test_an_outcome_at_dial_completes_the_reset_unmeasured_and_logs_the_call() -> None:
    d = after_a_no()
    d.advance(22)
    d.key(Outcome.MEETING)
    assert d.state.ritual is None
    assert d.status == "Logged meeting · not timed (Enter at Dial times it)"
    assert [e.kind for e in d.stored[-2:]] == [EventKind.RITUAL, EventKind.OUTCOME]
    [ending] = d.of(EventKind.RITUAL)
    # No dial mark: the 22 s hold the whole next call, so they are no recovery time.
    assert ending.ritual is RitualEnd.COMPLETED
    assert ending.recovery_s is None and ending.hesitation_s is None
    assert d.state.day is not None and d.state.day.counts.meetings == 1


def test_a_no_at_dial_starts_the_next_reset_which_shows_the_last_recovery() -> None:
    d = after_a_no()
    first = d.state.ritual
    d.advance(26)
    d.key(Outcome.NO)
    second = d.state.ritual
    assert first is not None and second is not None and second.no_id != first.no_id
    assert second.no_id == d.of(EventKind.OUTCOME)[-1].id
    assert d.status == "Logged no · not timed (Enter at Dial times it)"


def test_enter_before_dial_says_when_it_works() -> None:
    d = after_a_no()
    d.do(MarkDialling())
    assert d.status == "Enter marks dialling once Dial opens, in 20s."
    assert d.of(EventKind.RITUAL) == []
    assert "dial" not in d.state.offers
    d.advance(20)
    assert "dial" in d.state.offers


def test_skipping_takes_two_presses_within_the_window() -> None:
    d = after_a_no()
    d.do(Skip())
    assert d.status == "Press s again to skip. It is noted as skipped."
    d.advance(SKIP_WINDOW_S - 0.1)
    assert d.status == "Press s again to skip. It is noted as skipped."
    d.advance(0.2)
    assert d.status == ""  # the prompt lasts exactly as long as the second press counts
    d.advance(2)  # too late: the first press has lapsed
    d.do(Skip())
    assert d.state.ritual is not None
    d.advance(1)
    d.do(Skip())
    assert d.state.ritual is None and d.status == "Reset skipped. Next call: fresh start."
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.SKIPPED and ending.recovery_s is None


def test_undo_in_the_reset_voids_the_no_and_cancels_it() -> None:
    d = after_a_no()
    d.do(Undo())
    assert d.state.ritual is None
    [no] = d.of(EventKind.OUTCOME)
    [void] = d.of(EventKind.VOID)
    [ending] = d.of(EventKind.RITUAL)
    assert void.target == no.id and ending.ritual is RitualEnd.CANCELLED
    assert d.state.day is not None and d.state.day.counts.rejections == 0


def test_e_and_p_say_when_they_work_and_e_at_dial_ends_the_block_unmeasured() -> None:
    d = after_a_no()
    d.do(EndBlock())
    assert d.status == "e ends the block from the Dial step, or after s s."
    d.do(TogglePause())
    assert d.status == "p pauses the block from the Dial step, or after s s."
    assert EventKind.PAUSE not in d.kinds() and EventKind.BLOCK_END not in d.kinds()
    d.advance(25)
    d.do(EndBlock())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert len(d.of(EventKind.BLOCK_END)) == 1
    assert d.state.ritual is None and d.state.summary is not None


def test_p_at_dial_closes_the_reset_unmeasured_and_pauses_the_clock() -> None:
    d = after_a_no()
    d.advance(25)
    d.do(TogglePause())  # stepping away from the phone
    assert d.state.ritual is None and d.status == "Block clock paused."
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert d.state.day is not None and d.state.day.paused


def test_e_at_dial_that_cannot_be_stored_leaves_the_reset_and_the_block_open() -> None:
    d = after_a_no()
    d.advance(25)
    d.refuse = "No space left on device"
    d.do(EndBlock())
    assert d.state.ritual is not None and d.state.summary is None
    assert d.status == "The reset's end is NOT saved: No space left on device."
    d.refuse = None
    d.do(MarkDialling())
    assert d.of(EventKind.BLOCK_END) == []
    assert [e.ritual for e in d.of(EventKind.RITUAL)] == [RitualEnd.COMPLETED]


def test_a_call_from_elsewhere_ends_the_reset_as_interrupted() -> None:
    d = after_a_no()
    theirs = make_event(EventKind.OUTCOME, t(10, 0, 5), outcome=Outcome.VOICEMAIL, source="cli")
    d.do(Arrived((theirs,)))
    assert d.state.ritual is None and d.status == "Reset ended: voicemail logged elsewhere."
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert d.state.day is not None and d.state.day.counts.dials == 2


def test_e_and_p_before_dial_say_when_they_work_until_dial_opens() -> None:
    d = after_a_no()
    d.advance(17)
    d.do(EndBlock())
    assert d.status == "e ends the block from the Dial step, or after s s."
    d.advance(2.9)
    assert d.status == "e ends the block from the Dial step, or after s s."
    d.advance(0.2)
    assert d.status == "" and d.state.ritual is not None and d.state.ritual.at_dial  # true no longer
    d.do(EndBlock())
    assert d.state.ritual is None and d.of(EventKind.BLOCK_END) != []


def test_a_call_back_filled_elsewhere_for_before_the_no_counts_and_the_reset_goes_on() -> None:
    d = after_a_no()
    d.advance(4)
    earlier = make_event(EventKind.OUTCOME, t(9, 55), outcome=Outcome.VOICEMAIL, source="cli")
    d.do(Arrived((earlier,)))
    assert d.state.ritual is not None and d.of(EventKind.RITUAL) == []
    assert d.status == "voicemail logged elsewhere · 09:55"
    assert d.state.day is not None and d.state.day.counts.dials == 2
    d.advance(20)
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.COMPLETED and ending.recovery_s == 24.0


def test_a_reset_ended_in_another_window_is_over_here_and_nothing_more_is_stored() -> None:
    d = after_a_no()
    no = d.state.ritual
    assert no is not None
    d.advance(24)
    theirs = make_event(
        EventKind.RITUAL,
        d.now,
        target=no.no_id,
        ritual=RitualEnd.COMPLETED,
        recovery_s=24.0,
        hesitation_s=4.0,
        source="tui",
    )
    d.do(Arrived((theirs,)))
    assert d.state.ritual is None and d.status == "Reset ended in another window."
    d.do(MarkDialling())
    assert d.of(EventKind.RITUAL) == []  # theirs is the one ending; we write none
    assert d.state.day is not None and d.state.day.last_recovery_s == 24.0


def test_a_no_undone_in_another_window_ends_the_reset_and_stops_counting() -> None:
    d = after_a_no()
    no = d.state.ritual
    assert no is not None
    d.advance(3)
    d.do(Arrived((make_event(EventKind.VOID, d.now, target=no.no_id, source="cli"),)))
    assert d.state.ritual is None and d.status == "The no was undone in another window."
    assert d.state.day is not None and d.state.day.counts.dials == 0
    assert d.of(EventKind.RITUAL) == []


def test_a_no_from_elsewhere_never_restarts_a_reset_in_its_timed_steps_and_gets_its_own_at_dial() -> None:
    d = after_a_no()
    first = d.state.ritual
    d.advance(4)
    theirs = make_event(EventKind.OUTCOME, t(10, 0, 4), outcome=Outcome.NO, source="cli")
    d.do(Arrived((theirs,)))  # no call could have followed yet: counted, the reset goes on
    assert first is not None and d.state.ritual is not None and d.state.ritual.no_id == first.no_id
    assert d.status == "No logged elsewhere: counted. Same call? u after reset."
    assert d.of(EventKind.RITUAL) == [] and d.state.day is not None and d.state.day.counts.rejections == 2
    d.advance(17)  # at Dial: the next call has happened
    later = make_event(EventKind.OUTCOME, d.now, outcome=Outcome.NO, source="cli")
    d.do(Arrived((later,)))
    second = d.state.ritual
    assert first is not None and second is not None and second.no_id == later.id
    assert [e.target for e in d.of(EventKind.RITUAL)] == [first.no_id]  # the first, interrupted
    assert d.status == "A no logged elsewhere at 10:00: reset."


def test_with_outside_count_a_no_from_elsewhere_only_counts() -> None:
    config = ritual_config()
    d = Drive(replace(config, ritual=replace(config.ritual, outside="count")))
    d.open()
    theirs = make_event(EventKind.OUTCOME, d.now, outcome=Outcome.NO, source="cli")
    d.do(Arrived((theirs,)))
    assert d.state.ritual is None and d.status == "no logged elsewhere · 10:00"
    d.key(Outcome.NO)  # a no keyed here still opens the reset
    assert d.state.ritual is not None


def test_ten_minutes_at_dial_is_a_break_closed_once_and_said_until_the_next_line() -> None:
    d = after_a_no()
    d.advance(20 + DIAL_WAIT_MAX_S - 1)
    assert d.state.ritual is not None
    d.advance(2)
    assert d.state.ritual is None
    assert d.status == "Reset closed: 10 min at Dial is a break, not a recovery."
    d.advance(60)
    assert "a break" in d.status  # sticky: the rep may have been away
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None


def test_a_break_that_cannot_be_stored_is_not_retried_on_every_tick() -> None:
    d = after_a_no()
    d.refuse = "disk full"
    d.advance(20 + DIAL_WAIT_MAX_S + 1)
    writes = d.writes
    for _ in range(5):
        d.advance(1)
    assert d.writes == writes
    assert d.state.ritual is not None  # still on screen; Enter or a key closes it


def test_the_bell_rings_on_each_step_change_only_when_asked() -> None:
    for bell, rings in ((False, 0), (True, 3)):
        d = Drive(replace(ritual_config(), bell=bell))
        d.open()
        d.key(Outcome.NO)
        for seconds in (10.01, 5.01, 5.01, 5.0):
            d.advance(seconds)
        assert d.effects.count(Effect.BELL) == rings


def test_tags_in_the_reset_go_to_its_no_and_show_on_the_reset() -> None:
    d = after_a_no()
    d.do(Tag(reason="timing"))
    d.do(Tag(cause="skill-gap"))
    d.do(Tag(note="CFO owns it"))
    d.do(Tag(reason="budget"))  # changed my mind
    ritual = d.state.ritual
    assert ritual is not None
    assert (ritual.reason, ritual.cause, ritual.note) == ("budget", "skill-gap", "CFO owns it")
    assert d.status == "Logged no · 10:00"  # the reset shows tags on their own line


def test_the_reframe_line_never_repeats_back_to_back() -> None:
    d = Drive(seed=3)
    d.open()
    seen = []
    for _ in range(40):
        d.key(Outcome.NO)
        ritual = d.state.ritual
        assert ritual is not None
        seen.append(ritual.reframe)
        d.do(Skip())
        d.do(Skip())
        d.advance(10)
    assert all(a != b for a, b in itertools.pairwise(seen))
    assert len(set(seen)) > 10
    assert set(seen) <= set(REFRAMES) | {line for line in seen if "no's" in line}


def test_a_reset_running_at_midnight_belongs_to_the_day_of_its_no() -> None:
    d = Drive(now=t(23, 59, 50))
    d.open()
    d.key(Outcome.NO)
    d.now = t(0, 0, 20, day=DAY + timedelta(days=1))
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.COMPLETED and ending.recovery_s == 30.0
    ledger = Ledger(d.stored)
    from companion.core.calendar import day_bounds
    from tests.unit.helpers import BERLIN

    assert len(ledger.rituals_between(*day_bounds(DAY, BERLIN))) == 1
    assert ledger.rituals_between(*day_bounds(DAY + timedelta(days=1), BERLIN)) == ()


ELSEWHERE_NO = "elsewhere-no"
ELSEWHERE_CALL = "elsewhere-call"
READ_AGAIN = "read-again"
KEYS: list[Command | str] = [
    LogOutcome(Outcome.NO),
    LogOutcome(Outcome.VOICEMAIL),
    MarkDialling(),
    Skip(),
    Undo(),
    EndBlock(),
    StartBlock(),
    TogglePause(),
    Tick(),
    Quit(),
    ELSEWHERE_NO,  # a call another process logged just now
    ELSEWHERE_CALL,
    READ_AGAIN,  # the day read again from disk (after a fold, an import)
]


@settings(max_examples=int(os.environ.get("COMPANION_EXAMPLES", "250")), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(range(len(KEYS))),
            st.sampled_from([0.0, 0.5, 3.0, 12.0, 25.0, 700.0]),
            st.booleans(),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_any_order_of_keys_times_and_failed_writes_keeps_the_books_straight(
    steps: list[tuple[int, float, bool]], opened_first: bool
) -> None:
    """Whatever the rep presses, whenever (the day open yet or not), whatever arrives from
    elsewhere, and whichever writes fail: every no gets at most one ending; a reset is on
    screen only for a live no without one; no recovery time is longer than the steps and the
    break; no completed reset spans another call; and the counts are the stored calls that
    were not undone."""
    d = Drive()
    if opened_first:
        d.open()
    for index, wait, fails in steps:
        d.now += timedelta(seconds=wait)
        d.refuse = "disk full" if fails else None
        key = KEYS[index]
        if key == READ_AGAIN:
            key = DayLoaded(DAY, tuple(d.stored))
        elif isinstance(key, str):
            outcome = Outcome.NO if key == ELSEWHERE_NO else Outcome.CALLBACK
            call = make_event(EventKind.OUTCOME, d.now, outcome=outcome, source="cli")
            d.stored.append(call)  # on disk, by the other process
            key = Arrived((call,))
        d.do(key)
        if isinstance(key, Quit):
            break  # the app has left
    ledger = Ledger(d.stored)
    endings = d.of(EventKind.RITUAL)
    assert len({e.target for e in endings}) == len(endings)
    ritual = d.state.ritual
    if ritual is not None:
        assert ledger.outcome(ritual.no_id) is not None
        assert ritual.no_id not in {e.target for e in endings}
    longest = 10 + 5 + 5 + DIAL_WAIT_MAX_S
    calls = [e for e in d.stored if e.kind is EventKind.OUTCOME]
    for ending in endings:
        if ending.ritual is not RitualEnd.COMPLETED:
            continue
        # A completed reset is timed only when dialling was marked (Enter), not by a key.
        assert ending.recovery_s is None or ending.recovery_s <= longest + 0.1
        no = next(c for c in calls if c.id == ending.target)
        # A no from elsewhere during the timed steps is counted and the reset goes on (no call
        # could have followed yet: the same call, logged twice); any other call ends it.
        steps_end = no.at + timedelta(seconds=10 + 5 + 5)
        twice = [c for c in calls if c.source == "cli" and c.outcome is Outcome.NO and c.at < steps_end]
        between = [c for c in calls if c.id != no.id and no.at < c.at < ending.at and c not in twice]
        assert between == [], "a completed reset spans another call"
    if d.state.day is not None:
        assert d.state.day.counts.dials == len(ledger.outcomes)


def test_a_reset_running_at_midnight_keeps_its_rules_while_the_new_day_is_read() -> None:
    d = Drive(ritual_config(breathe=30), now=t(23, 59, 50))
    d.open()
    d.key(Outcome.NO)
    d.now = t(0, 0, 1, day=DAY + timedelta(days=1))
    assert d.advance(0).phase is Phase.OPENING  # the new day is being read
    d.key(Outcome.MEETING)  # still in Breathe: locked, as ever
    assert d.status.startswith("Not logged: Dial opens") and len(d.of(EventKind.OUTCOME)) == 1
    d.open(d.stored, day=DAY + timedelta(days=1))
    d.advance(50)
    d.do(MarkDialling())
    assert [e.ritual for e in d.of(EventKind.RITUAL)] == [RitualEnd.COMPLETED]


def test_a_reset_ended_from_elsewhere_is_over_even_when_its_ending_cannot_be_stored() -> None:
    d = after_a_no()
    first = d.state.ritual
    d.advance(21)  # at Dial: a call from elsewhere ends the reset
    d.refuse = "disk full"
    theirs = make_event(EventKind.OUTCOME, d.now, outcome=Outcome.NO, source="cli")
    d.do(Arrived((theirs,)))
    assert d.state.ritual is not None and first is not None and d.state.ritual.no_id == theirs.id
    d.refuse = None
    d.advance(30)
    d.do(MarkDialling())  # completes the new reset, never the first across the other call
    [ending] = d.of(EventKind.RITUAL)
    assert ending.target == theirs.id and ending.ritual is RitualEnd.COMPLETED


def test_no_recovery_is_ever_longer_than_the_break_even_without_a_tick() -> None:
    d = after_a_no()
    d.now += timedelta(seconds=20 + DIAL_WAIT_MAX_S + 60)  # a laptop asleep: no tick came
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert "a break, not a recovery" in d.status
    again = after_a_no()
    again.now += timedelta(seconds=20 + DIAL_WAIT_MAX_S + 60)
    again.key(Outcome.MEETING)  # the call is logged; the reset is not measured
    assert [e.ritual for e in again.of(EventKind.RITUAL)] == [RitualEnd.INTERRUPTED]
    assert again.state.day is not None and again.state.day.counts.meetings == 1


def test_e_and_p_at_dial_with_no_block_open_say_so_and_leave_the_reset() -> None:
    d = after_a_no()
    d.do(EndBlock())
    d.advance(25)  # at Dial, a block ended elsewhere (another app):
    block = d.state.day.block if d.state.day else None
    assert block is not None
    d.do(Arrived((make_event(EventKind.BLOCK_END, d.now, session=block.id, source="cli"),)))
    for key in (EndBlock(), TogglePause()):
        d.do(key)
        assert (
            d.status == "No block is open; after the reset, Enter starts one." and d.state.ritual is not None
        )
    assert d.of(EventKind.RITUAL) == []


def test_p_with_the_clock_paused_resumes_it_and_the_reset_goes_on() -> None:
    d = Drive()
    d.open([block_start("b", t(9))])  # (opening starts no block now: one is open already)
    d.do(TogglePause())
    d.key(Outcome.NO)
    d.advance(25)
    d.do(TogglePause())
    assert d.status == "Block clock running." and d.state.ritual is not None
    assert d.of(EventKind.RITUAL) == []


def test_the_script_opens_the_reframe_step_on_each_of_twenty_resets_in_a_row() -> None:
    """A mantra works by repetition: every reset's Reframe step says it, with a line under it
    that is never the script and never the one before."""
    d = Drive(seed=5)
    d.open()
    under = []
    for _ in range(20):
        d.key(Outcome.NO)
        ritual = d.advance(10.5).ritual  # Breathe is over: Reframe
        assert ritual is not None and ritual.step is RitualStep.REFRAME
        assert ritual.mantra == SCRIPT.text
        under.append(ritual.reframe)
        d.advance(10)  # Dial: the next no logs there and starts the next reset
    assert SCRIPT.text not in under
    assert all(a != b for a, b in itertools.pairwise(under))


def test_the_checklist_is_asked_from_reframe_on_until_a_cause_answers_it() -> None:
    d = after_a_no()
    ritual = d.state.ritual
    assert ritual is not None and not ritual.asks_checklist  # Breathe: the body first
    ritual = d.advance(10).ritual
    assert ritual is not None and ritual.step is RitualStep.REFRAME and ritual.asks_checklist
    ritual = d.advance(5).ritual
    assert ritual is not None and ritual.step is RitualStep.REVIEW and ritual.asks_checklist
    ritual = d.do(Tag(cause="skill-gap")).ritual
    assert ritual is not None and ritual.cause == "skill-gap" and not ritual.asks_checklist
    [tag] = d.of(EventKind.TAG)
    assert tag.cause == "skill-gap"
    ritual = d.advance(5).ritual  # never blocks: Dial opens on time and Enter still dials
    assert ritual is not None and ritual.at_dial
    d.do(MarkDialling())
    assert d.state.ritual is None and d.of(EventKind.RITUAL)[0].ritual is RitualEnd.COMPLETED


def test_the_checklist_waits_for_reframe_in_the_long_reset_too() -> None:
    d = Drive(ritual_config())
    d.open()
    d.do(LogOutcome(Outcome.NO, hard=True))
    for seconds, step in ((1, RitualStep.PERSPECTIVE), (20, RitualStep.SO_WHAT), (20, RitualStep.STORY)):
        ritual = d.advance(seconds).ritual
        assert ritual is not None and ritual.step is step and not ritual.asks_checklist
    ritual = d.advance(40).ritual
    assert ritual is not None and ritual.step is RitualStep.REFRAME and ritual.asks_checklist


def test_the_breathe_step_paces_three_breaths_by_default_and_the_setting_changes_it() -> None:
    ritual = after_a_no().state.ritual
    assert ritual is not None and (ritual.breaths, ritual.breath) == (3, (4.0, 6.0))
    config = ritual_config()
    d = Drive(replace(config, ritual=replace(config.ritual, breaths=0, breath=(3.0, 2.0))))
    d.open()
    ritual = d.key(Outcome.NO).ritual
    assert ritual is not None and (ritual.breaths, ritual.breath) == (0, (3.0, 2.0))
