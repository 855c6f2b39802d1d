"""The session controller's day, in milliseconds: opening, calls, undo, pause, blocks, tags, calls
from elsewhere, midnight, quitting, the status line and what the footer offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from companion.core.events import EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.session.commands import (
    AroundRead,
    Arrived,
    CloseSummary,
    CloseWarmup,
    DayUnreadable,
    EndBlock,
    LogOutcome,
    MarkDialling,
    Quit,
    Say,
    StartBlock,
    Tag,
    Tick,
    TogglePause,
    Undo,
)
from companion.session.controller import Effect
from companion.session.state import Phase
from tests.unit.helpers import DAY, block_start, outcome, ritual, t
from tests.unit.session_helpers import Drive, ritual_config


def quiet() -> Drive:
    """A controller with the reset off, so every key acts on the day."""
    d = Drive(replace(ritual_config(), ritual=replace(ritual_config().ritual, after=frozenset())))
    d.open()
    return d


# -- opening -------------------------------------------------------------------------------


def test_opening_an_empty_day_starts_no_block_and_offers_a_new_one() -> None:
    # Was: opening wrote a BLOCK_START. Now (issue 22) a block starts with its first call.
    d = Drive()
    assert d.state.phase is Phase.OPENING and d.state.day is None
    assert d.state.offers == frozenset()  # neither `e End` nor `Enter New block` while unknown
    state = d.open()
    assert state.phase is Phase.OPEN
    assert d.stored == []
    assert state.day is not None and state.day.block is None and state.day.pace is None
    assert state.offers == {"start_block"}


def test_the_first_call_starts_the_block_in_the_same_write_and_the_next_calls_join_it() -> None:
    d = quiet()
    d.now = t(10, 20)  # twenty minutes of email after opening: not on the block clock
    d.key(Outcome.VOICEMAIL)
    start, call = d.stored
    assert start.kind is EventKind.BLOCK_START and start.at == call.at == t(10, 20)
    assert call.session == start.session and d.writes == 1  # one write: never a call without its block
    assert d.status == "Logged voicemail · 10:20"
    d.now = t(10, 25)
    d.key(Outcome.NO_ANSWER)
    assert len(d.of(EventKind.BLOCK_START)) == 1 and d.stored[-1].session == start.session
    assert d.status == "Logged no-answer · 10:25"
    day = d.state.day
    assert day is not None and day.block is not None and day.elapsed_s == 5 * 60
    assert day.pace is not None and (day.pace.target, day.pace.done) == (20, 2)


def test_a_first_call_the_disk_refuses_starts_no_block() -> None:
    d = quiet()
    d.refuse = "No space left on device"
    d.key(Outcome.VOICEMAIL)
    assert d.state.day is not None and d.state.day.block is None and d.state.day.counts.dials == 0


def test_opening_with_a_block_open_today_resumes_it() -> None:
    d = Drive()
    d.open([block_start("morning", t(9))])
    assert d.stored == []
    assert d.state.day is not None and d.state.day.elapsed_s == 3600
    assert d.state.offers == {"end_block"}


def test_a_call_logged_while_the_day_opens_is_stored_at_once_with_its_block_start() -> None:
    d = Drive()
    d.do(LogOutcome(Outcome.VOICEMAIL), at=t(10, 0, 1))  # the app's first moment
    start, call = d.stored
    assert call.outcome is Outcome.VOICEMAIL  # durable before the day
    # Was: the call alone, and opening wrote the block. Now its block starts with it, in one
    # write; if a block of the day is open, the ledger reads this start as that block.
    assert start.kind is EventKind.BLOCK_START and start.at == t(10, 0, 1) and call.session == start.session
    assert d.status == "Logged voicemail · 10:00 · opening today's calls…"
    d.do(LogOutcome(Outcome.NO_ANSWER), at=t(10, 0, 2))  # the next joins the same block
    assert d.stored[-1].session == start.session and len(d.of(EventKind.BLOCK_START)) == 1
    d.do(TogglePause(), at=t(10, 0, 3))  # needs the day: it waits for it
    assert len(d.stored) == 3 and "counts in a moment" in d.status
    d.now = t(10, 0, 5)
    state = d.open()
    pause = d.stored[-1]
    assert len(d.of(EventKind.BLOCK_START)) == 1  # opening writes none
    assert pause.kind is EventKind.PAUSE and pause.at == t(10, 0, 3) and pause.session == start.session
    assert state.day is not None and state.day.counts.dials == 2
    assert state.day.pace is not None and state.day.pace.done == 2  # in the block, not before it


def test_a_call_logged_while_the_day_opens_joins_the_block_left_open_today() -> None:
    d = Drive()
    d.do(LogOutcome(Outcome.VOICEMAIL), at=t(10, 0, 1))
    state = d.open([block_start("morning", t(9))])
    day = state.day
    assert day is not None and day.block is not None
    assert day.block.id == "morning" and day.elapsed_s == 3600  # resumed, clock from 9:00
    assert day.pace is not None and day.pace.done == 1


def test_a_no_logged_while_the_day_opens_gets_its_reset_if_still_fresh() -> None:
    fresh = Drive()
    fresh.do(LogOutcome(Outcome.NO), at=t(10, 0, 1))
    fresh.now = t(10, 0, 3)
    assert fresh.open().ritual is not None
    late = Drive()
    late.do(LogOutcome(Outcome.NO), at=t(10, 0, 1))
    late.do(LogOutcome(Outcome.NO), at=t(10, 0, 2))
    late.now = t(10, 3)  # the day took three minutes to read: too late for a reset
    assert late.open().ritual is None
    assert [e.ritual for e in late.of(EventKind.RITUAL)] == [RitualEnd.INTERRUPTED] * 2  # none left open


def test_a_no_logged_while_the_day_opens_gets_no_reset_once_a_call_came_after_it() -> None:
    d = Drive()
    d.do(LogOutcome(Outcome.NO), at=t(10, 0, 1))
    d.do(LogOutcome(Outcome.VOICEMAIL), at=t(10, 0, 30))  # the next call: the no is behind
    d.now = t(10, 0, 40)
    assert d.open().ritual is None
    assert [e.ritual for e in d.of(EventKind.RITUAL)] == [RitualEnd.INTERRUPTED]


def test_undo_before_the_day_is_read_takes_back_a_call_logged_then() -> None:
    d = Drive()
    d.key(Outcome.VOICEMAIL, Outcome.NO_ANSWER)
    d.do(Undo())
    assert d.status == "Undone: no-answer at 10:00"
    calls = d.of(EventKind.OUTCOME)
    assert [v.target for v in d.of(EventKind.VOID)] == [calls[1].id]
    state = d.open()
    assert state.day is not None and state.day.counts.dials == 1


def test_while_history_cannot_be_read_calls_still_log_and_other_keys_say_why() -> None:
    d = Drive()
    d.do(TogglePause())  # pressed while opening: waits...
    d.do(DayUnreadable("Permission denied"))
    assert d.state.phase is Phase.UNREADABLE
    assert (
        d.status
        == "Could not read your history: Permission denied. 1 key not applied. Calls still log; retrying…"
    )
    d.key(Outcome.MEETING)
    assert [e.outcome for e in d.of(EventKind.OUTCOME)] == [Outcome.MEETING]
    d.do(EndBlock())
    assert d.status == "Not done: could not read your history (Permission denied)"
    state = d.open()  # the retry works
    assert state.day is not None and state.day.counts.meetings == 1
    assert EventKind.PAUSE not in d.kinds() and EventKind.BLOCK_END not in d.kinds()  # ...not minutes later


def test_a_reset_left_open_today_by_a_killed_app_is_closed_as_interrupted_on_opening() -> None:
    old = outcome(Outcome.NO, t(16, 0, day=DAY - timedelta(days=1)), source="app")
    no = outcome(Outcome.NO, t(9, 30), source="app")
    elsewhere = outcome(Outcome.NO, t(9, 31), source="cli")
    done = outcome(Outcome.NO, t(9, 32), source="app")
    d = Drive()
    d.open([old, block_start("b", t(9)), no, elsewhere, done, ritual(done, t(9, 33))])
    [ending] = d.of(EventKind.RITUAL)
    assert ending.target == no.id and ending.ritual is RitualEnd.INTERRUPTED  # today's, not yesterday's


def test_an_opening_write_that_fails_says_so_and_keys_work() -> None:
    d = Drive()
    d.refuse = "No space left on device"
    d.open([block_start("b", t(9)), outcome(Outcome.NO, t(9, 30), source="app")])
    assert d.state.phase is Phase.OPEN
    # Was "Could not start the block": opening writes no block now, only the resets it closes.
    assert d.status == "Could not save how the last resets ended: No space left on device."
    d.refuse = None
    d.do(EndBlock())
    assert d.state.offers == {"start_block"}


def test_the_warmup_is_offered_on_the_days_first_open_before_any_block_or_call() -> None:
    d = Drive(ritual_config(warmup=True))
    d.open()
    assert d.stored == []  # opening starts no block, yet the warm-up is offered
    d.do(AroundRead((), None))
    assert d.state.around is not None and d.state.around.warmup is not None
    d.now = t(10, 1)
    d.key(Outcome.VOICEMAIL)  # the first call starts the block and closes the warm-up
    assert d.state.around is not None and d.state.around.warmup is None
    assert d.kinds()[:2] == [EventKind.BLOCK_START, EventKind.OUTCOME]
    for today in ([outcome(Outcome.VOICEMAIL, t(9), source="cli")], [block_start("b", t(9))]):
        later = Drive(ritual_config(warmup=True))
        later.open(today)  # a call (or a block) today already: calling has begun
        later.do(AroundRead((), None))
        assert later.state.around is not None and later.state.around.warmup is None
    midnight = Drive(ritual_config(warmup=True))
    midnight.open()
    midnight.do(AroundRead((), None))
    midnight.now = t(0, 0, 1, day=DAY + timedelta(days=1))
    midnight.advance(0)
    midnight.do(CloseWarmup())
    midnight.open(day=DAY + timedelta(days=1))
    midnight.do(AroundRead((), None))
    assert midnight.state.around is not None and midnight.state.around.warmup is None  # not at midnight


# -- calls, undo, pause --------------------------------------------------------------------


def test_a_call_counts_only_once_it_is_stored() -> None:
    d = quiet()
    d.refuse = "No space left on device"
    d.key(Outcome.VOICEMAIL)
    assert d.state.day is not None and d.state.day.counts.dials == 0
    assert d.status == "NOT saved: No space left on device. Nothing was logged."
    assert d.state.status is not None and d.state.status.error
    assert Effect.BELL not in d.effects  # no sound unless [ui] bell = true
    d.refuse = None
    d.key(Outcome.VOICEMAIL)
    assert d.state.day.counts.dials == 1 and d.status == "Logged voicemail · 10:00"


def test_a_failed_write_rings_only_when_the_bell_is_asked_for() -> None:
    d = Drive(replace(ritual_config(), bell=True))
    d.open()
    d.refuse = "disk full"
    d.key(Outcome.VOICEMAIL)
    assert d.effects.count(Effect.BELL) == 1


def test_undo_voids_the_latest_then_the_one_before_then_says_there_is_nothing() -> None:
    d = quiet()
    d.key(Outcome.VOICEMAIL)
    d.now += timedelta(seconds=30)
    d.key(Outcome.NO_ANSWER)
    d.do(Undo())
    assert d.status == "Undone: no-answer at 10:00"
    d.do(Undo())
    d.do(Undo())
    assert d.status == "Nothing to undo today."
    calls = d.of(EventKind.OUTCOME)
    assert [v.target for v in d.of(EventKind.VOID)] == [calls[1].id, calls[0].id]
    assert d.state.day is not None and d.state.day.counts.dials == 0


def test_pause_and_resume_and_what_a_call_says_meanwhile() -> None:
    d = quiet()
    d.do(TogglePause())  # before the first call: there is no clock to pause
    assert d.status == "The block has not started: your first call starts it."
    assert d.stored == []
    d.key(Outcome.NO_ANSWER)  # 10:00: the block starts
    d.now = t(10, 1)
    d.do(TogglePause())
    assert d.status == "Block clock paused."
    d.now = t(10, 11)
    d.key(Outcome.GATEKEEPER)
    assert d.status == "Logged gatekeeper · 10:11 · clock paused (p resumes)"
    d.do(TogglePause())
    d.now = t(10, 11, 30)
    state = d.do(Say("x"))
    assert state.day is not None and state.day.elapsed_s == pytest.approx(90)


def test_ending_the_block_opens_its_summary_and_the_footer_offers_a_new_block() -> None:
    d = quiet()
    d.do(EndBlock())  # before the first call
    assert d.status == "No block is open: your next call starts one." and d.stored == []
    d.now = t(10, 5)
    d.key(Outcome.MEETING)
    d.now = t(10, 30)
    d.do(EndBlock())
    state = d.state
    assert state.summary is not None and state.summary.block.ended is not None
    assert state.summary.report.block_counts.meetings == 1
    assert state.offers == {"start_block"}
    d.do(CloseSummary())
    assert d.state.summary is None
    d.do(EndBlock())
    assert d.status == "No block is open: your next call starts one."
    # Was: a call after the end was logged outside any block. Now it starts the next one.
    d.key(Outcome.GATEKEEPER)
    assert d.status == "Logged gatekeeper · 10:30"
    assert d.state.offers == {"end_block"} and len(d.of(EventKind.BLOCK_START)) == 2
    d.do(StartBlock())
    assert d.status == "A block is open already; e ends it." and len(d.of(EventKind.BLOCK_START)) == 2


def test_enter_on_the_summary_closes_it_and_starts_the_next_block() -> None:
    d = quiet()
    d.do(EndBlock())
    d.do(StartBlock())
    assert d.state.summary is None and d.status == "New block started. The next call is a blank slate."


# -- tags ----------------------------------------------------------------------------------


def test_tags_go_to_todays_last_no_until_the_next_call() -> None:
    d = quiet()
    assert d.state.note_refusal() == "No call today yet: a note goes on today's latest call."
    d.do(Tag(reason="budget"))
    assert d.status == "Reasons and causes go on the last no, until the next call."
    d.key(Outcome.NO)
    assert d.state.note_refusal() is None
    d.do(Tag(reason="competitor"))
    assert d.status == "Tagged: competitor"
    d.do(Tag(cause="skill-gap"))
    assert d.status == "Tagged: skill gap"
    d.do(Tag(note="  CFO owns\x07 it "))
    assert d.status == "Note saved."
    d.key(Outcome.VOICEMAIL)
    d.do(Tag(reason="budget"))
    assert d.status == "Reasons and causes go on the last no, until the next call."
    no = d.controller.ledger.outcomes[0]
    assert (no.reason, no.cause, no.note) == ("competitor", "skill-gap", "CFO owns it")


def test_a_note_goes_to_todays_latest_call_and_how_it_felt_only_to_a_no() -> None:
    d = quiet()
    d.key(Outcome.NO)
    d.do(Tag(note="they went quiet", felt=4))
    assert d.status == "Note saved · felt 4/5."
    d.do(Tag(felt=2))  # felt alone, from the note box left empty
    assert d.status == "Noted: felt 2/5."
    d.key(Outcome.MEETING)
    assert d.state.note_target is not None and d.state.note_target.outcome is Outcome.MEETING
    d.do(Tag(note="CFO joins Tue 10am", felt=5))  # a meeting is not a no: no feeling kept
    assert d.status == "Note saved."
    no, meeting = d.controller.ledger.outcomes
    assert (no.note, no.felt) == ("they went quiet", 2)
    assert (meeting.note, meeting.felt) == ("CFO joins Tue 10am", None)


# -- from elsewhere ------------------------------------------------------------------------


def test_a_call_from_elsewhere_counts_and_a_fresh_no_starts_the_reset() -> None:
    d = Drive()
    d.open()
    meeting = make_event(EventKind.OUTCOME, t(9, 59, 50), outcome=Outcome.MEETING, source="cli")
    d.do(Arrived((meeting,)))
    assert d.state.day is not None and d.state.day.counts.meetings == 1 and d.state.ritual is None
    assert d.status == "meeting logged elsewhere · 09:59"
    late = make_event(EventKind.OUTCOME, t(9, 30), outcome=Outcome.NO, source="cli")
    d.do(Arrived((late,)))  # back-filled: counted, no reset for a call half an hour old
    assert d.state.ritual is None
    fresh = make_event(EventKind.OUTCOME, t(9, 59, 30), outcome=Outcome.NO, source="cli")
    d.do(Arrived((fresh, fresh)))
    assert d.state.ritual is not None and d.state.ritual.no_id == fresh.id
    assert d.status == "A no logged elsewhere at 09:59: reset."
    assert d.state.day.counts.rejections == 2


def test_a_call_back_filled_elsewhere_for_another_day_says_its_date() -> None:
    """`companion log no --at` for Friday said "no logged elsewhere · 16:00", as if today's."""
    d = Drive()
    d.open()
    friday = make_event(
        EventKind.OUTCOME, t(16, day=DAY - timedelta(days=3)), outcome=Outcome.NO, source="cli"
    )
    d.do(Arrived((friday,)))
    assert d.status == "no logged elsewhere · Fri 20 Nov 16:00"
    assert d.state.day is not None and d.state.day.counts.rejections == 0  # it counts for Friday
    earlier = make_event(EventKind.OUTCOME, t(8), outcome=Outcome.NO, source="cli")
    d.do(Arrived((earlier,)))
    assert d.status == "no logged elsewhere · 08:00"  # today's: the time alone


