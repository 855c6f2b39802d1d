"""`[ritual] gate`: what a call in the reset's timed steps does, through the session controller
with an injected clock. "hold" (the default) keeps today's locked steps and says why in one
line naming the setting; "let-through" (power dialers) logs the call at once and ends the reset
as cut short (never timed), the new call's own reset next if it is a no. An outcome key and a
call logged elsewhere follow one rule in each mode."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome
from companion.core.ritual import RitualStep
from companion.core.summary import summarize_day
from companion.session.commands import Arrived, LogOutcome, MarkDialling, Skip, Undo
from tests.unit.helpers import BERLIN, DAY
from tests.unit.session_helpers import Drive, ritual_config

HOLD, LET_THROUGH = "hold", "let-through"
TIMED = (0.0, 4.0, 9.9, 10.0, 14.0, 19.9)  # seconds after the no: Breathe, Reframe, Review
STATUS_WIDTH = 58  # the status line's room at 60 columns


def after_a_no(gate: str, *, hard: bool = False, outside: str = "reset") -> Drive:
    config = ritual_config()
    d = Drive(replace(config, ritual=replace(config.ritual, gate=gate, outside=outside)))
    d.open()
    d.do(LogOutcome(Outcome.NO, hard=hard))
    assert d.state.ritual is not None
    return d


def elsewhere(d: Drive, outcome: Outcome) -> Event:
    """A call a dialer's hook logged (`companion log`) at this moment, as the app reads it."""
    call = make_event(EventKind.OUTCOME, d.now, outcome=outcome, source="cli")
    d.do(Arrived((call,)))
    return call


def endings(d: Drive) -> list[RitualEnd | None]:
    return [e.ritual for e in d.of(EventKind.RITUAL)]


# -- let-through ----------------------------------------------------------------------------


@pytest.mark.parametrize("after_s", TIMED)
def test_let_through_logs_a_key_in_the_timed_steps_and_cuts_the_reset_short(after_s: float) -> None:
    d = after_a_no(LET_THROUGH)
    d.advance(after_s)
    d.key(Outcome.MEETING)
    assert d.state.ritual is None
    assert [e.outcome for e in d.of(EventKind.OUTCOME)] == [Outcome.NO, Outcome.MEETING]
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.CUT_SHORT
    assert (ending.recovery_s, ending.hesitation_s) == (None, None)  # never timed
    assert ending.at == d.now == d.of(EventKind.OUTCOME)[-1].at  # one write, one moment
    assert d.status == "Logged meeting · reset cut short"
    assert d.state.day is not None and d.state.day.counts.meetings == 1


def test_let_through_a_no_in_the_timed_steps_starts_its_own_reset() -> None:
    d = after_a_no(LET_THROUGH)
    first = d.state.ritual
    d.advance(3)
    d.key(Outcome.NO)
    second = d.state.ritual
    assert first is not None and second is not None and second.no_id != first.no_id
    assert second.no_id == d.of(EventKind.OUTCOME)[-1].id
    assert second.step is RitualStep.BREATHE and second.left_s == 10  # from its own no
    assert endings(d) == [RitualEnd.CUT_SHORT]
    assert d.status == "Logged no · reset cut short"


def test_let_through_a_hard_no_in_the_long_resets_first_steps_gets_its_own_long_reset() -> None:
    d = after_a_no(LET_THROUGH, hard=True)
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.PERSPECTIVE
    d.advance(25)  # So what
    d.do(LogOutcome(Outcome.NO, hard=True))
    again = d.state.ritual
    assert again is not None and again.hard and again.step is RitualStep.PERSPECTIVE
    assert endings(d) == [RitualEnd.CUT_SHORT]
    assert d.status == "Logged no (hard) · reset cut short"


def test_let_through_changes_nothing_at_dial_undo_or_skip() -> None:
    d = after_a_no(LET_THROUGH)
    d.advance(22)
    d.key(Outcome.VOICEMAIL)  # at Dial: done, not timed, as with hold
    assert endings(d) == [RitualEnd.COMPLETED]
    d = after_a_no(LET_THROUGH)
    d.advance(2)
    d.do(Undo())
    assert endings(d) == [RitualEnd.CANCELLED] and d.of(EventKind.VOID) != []
    d = after_a_no(LET_THROUGH)
    d.do(Skip())
    d.advance(1)
    d.do(Skip())
    assert endings(d) == [RitualEnd.SKIPPED]


