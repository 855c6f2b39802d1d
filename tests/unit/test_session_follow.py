"""What follows a write is data on it: a no's write names the line said and the reset that
starts once it is stored, and nothing of it happens until the store says so."""

from __future__ import annotations

from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.session.commands import LogOutcome, NotStored, Stored
from companion.session.follow import NOT_SAVED, Follow, HintSaid, RitualOver, StartRitual
from tests.unit.helpers import t
from tests.unit.session_helpers import Drive, ritual_config


def test_a_nos_write_says_what_follows_and_nothing_follows_before_it_is_stored() -> None:
    d = Drive()
    d.open()
    transition = d.controller.handle(LogOutcome(Outcome.NO), t(10, 1))
    write = transition.write
    assert write is not None
    start, call = write.events  # the day's first call starts its block, in the same write
    assert start.kind is EventKind.BLOCK_START and call.session == start.session
    assert call.kind is EventKind.OUTCOME and call.outcome is Outcome.NO
    assert write.follow.said is not None and write.follow.said.text == "Logged no · 10:01"
    assert write.follow.then == (StartRitual(call),)
    assert write.follow.failed == NOT_SAVED
    assert transition.state.ritual is None  # not before it is stored
    stored = d.controller.handle(Stored(write.id), t(10, 1))
    assert stored.state.ritual is not None and stored.state.ritual.no_id == call.id
    assert stored.state.status is not None and stored.state.status.text == "Logged no · 10:01"


def test_a_write_not_stored_says_its_failed_line_and_does_none_of_what_follows() -> None:
    d = Drive()
    d.open()
    write = d.controller.handle(LogOutcome(Outcome.NO), t(10, 1)).write
    assert write is not None
    state = d.controller.handle(NotStored(write.id, "disk full"), t(10, 1)).state
    assert state.ritual is None
    assert state.status is not None and state.status.error
    assert state.status.text == "NOT saved: disk full. Nothing was logged."
    assert state.day is not None and state.day.counts.dials == 0


def test_a_voicemail_says_its_line_and_nothing_follows() -> None:
    d = Drive()
    d.open()
    write = d.controller.handle(LogOutcome(Outcome.VOICEMAIL), t(10, 1)).write
    assert write is not None
    assert write.follow.then == () and write.follow.otherwise == ()
    assert isinstance(write.follow, Follow)


def test_a_no_at_dial_closes_the_reset_and_its_write_starts_the_next_once_stored() -> None:
    d = Drive(ritual_config())
    d.open()
    d.key(Outcome.NO)
    d.advance(21)  # Dial
    write = d.controller.handle(LogOutcome(Outcome.NO), d.now).write
    assert write is not None
    ending, call = write.events
    assert ending.kind is EventKind.RITUAL and call.kind is EventKind.OUTCOME
    assert write.follow.said is not None
    assert write.follow.said.text == "Logged no · not timed (Enter at Dial times it)"
    first_no = d.of(EventKind.OUTCOME)[0]
    assert write.follow.then == (RitualOver(first_no.id), HintSaid(), StartRitual(call))
    assert write.follow.otherwise == ()  # not stored: the reset goes on, nothing was logged
    state = d.controller.handle(Stored(write.id), d.now).state
    assert state.ritual is not None and state.ritual.no_id == call.id