def test_our_own_calls_seen_on_disk_are_not_taken_for_another_processs() -> None:
    d = Drive()
    d.open()
    d.key(Outcome.NO)
    [no] = d.of(EventKind.OUTCOME)
    d.do(Arrived((no,)))  # the poll reads back our own line
    assert d.state.ritual is not None and d.state.ritual.no_id == no.id  # not interrupted
    assert d.of(EventKind.RITUAL) == []


def test_a_reload_read_before_our_write_landed_keeps_our_call() -> None:
    d = quiet()
    d.key(Outcome.VOICEMAIL)
    d.open([])  # a reload (after a fold) whose read missed our call
    assert d.state.day is not None and d.state.day.counts.dials == 1
    assert len(d.of(EventKind.BLOCK_START)) == 1  # a reload never starts a block


# -- midnight, quitting, the status line ---------------------------------------------------


def test_midnight_reads_the_new_day_whose_first_call_starts_its_own_block_and_says_so() -> None:
    # Was: midnight wrote the new day's block at once. Now its first call does.
    d = quiet()
    d.key(Outcome.VOICEMAIL)
    tomorrow = DAY + timedelta(days=1)
    d.now = t(0, 0, 1, day=tomorrow)
    state = d.advance(0)
    assert state.phase is Phase.OPENING and Effect.RELOAD in d.effects
    d.open(d.stored, day=tomorrow)
    assert d.status == "New day: first call starts its block. Yesterday's is kept."
    assert len(d.of(EventKind.BLOCK_START)) == 1
    assert d.state.day is not None and d.state.day.counts.dials == 0 and d.state.day.block is None
    d.now = t(0, 5, day=tomorrow)
    d.key(Outcome.VOICEMAIL)
    first, second = d.of(EventKind.BLOCK_START)
    assert first.session != second.session and second.at == t(0, 5, day=tomorrow)
    assert (
        d.state.day is not None and d.state.day.block is not None and d.state.day.block.id == second.session
    )


