"""The hesitation clock stops while the rep writes: a note, a tag line or a story box open on the
reset (`Writing`) stands the wait at Dial still, and it runs on when the box closes. Recovery
stays the time from the no to the dial mark, writing included (design.md: the 24-hour rule's
"write down what happened" is part of getting over it). The pure rule is core.ritual.waited_s."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.events import EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.core.ritual import DIAL_WAIT_MAX_S, waited_s
from companion.session.commands import Arrived, MarkDialling, Tag, Writing
from tests.unit.helpers import t
from tests.unit.session_helpers import Drive, ritual_config

T0 = t(10)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


# -- the pure rule ---------------------------------------------------------------------------


def test_waited_is_the_time_at_dial_less_the_time_a_box_was_open_in_it() -> None:
    dial = at(20)
    assert waited_s(dial, at(30)) == 10.0
    assert waited_s(dial, at(30), [(at(22), at(28))]) == 4.0
    assert waited_s(dial, at(30), [(at(15), at(24))]) == 6.0  # opened before Dial: from Dial on
    assert waited_s(dial, at(30), [(at(5), at(12))]) == 10.0  # written before Dial: no matter
    assert waited_s(dial, at(30), [(at(26), None)]) == 6.0  # still open: stands still from then
    assert waited_s(dial, at(10), [(at(5), None)]) == 0.0  # before Dial nothing is waited
    assert waited_s(dial, at(25), [(at(22), at(28))]) == 2.0  # asked at a moment in the past


segments = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 30), st.booleans()), max_size=6
)  # start, length, still open


@settings(max_examples=200, database=None)
@given(dial=st.integers(0, 40), now=st.integers(0, 80), boxes=segments)
def test_waited_counts_each_second_at_dial_with_no_box_open_once(
    dial: int, now: int, boxes: list[tuple[int, int, bool]]
) -> None:
    """Against a count second by second (whole seconds, so the count is exact)."""
    spans = [(at(start), None if still else at(start + length)) for start, length, still in boxes]
    free = sum(
        1
        for s in range(dial, now)
        if not any(start <= s < (now if still else start + length) for start, length, still in boxes)
    )
    assert waited_s(at(dial), at(now), spans) == free


# -- through the controller ------------------------------------------------------------------


def at_dial(waited: float = 10) -> Drive:
    d = Drive(ritual_config())
    d.open()
    d.key(Outcome.NO)
    d.advance(20 + waited)
    assert d.state.ritual is not None and d.state.ritual.at_dial
    return d


def test_writing_a_note_at_dial_stops_the_wait_and_it_runs_on_after() -> None:
    d = at_dial(10)
    d.do(Writing(True))
    ritual = d.advance(6).ritual  # typing
    assert ritual is not None and ritual.writing and ritual.left_s == 10
    d.do(Tag(note="talked too fast"))
    d.do(Writing(False))
    ritual = d.advance(2).ritual
    assert ritual is not None and not ritual.writing and ritual.left_s == 12
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.COMPLETED
    assert ending.hesitation_s == 12.0  # not 18: the six seconds of writing are not hesitation
    assert ending.recovery_s == 38.0  # from the no to the mark, writing included
    assert d.status == "Recovered in 38s from the no. Next one."


def test_a_box_opened_before_dial_holds_the_wait_from_dial_until_it_closes() -> None:
    d = Drive(ritual_config())
    d.open()
    d.key(Outcome.NO)
    d.advance(17)  # Review target
    d.do(Writing(True))
    ritual = d.advance(7).ritual  # Dial opened at 20 s, 4 s ago
    assert ritual is not None and ritual.at_dial and ritual.left_s == 0
    d.do(Writing(False))
    d.advance(3)
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert (ending.recovery_s, ending.hesitation_s) == (27.0, 3.0)


def test_opening_or_closing_twice_changes_nothing_and_without_a_reset_it_is_nothing() -> None:
    d = at_dial(5)
    d.do(Writing(False))  # not writing: nothing to close
    d.do(Writing(True))
    d.advance(3)
    d.do(Writing(True))  # the same box: the clock stood still since the first
    d.advance(3)
    d.do(Writing(False))
    d.do(Writing(False))
    d.advance(1)
    d.do(MarkDialling())
    assert [e.hesitation_s for e in d.of(EventKind.RITUAL)] == [6.0]
    writes, said = d.writes, d.status
    d.do(Writing(True))
    d.do(Writing(False))
    assert (d.writes, d.status, d.state.ritual) == (writes, said, None)


def test_a_dial_mark_from_elsewhere_while_writing_counts_up_to_the_moment_it_was_run() -> None:
    d = at_dial(4)
    no = d.of(EventKind.OUTCOME)[0]
    d.do(Writing(True))
    ran = d.now + timedelta(seconds=5)
    d.advance(6)
    d.do(Arrived((make_event(EventKind.DIAL, ran, target=no.id, source="cli"),)))
    [ending] = d.of(EventKind.RITUAL)
    assert (ending.recovery_s, ending.hesitation_s) == (29.0, 4.0)


def test_ten_minutes_at_dial_is_a_break_even_with_a_box_open() -> None:
    """The break is on the wall clock: ten minutes away from the phone, writing or not."""
    d = at_dial(0)
    d.do(Writing(True))
    d.advance(DIAL_WAIT_MAX_S + 1)
    assert d.state.ritual is None and [e.ritual for e in d.of(EventKind.RITUAL)] == [RitualEnd.INTERRUPTED]
