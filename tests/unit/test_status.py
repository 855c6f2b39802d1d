"""`companion status` in one line: its fields from a hand-made day, the default line, and the
formats it refuses (a format string must never reach into an object)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.config import RitualConfig
from companion.core.events import EventKind, RitualEnd
from companion.core.ledger import Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.status import FIELDS, BadFormatError, check_format, render, status_values
from tests.unit.helpers import BERLIN, DAY, event, outcome, ritual, t

N, M, V = Outcome.NO, Outcome.MEETING, Outcome.VOICEMAIL


def values(events: list, at: float = 11.0, blocks_per_day: int = 2) -> dict:  # type: ignore[type-arg]
    hour = int(at)
    now = t(hour, int((at - hour) * 60))
    return status_values(
        Ledger(events),
        now,
        BERLIN,
        Targets(40, 10, 2),
        90,
        RitualConfig().schedule,
        blocks_per_day=blocks_per_day,
    )


def test_the_default_line_and_the_fields_of_a_quiet_day() -> None:
    day = [outcome(V, t(9)), outcome(M, t(9, 5)), outcome(N, t(9, 10))]
    done = ritual(day[2], t(9, 10, 27), RitualEnd.COMPLETED, recovery_s=27.0, hesitation_s=7.0)
    found = values([*day, done])
    assert render(found) == "3/40 dials · 2/10 conv · 1/2 mtg"
    assert (found["rejections"], found["recovery_s"], found["state"], found["pace"]) == (1, 27.0, "", None)
    assert render(found, "{dials}/{dials_target} {recovery} {pace}") == "3/40 27s "


def test_resets_cut_short_today_are_a_field_of_their_own() -> None:
    nos = [outcome(N, t(9)), outcome(N, t(9, 0, 4)), outcome(N, t(9, 5))]
    cut = ritual(nos[0], t(9, 0, 4), RitualEnd.CUT_SHORT)
    done = ritual(nos[1], t(9, 0, 30), RitualEnd.COMPLETED, recovery_s=26.0, hesitation_s=3.0)
    found = values([*nos, cut, done])
    assert (found["cut_short"], found["recovery_s"]) == (1, 26.0)
    assert render(found, "{cut_short} cut short") == "1 cut short"
    assert values([])["cut_short"] == 0


def test_a_reset_waiting_for_its_dial_and_a_review_due_show_in_the_state() -> None:
    no = outcome(N, t(10, 59, 50))
    assert values([no])["state"] == "reset"
    assert render(values([no])).endswith("0/2 mtg · reset")
    assert values([no], at=11.25)["state"] == ""  # past the break at Dial: no reset waits
    yesterday = DAY - timedelta(days=1)
    noted = outcome(N, t(9, day=yesterday), note="froze on price")
    assert values([noted])["state"] == "review"
    answered = event(EventKind.REVIEW, t(10), target=noted.id, lesson="slow down")
    assert values([noted, answered])["state"] == ""


def test_pace_is_signed_against_the_blocks_own_target() -> None:
    start = event(EventKind.BLOCK_START, t(10), session="b")
    day = [start, *(outcome(V, t(10, n)) for n in range(5))]
    found = values(day, at=10.75)
    # The first of two blocks: 20 dials over 90 minutes, 10 expected 45 minutes in, 5 made.
    # (Was: the day's 40, 20 expected; with one block a day it still is.)
    assert found["pace"] == -5 and render(found, "{pace}") == "-5"
    assert found["block"] == {"target": 20, "dials": 5, "pace": -5}
    assert render(found, "{block_dials}/{block_target} {pace}") == "5/20 -5"
    alone = values(day, at=10.75, blocks_per_day=1)
    assert alone["block"] == {"target": 40, "dials": 5, "pace": -15} and alone["pace"] == -15


def test_the_block_is_null_without_one_open_and_one_begun_with_enter_is_paced_from_enter() -> None:
    calls = [outcome(V, t(9)), outcome(N, t(9, 5))]
    found = values(calls, at=10.5)
    assert found["block"] is None and found["pace"] is None
    assert render(found, "[{block_dials}/{block_target}]") == "[/]"
    entered = values([*calls, event(EventKind.BLOCK_START, t(10), session="b")], at=10.5)
    # (40 - 2) / 2, rounded up; half an hour of its 90 minutes gone with no call: 6 behind.
    assert entered["block"] == {"target": 19, "dials": 0, "pace": -6}
    assert entered["pace"] == -6 and render(entered, "{pace}") == "-6"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{nope}", "unknown field {nope}; valid fields: dials"),
        ("{dials.real}", "unknown field {dials.real}"),
        ("{dials[0]}", "unknown field {dials[0]}"),
        ("{dials!r}", "write {dials}, without !r"),
        ("{dials:>{dials}}", "{dials} may not hold another field"),
        ("{", "cannot be read"),
        ("{dials:q}", "cannot be used"),
        ("\x1b]0;pwned\x07{dials}", "control characters"),
        ("{dials}" * 40, "up to 200 characters"),
        ("{dials:>999999999}", "{dials} may be at most 40 wide"),
    ],
)
def test_a_bad_format_is_one_clear_line(text: str, why: str) -> None:
    with pytest.raises(BadFormatError, match=None) as refused:
        check_format(text)
    assert why in str(refused.value)


PIECES = ["{", "}", "a", " ", ":", ".", "!", ">3", *FIELDS]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_any_format_is_either_refused_or_renders_a_line(text: str) -> None:
    try:
        checked = check_format(text)
    except BadFormatError:
        return
    line = render(values([outcome(N, t(9))]), checked)
    assert "\n" not in line


def test_with_outside_count_a_no_logged_elsewhere_leaves_no_reset_waiting() -> None:
    theirs = outcome(N, t(10, 59, 50), source="cli")
    counting = RitualConfig(outside="count").schedule
    found = status_values(Ledger([theirs]), t(11), BERLIN, Targets(40, 10, 2), 90, counting)
    assert found["state"] == "" and found["rejections"] == 1
    assert values([theirs])["state"] == "reset"  # "reset" (the default): it waits for its dial
