"""The controller keeps its state in its named parts (parts.py), and nowhere else: what it holds
can be read in one place."""

from __future__ import annotations

import pytest

from companion.core.outcomes import Outcome
from companion.session.parts import Around, Days, Lines, Out, Ritual
from tests.unit.session_helpers import Drive


def test_the_controller_holds_its_parts_and_its_collaborators_only() -> None:
    d = Drive()
    d.open()
    d.key(Outcome.NO, Outcome.VOICEMAIL)
    assert set(vars(d.controller)) == {
        "config", "tz", "_rng", "_views", "_days", "_ritual", "_around", "_lines", "_out",
    }  # fmt: skip


@pytest.mark.parametrize("part", [Days, Ritual, Around, Lines, Out])
def test_a_part_takes_no_field_it_does_not_declare(part: type) -> None:
    with pytest.raises(AttributeError):
        part().misspelt = 1