def test_a_day_read_before_midnight_but_answered_after_it_is_read_again() -> None:
    d = quiet()
    d.now = t(0, 0, 1, day=DAY + timedelta(days=1))
    d.advance(0)
    d.effects.clear()
    d.open(d.stored, day=DAY)  # a reload from just before midnight
    assert d.state.phase is Phase.OPENING and d.effects == [Effect.RELOAD]


def test_quitting_mid_reset_stores_it_as_interrupted_then_exits() -> None:
    d = Drive()
    d.open()
    d.key(Outcome.NO)
    d.do(Quit())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert d.effects[-1] is Effect.EXIT


def test_quitting_while_the_day_opens_leaves_the_calls_stored_already() -> None:
    d = Drive()
    d.key(Outcome.NO, Outcome.MEETING)
    d.do(Quit())
    assert [e.outcome for e in d.of(EventKind.OUTCOME)] == [Outcome.NO, Outcome.MEETING]
    assert d.effects == [Effect.EXIT]


def test_nothing_is_done_after_a_quit() -> None:
    d = Drive()
    d.open()
    d.key(Outcome.NO)
    d.do(Quit())
    d.do(Quit())  # a second ctrl+q in the same moment
    d.do(MarkDialling())
    d.key(Outcome.VOICEMAIL)
    d.advance(60 * 60)
    assert [e.ritual for e in d.of(EventKind.RITUAL)] == [RitualEnd.INTERRUPTED]
    assert len(d.of(EventKind.OUTCOME)) == 1
    assert d.effects.count(Effect.EXIT) == 1


