"""The controller's tables: every command has its row, the rep's keys are the ones that wait for
the day (commands.KEY_COMMANDS), and every step that can follow a write has its row."""

from __future__ import annotations

from typing import get_args

from companion.session.commands import KEY_COMMANDS, Command, DialledElsewhere
from companion.session.controller import ON_COMMAND, ON_KEY, ON_NEXT
from companion.session.follow import Next


def test_the_keys_table_is_the_keys_that_wait_for_the_day() -> None:
    assert set(ON_KEY) == set(KEY_COMMANDS)


def test_every_command_has_one_row() -> None:
    rows = set(ON_COMMAND) | set(ON_KEY)
    assert not set(ON_COMMAND) & set(ON_KEY)
    # A dial mark from elsewhere is only put to the reset's rules, when its journal line arrives.
    assert set(get_args(Command)) - rows == {DialledElsewhere}


def test_every_step_that_can_follow_a_write_has_its_row() -> None:
    assert set(ON_NEXT) == set(get_args(Next))
