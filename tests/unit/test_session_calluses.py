"""Recovery only where it was measured, a dial mark from another process, and the hard no's
long reset, through the session controller with an injected clock."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.config import RitualConfig
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.core.reframes import SCRIPT
from companion.core.ritual import RitualStep
from companion.session.commands import Arrived, LogOutcome, MarkDialling, Skip, Tag
from tests.unit.session_helpers import Drive, ritual_config


def after_a_no(*, hard: bool = False, **ritual: float) -> Drive:
    config = ritual_config()
    d = Drive(replace(config, ritual=replace(config.ritual, **ritual)))  # type: ignore[arg-type]
    d.open()
    d.do(LogOutcome(Outcome.NO, hard=hard))
    assert d.state.ritual is not None
    return d


def mark(d: Drive, at_s: float) -> Event:
    """`companion dial`, run `at_s` seconds after the no, as the app reads it from the journal."""
    assert d.state.ritual is not None
    no = d.of(EventKind.OUTCOME)[-1]
    return make_event(EventKind.DIAL, no.at + timedelta(seconds=at_s), target=no.id, source="cli")


def test_enter_at_dial_measures_recovery_and_hesitation() -> None:
    d = after_a_no()
    d.advance(27)
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert (ending.ritual, ending.recovery_s, ending.hesitation_s) == (RitualEnd.COMPLETED, 27.0, 7.0)


def test_a_dial_mark_from_elsewhere_at_dial_completes_the_reset_at_the_moment_it_was_run() -> None:
    d = after_a_no()
    d.advance(24)
    d.now += timedelta(seconds=0.8)  # the app reads the journal a moment later
    d.do(Arrived((mark(d, 23.5),)))
    assert d.state.ritual is None
    [ending] = d.of(EventKind.RITUAL)
    assert (ending.ritual, ending.recovery_s, ending.hesitation_s) == (RitualEnd.COMPLETED, 23.5, 3.5)
    assert d.status == "Dial marked elsewhere · recovered in 24s from the no."


def test_a_dial_mark_before_dial_opened_ends_the_reset_unmeasured() -> None:
    d = after_a_no()
    d.advance(12)
    d.do(Arrived((mark(d, 12),)))
    assert d.state.ritual is None
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.INTERRUPTED and ending.recovery_s is None
    assert d.status == "Dialled elsewhere before Dial: reset closed, not timed."


def test_a_dial_mark_for_another_no_changes_nothing() -> None:
    d = after_a_no()
    d.advance(22)
    other = make_event(EventKind.DIAL, d.now, target="some-other-no", source="cli")
    d.do(Arrived((other,)))
    assert d.state.ritual is not None and d.of(EventKind.RITUAL) == []


def test_a_mark_and_the_next_no_read_together_time_the_reset_and_open_the_next() -> None:
    d = after_a_no()
    d.advance(30)
    dialled = mark(d, 25)
    next_no = make_event(EventKind.OUTCOME, d.now, outcome=Outcome.NO, source="cli")
    d.do(Arrived((dialled, next_no)))
    [ending] = d.of(EventKind.RITUAL)
    assert ending.recovery_s == 25.0
    assert d.state.ritual is not None and d.state.ritual.no_id == next_no.id


def test_a_hard_no_is_stored_as_hard_and_opens_the_long_reset() -> None:
    d = after_a_no(hard=True, perspective_s=20, so_what_s=20, story_s=30)
    [no] = d.of(EventKind.OUTCOME)
    assert no.hard is True
    assert d.status == "Logged no (hard) · 10:00"
    steps = []
    for _ in range(7):
        assert d.state.ritual is not None
        steps.append(d.state.ritual.step)
        d.advance(d.state.ritual.left_s + 0.01)
    assert steps[:6] == [
        RitualStep.PERSPECTIVE, RitualStep.SO_WHAT, RitualStep.STORY,
        RitualStep.BREATHE, RitualStep.REFRAME, RitualStep.REVIEW,
    ]  # fmt: skip
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.DIAL
    d.do(MarkDialling())
    [ending] = d.of(EventKind.RITUAL)
    assert ending.ritual is RitualEnd.COMPLETED and ending.recovery_s is not None
    assert ending.recovery_s >= 90 and ending.hesitation_s is not None and ending.hesitation_s < 1


def test_the_story_named_in_the_long_reset_is_kept_on_the_no() -> None:
    d = after_a_no(hard=True)
    d.advance(45)
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.STORY
    no = d.of(EventKind.OUTCOME)[-1]
    d.do(Tag(story="  they think I'm a \x1b[31mjoke ", target=no.id))
    [tag] = d.of(EventKind.TAG)
    assert tag.target == no.id and tag.story == "they think I'm a [31mjoke"
    assert d.state.ritual is not None  # naming it does not end the step early


def test_a_hard_no_opens_the_long_reset_even_with_resets_turned_off() -> None:
    d = Drive(replace(ritual_config(), ritual=RitualConfig(after=frozenset())))
    d.open()
    d.key(Outcome.NO)
    assert d.state.ritual is None
    d.do(LogOutcome(Outcome.NO, hard=True))
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.PERSPECTIVE


def test_n_at_dial_ends_this_reset_unmeasured_and_opens_the_long_one() -> None:
    d = after_a_no()
    d.advance(21)
    d.do(LogOutcome(Outcome.NO, hard=True))
    [ending] = d.of(EventKind.RITUAL)
    assert ending.recovery_s is None
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.PERSPECTIVE
    assert d.of(EventKind.OUTCOME)[-1].hard is True


def test_only_a_no_is_ever_hard() -> None:
    d = Drive(ritual_config())
    d.open()
    d.do(LogOutcome(Outcome.VOICEMAIL, hard=True))
    assert d.of(EventKind.OUTCOME)[-1].hard is None and d.state.ritual is None


_OUTCOMES = st.sampled_from([Outcome.NO, Outcome.NO, Outcome.VOICEMAIL, Outcome.MEETING, Outcome.NO_ANSWER])
_STEPS = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=900, allow_nan=False),
        st.sampled_from(["key", "hard", "enter", "skip", "skip", "mark", "mark-late", "tick"]),
        _OUTCOMES,
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(_STEPS)
def test_a_recovery_is_always_a_dial_mark_and_never_longer_than_the_way_to_the_next_call(
    steps: list[tuple[float, str, Outcome]],
) -> None:
    d = after_a_no()
    marks = []  # when Enter was pressed or `companion dial` ran
    for wait, what, outcome in steps:
        d.advance(wait)
        if what == "key":
            d.key(outcome)
        elif what == "hard":
            d.do(LogOutcome(Outcome.NO, hard=True))
        elif what == "enter":
            marks.append(d.now)
            d.do(MarkDialling())
        elif what == "skip":
            d.do(Skip())
        elif what.startswith("mark") and d.state.ritual is not None:
            no = next(e for e in d.stored if e.id == d.state.ritual.no_id)
            at = max(no.at, d.now if what == "mark" else d.now - timedelta(seconds=wait / 2))
            marks.append(at)
            d.do(Arrived((make_event(EventKind.DIAL, at, target=no.id, source="cli"),)))
    calls = sorted(d.of(EventKind.OUTCOME), key=lambda e: e.at)
    for ending in d.of(EventKind.RITUAL):
        no = next(c for c in calls if c.id == ending.target)
        assert (ending.recovery_s is not None) == (ending.hesitation_s is not None)
        if ending.recovery_s is None:
            continue
        assert ending.ritual is RitualEnd.COMPLETED
        assert ending.hesitation_s is not None and 0 <= ending.hesitation_s <= ending.recovery_s
        assert ending.recovery_s <= (ending.at - no.at).total_seconds() + 0.05
        mark_at = no.at + timedelta(seconds=ending.recovery_s)
        assert any(abs((m - mark_at).total_seconds()) <= 0.05 for m in marks)
        later = [c for c in calls if c.at > no.at]
        if later:
            assert ending.recovery_s <= (later[0].at - no.at).total_seconds() + 0.05


def test_every_reset_says_the_script_and_the_reps_own_lines_join_the_pool() -> None:
    config = ritual_config()
    d = Drive(replace(config, ritual=replace(config.ritual, own_reframes=("My own line.",))))
    d.open()
    shown = []
    for _ in range(40):
        d.key(Outcome.NO)
        assert d.state.ritual is not None
        assert d.state.ritual.mantra == SCRIPT.text
        shown.append(d.state.ritual.reframe)
        d.do(Skip())
        d.do(Skip())
    assert SCRIPT.text not in shown
    assert "My own line." in shown
    assert all(a != b for a, b in itertools.pairwise(shown))


def test_how_to_time_a_reset_is_said_once_a_run_and_never_again() -> None:
    d = after_a_no()
    d.advance(21)
    d.key(Outcome.NO)
    assert d.status == "Logged no · not timed (Enter at Dial times it)"
    d.advance(21)
    d.key(Outcome.VOICEMAIL)
    assert d.status == "Logged voicemail · not timed"


def test_a_story_alone_is_said_kept_and_a_hard_no_from_elsewhere_is_named() -> None:
    d = after_a_no(hard=True)
    no = d.of(EventKind.OUTCOME)[-1]
    d.do(Skip())
    d.do(Skip())
    d.do(Tag(story="nobody wants this", target=no.id))  # kept as the reset closed elsewhere
    assert d.status == "Story kept: it is in your resume."
    theirs = make_event(EventKind.OUTCOME, d.now, outcome=Outcome.NO, hard=True, source="cli")
    d.do(Arrived((theirs,)))
    assert d.status == "A hard no logged elsewhere at 10:00: long reset."
    assert d.state.ritual is not None and d.state.ritual.step is RitualStep.PERSPECTIVE
