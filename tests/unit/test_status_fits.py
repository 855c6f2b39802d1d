"""Every way a reset ends untimed says so in one line that fits the status line beside a dialer:
60 columns, 58 cells of text, on the reset and on the session screen alike. The words are checked
where each ending is tested (tests/unit/test_session_calluses.py, test_session_ritual.py); here,
only the room for them. That the app gives its status lines those 58 cells at 60x24 is checked
in tests/tui/test_long_reset.py."""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len

from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.session.commands import Arrived, LogOutcome
from tests.unit.session_helpers import Drive, ritual_config

STATUS_CELLS_AT_60 = 58
DIAL_OPENS_S = 20.0  # the usual reset's default lengths: breathe 10, reframe 5, review 5


def at_dial(*keys: Outcome) -> Drive:
    """A fresh run (so the ending says how to time a reset, its longest form), a no, and the
    clock at Dial."""
    d = Drive(ritual_config())
    d.open()
    d.key(*keys)
    d.advance(DIAL_OPENS_S + 2)
    return d


def untimed_endings() -> list[str]:
    """What the status line says for each way a reset ends untimed."""
    said: list[str] = []
    d = Drive(ritual_config())
    d.open()
    d.do(LogOutcome(Outcome.NO, hard=True))
    no = d.of(EventKind.OUTCOME)[-1]
    d.advance(6)  # `companion dial` ran 5 s after the no, before Dial opened
    d.do(Arrived((make_event(EventKind.DIAL, no.at + timedelta(seconds=5), target=no.id, source="cli"),)))
    said.append(d.status)
    for then in Outcome:  # a call's key at Dial
        d = at_dial(Outcome.NO)
        d.key(then)
        said.append(d.status)
    d = at_dial(Outcome.NO)
    d.do(LogOutcome(Outcome.NO, hard=True))  # a hard no at Dial: its long reset is in front
    said.append(d.status)
    return said


def test_every_untimed_ending_fits_the_status_line_at_60_columns() -> None:
    said = untimed_endings()
    assert all("not timed" in line for line in said), said
    assert "Logged no (hard) · not timed (Enter at Dial times it)" in said  # the longest forms
    cut = [line for line in said if cell_len(line) > STATUS_CELLS_AT_60]
    assert cut == [], f"longer than {STATUS_CELLS_AT_60} cells: {cut}"