@pytest.mark.parametrize("after_s", (1.0, 12.0))
@pytest.mark.parametrize("outcome", [Outcome.NO, Outcome.VOICEMAIL, Outcome.MEETING])
@pytest.mark.parametrize("how", ["key", "elsewhere"])
def test_let_through_a_key_and_a_call_logged_elsewhere_follow_one_rule(
    how: str, outcome: Outcome, after_s: float
) -> None:
    d = after_a_no(LET_THROUGH)
    d.advance(after_s)
    if how == "key":
        d.key(outcome)
        call = d.of(EventKind.OUTCOME)[-1]
    else:
        call = elsewhere(d, outcome)
    assert call.outcome is outcome
    assert endings(d) == [RitualEnd.CUT_SHORT]
    assert d.state.day is not None and d.state.day.counts.dials == 2
    ritual = d.state.ritual
    if outcome is Outcome.NO:  # its own reset, from the start
        assert ritual is not None and ritual.no_id == call.id and ritual.step is RitualStep.BREATHE
    else:
        assert ritual is None


def test_let_through_a_call_from_elsewhere_says_so_and_a_fresh_no_gets_its_own_reset() -> None:
    d = after_a_no(LET_THROUGH)
    d.advance(6)
    theirs = elsewhere(d, Outcome.NO)
    assert d.state.ritual is not None and d.state.ritual.no_id == theirs.id
    assert endings(d) == [RitualEnd.CUT_SHORT]
    assert d.status == "A no logged elsewhere at 10:00: reset."  # the new reset's own line
    d = after_a_no(LET_THROUGH)
    d.advance(6)
    elsewhere(d, Outcome.GATEKEEPER)
    assert d.state.ritual is None and d.status == "gatekeeper logged elsewhere: reset cut short."


def test_let_through_with_outside_count_a_no_from_elsewhere_cuts_short_and_only_counts() -> None:
    d = after_a_no(LET_THROUGH, outside="count")
    d.advance(6)
    elsewhere(d, Outcome.NO)
    assert d.state.ritual is None and endings(d) == [RitualEnd.CUT_SHORT]
    assert d.state.day is not None and d.state.day.counts.rejections == 2


def test_let_through_a_call_logged_elsewhere_during_the_steps_is_judged_by_its_own_time() -> None:
    """The poll reads it a moment later, once Dial opened: it was made through the steps."""
    d = after_a_no(LET_THROUGH)
    made_at = d.now + timedelta(seconds=19.5)
    made = make_event(EventKind.OUTCOME, made_at, outcome=Outcome.VOICEMAIL, source="cli")
    d.advance(20.4)
    d.do(Arrived((made,)))
    assert endings(d) == [RitualEnd.CUT_SHORT]


def test_let_through_a_dial_mark_from_elsewhere_before_dial_cuts_the_reset_short() -> None:
    d = after_a_no(LET_THROUGH)
    no = d.of(EventKind.OUTCOME)[0]
    d.advance(5)
    d.do(Arrived((make_event(EventKind.DIAL, d.now, target=no.id, source="cli"),)))
    assert d.state.ritual is None and endings(d) == [RitualEnd.CUT_SHORT]
    assert d.status == "Dialled elsewhere before Dial: reset cut short."


def test_cut_short_resets_are_counted_on_their_own_and_never_timed_in_the_summary() -> None:
    d = after_a_no(LET_THROUGH)
    d.advance(3)
    d.key(Outcome.NO)  # cuts the first short; the second runs
    d.advance(24)
    d.do(MarkDialling())
    rituals = summarize_day(Ledger(d.stored), DAY, BERLIN, d.config.targets).rituals
    assert (rituals.cut_short, rituals.completed, rituals.measured) == (1, 1, 1)
    assert rituals.median_recovery_s == 24.0  # the cut-short one stands in no figure


# -- hold -----------------------------------------------------------------------------------


@pytest.mark.parametrize("hard", [False, True])
def test_hold_refuses_a_key_in_the_timed_steps_naming_the_setting_in_one_short_line(hard: bool) -> None:
    d = after_a_no(HOLD, hard=hard)
    d.key(Outcome.MEETING)
    left = 90 if hard else 20  # the long reset's first steps are held too
    assert d.status == f'Not logged: Dial opens in {left}s ([ritual] gate = "hold").'
    assert len(d.status) <= STATUS_WIDTH
    assert d.of(EventKind.RITUAL) == [] and len(d.of(EventKind.OUTCOME)) == 1


def test_hold_a_no_from_elsewhere_is_counted_and_the_reset_goes_on_until_dial() -> None:
    d = after_a_no(HOLD)
    first = d.state.ritual
    d.advance(4)
    elsewhere(d, Outcome.NO)
    assert first is not None and d.state.ritual is not None and d.state.ritual.no_id == first.no_id
    assert d.of(EventKind.RITUAL) == []
    assert d.state.day is not None and d.state.day.counts.rejections == 2
    d.advance(17)
    elsewhere(d, Outcome.VOICEMAIL)  # at Dial: the next call ends it
    assert d.state.ritual is None and endings(d) == [RitualEnd.INTERRUPTED]


def test_hold_is_the_default() -> None:
    d = Drive(ritual_config())
    d.open()
    d.key(Outcome.NO)
    d.key(Outcome.MEETING)
    assert d.status.startswith("Not logged: Dial opens") and d.of(EventKind.RITUAL) == []
