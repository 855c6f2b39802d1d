"""The share of the no's outside the rep's control (core.outside): among the no's with a reason,
those whose reason the sources name as the prospect's side, with the no's without a reason
counted beside it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from companion.core.events import Event
from companion.core.outcomes import Outcome
from companion.core.outside import NONE_OUTSIDE, SOME_OUTSIDE, OutsideShare
from companion.core.tags import OUTSIDE_CONTROL, REASONS, outside_control
from tests.unit.helpers import outcome, t


def nos(*reasons: str | None) -> list[Event]:
    return [outcome(Outcome.NO, t(10, minute), reason=reason) for minute, reason in enumerate(reasons)]


def test_three_of_five_with_a_reason_outside_and_two_without_one() -> None:
    calls = nos("budget", "budget", "timing", "hung-up", "competitor", None, None)
    calls.append(outcome(Outcome.MEETING, t(11)))  # not a no: counts nowhere here
    share = OutsideShare.of(calls)
    assert (share.nos, share.tagged, share.outside, share.untagged) == (7, 5, 3, 2)
    assert share.reasons == (("budget", 2), ("timing", 1))
    assert share.words() == (
        "3 of 5 no's with a reason (60%) turned on what is not yours to control: budget 2,"
        " timing 1; 2 no's had no reason."
    )
    assert share.as_dict() == {
        "nos_with_reason": 5,
        "nos_outside_control": 3,
        "nos_outside_control_share": 0.6,
        "nos_outside_control_reasons": {"budget": 2, "timing": 1},
    }


def test_none_outside_names_the_reasons_that_would_have_been() -> None:
    share = OutsideShare.of(nos("hung-up", "not-interested"))
    said = share.words()
    assert said.startswith("none of 2 no's with a reason")
    assert "(budget, timing, stakeholders, fear of change)" in said
    assert share.as_dict()["nos_outside_control_share"] == 0.0


def test_without_a_reason_there_is_nothing_to_go_on_and_no_share() -> None:
    share = OutsideShare.of(nos(None, None, None))
    assert share.share is None and share.as_dict()["nos_outside_control_share"] is None
    assert share.words() == "3 no's, none with a reason: nothing to go on."
    assert OutsideShare.of([]).words() == "no no's."


@given(st.lists(st.sampled_from((*REASONS, None)), max_size=40))
def test_the_share_is_core_tags_outside_control_over_the_nos(reasons: list[str | None]) -> None:
    share = OutsideShare.of(nos(*reasons))
    assert (share.outside, share.tagged) == outside_control(reasons)
    assert share.nos == len(reasons) and share.untagged == reasons.count(None)
    assert sum(n for _, n in share.reasons) == share.outside
    assert all(name in OUTSIDE_CONTROL for name, _ in share.reasons)
    if share.tagged:  # the sentence's fixed words, from its Coached constant
        fixed = (SOME_OUTSIDE if share.outside else NONE_OUTSIDE).text.rsplit("}", 1)[-1]
        assert fixed in share.words()
        assert ("had no reason" in share.words()) == bool(share.untagged)