def test_quitting_exits_even_when_nothing_can_be_stored() -> None:
    d = Drive()
    d.open()
    d.key(Outcome.NO)
    d.refuse = "disk full"
    d.do(Quit())
    assert d.effects[-1] is Effect.EXIT


def test_a_line_fades_after_a_few_seconds_but_a_sticky_one_stays() -> None:
    d = quiet()
    d.do(Say("hello"))
    assert d.advance(5.9).status is not None
    assert d.advance(0.2).status is None


def test_the_block_starts_with_the_first_call_logged_while_the_day_opened() -> None:
    d = Drive()
    d.do(Tick(), at=t(10, 0, 2))  # a tick handled first, stamped when it was handled...
    d.do(LogOutcome(Outcome.VOICEMAIL), at=t(10, 0, 1))  # ...after a key pressed before it
    d.now = t(10, 0, 5)
    d.open()
    [start] = d.of(EventKind.BLOCK_START)
    assert start.at == t(10, 0, 1)
    assert d.state.day is not None and d.state.day.pace is not None and d.state.day.pace.done == 1


def test_calls_logged_after_midnight_while_the_new_day_is_read_are_in_its_block() -> None:
    d = quiet()
    tomorrow = DAY + timedelta(days=1)
    d.now = t(0, 0, 1, day=tomorrow)
    d.advance(0)
    d.do(LogOutcome(Outcome.NO_ANSWER), at=t(0, 0, 2, day=tomorrow))
    d.now = t(0, 0, 3, day=tomorrow)
    d.open(d.stored, day=tomorrow)
    new_block = d.of(EventKind.BLOCK_START)[-1]
    assert new_block.at <= t(0, 0, 2, day=tomorrow)
    assert d.state.day is not None and d.state.day.pace is not None and d.state.day.pace.done == 1


