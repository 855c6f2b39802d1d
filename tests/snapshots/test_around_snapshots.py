"""The warm-up over a realistic last week, at 60x24 (beside a dialer) and 120x40. (The review,
the resume and the wins, in each theme and mode, are in the tour: test_theme_tour.py.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from companion.context import Context
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.conftest import START
from tests.snapshots.conftest import SIZES, app_for, keys
from tests.tui.conftest import past, past_no


def last_week(ctx: Context) -> None:
    """Six days of calling before today: 69 dials, 3 of them meetings (22 no's per yes), a win
    added by hand, and two no's to stakeholders tagged a skill gap."""
    misses = (Outcome.NO, Outcome.VOICEMAIL, Outcome.NO_ANSWER)
    calls = [
        make_event(EventKind.OUTCOME, START - timedelta(days=1 + i % 6, minutes=i), outcome=misses[i % 3])
        for i in range(64)
    ]
    ctx.store.append(calls)
    for days, note in ((1, "Demo with Globex, Thursday"), (3, "Intro to their CFO"), (5, None)):
        past(ctx, EventKind.OUTCOME, days * 24 - 2, outcome=Outcome.MEETING, note=note)
    past(ctx, EventKind.WIN, 50, note="The CFO called me back")
    past_no(ctx, 26, reason="stakeholders", cause="skill-gap")
    past_no(ctx, 74, reason="stakeholders", cause="skill-gap")


@pytest.mark.parametrize("size", SIZES)
def test_session_with_the_warm_up_open(snap_compare: Any, ctx: Context, size: tuple[int, int]) -> None:
    last_week(ctx)
    assert snap_compare(app_for(ctx), terminal_size=size, run_before=keys("o"))
