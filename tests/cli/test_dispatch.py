"""The command line's table: every command the grammar knows has a handler, every handler a
command, and each handler is there to load (the table names them by family and name, and a
family is imported only when one of its commands runs)."""

from __future__ import annotations

import pytest

from companion.cli import HANDLERS, handle
from companion.cli.grammar import build_parser, parse
from companion.context import Context
from companion.errors import CompanionError


def test_every_command_in_the_grammar_has_a_handler_and_no_handler_is_left_over() -> None:
    assert sorted(build_parser().commands) == sorted(HANDLERS)


@pytest.mark.parametrize("name", list(HANDLERS))
def test_each_handler_is_there_to_load(name: str) -> None:
    assert callable(HANDLERS[name].load())


def test_a_command_the_table_does_not_know_is_one_line_not_a_key_error(ctx: Context) -> None:
    args = parse(["status"])
    args.command = "month"
    with pytest.raises(CompanionError, match="unknown command 'month'"):
        handle(ctx, args)