def test_an_undo_kept_while_the_day_opened_never_takes_back_a_later_call() -> None:
    d = Drive()
    d.do(Undo(), at=t(10, 0, 1))  # nothing of this run to take back: it waits for the day
    d.do(LogOutcome(Outcome.VOICEMAIL), at=t(10, 0, 2))
    d.now = t(10, 0, 5)
    d.open()
    assert d.of(EventKind.VOID) == [] and d.status == "Nothing to undo today."


def test_a_summary_left_open_past_midnight_still_shows_its_own_day() -> None:
    d = quiet()
    d.now = t(23, 0)
    d.key(Outcome.MEETING)
    d.now = t(23, 30)
    d.do(EndBlock())
    tomorrow = DAY + timedelta(days=1)
    d.now = t(0, 0, 5, day=tomorrow)
    d.advance(0)
    d.open(d.stored, day=tomorrow)
    summary = d.state.summary
    assert summary is not None and summary.report.day == DAY and summary.report.counts.meetings == 1


# -- a block started from elsewhere, and two writers at once ---------------------------------


def test_a_block_a_dialer_hook_started_is_the_one_the_next_key_joins() -> None:
    d = quiet()
    start = make_event(EventKind.BLOCK_START, t(10), session="hook", source="cli")
    call = make_event(EventKind.OUTCOME, t(10), outcome=Outcome.VOICEMAIL, session="hook", source="cli")
    d.do(Arrived((start, call)))
    assert d.state.day is not None and d.state.day.block is not None and d.state.day.block.id == "hook"
    d.now = t(10, 1)
    d.key(Outcome.NO_ANSWER)
    assert d.of(EventKind.BLOCK_START) == [] and d.stored[-1].session == "hook"


def test_the_apps_key_and_a_hooks_log_starting_a_block_at_once_make_one_block() -> None:
    d = quiet()
    d.key(Outcome.VOICEMAIL)  # the app's key starts block A...
    [ours] = d.of(EventKind.BLOCK_START)
    theirs = make_event(EventKind.BLOCK_START, t(10, 0, 0) + timedelta(milliseconds=400), session="hook")
    call = make_event(EventKind.OUTCOME, theirs.at, outcome=Outcome.NO_ANSWER, session="hook", source="cli")
    d.do(Arrived((theirs, call)))  # ...and the hook's log, which had not seen it, started B
    day = d.state.day
    assert day is not None and day.block is not None
    assert day.block.ids == {ours.session, "hook"} and day.counts.dials == 2
    assert day.pace is not None and day.pace.done == 2 and day.block_target == 20  # one block's target
    d.now = t(10, 5)
    d.do(TogglePause())
    assert d.state.day is not None and d.state.day.paused
    d.do(EndBlock())
    assert d.state.day is not None and d.state.day.block is None and d.state.offers == {"start_block"}
