"""companion.cli.plain reads the plain forms of log and status without argparse: whatever it
reads, argparse (companion.cli.grammar.parse) reads the same; and it does read the forms a hook
and a status bar use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.cli.grammar import parse
from companion.cli.plain import plain

WORDS = [
    "log",
    "status",
    "dial",
    "summary",
    "no",
    "connect",
    "Left Voicemail",
    "",
    " ",
    "x=y",
    "-",
    "--",
    "-x",
    "-1",
    "--note",
    "--note=",
    "--note=-a",
    "--not",
    "--no",
    "--reason",
    "--reason=price",
    "--cause",
    "--at",
    "--at=12:00",
    "12:00",
    "--felt",
    "--felt=3",
    "3",
    "0",
    "6",
    " 3",
    "-3",
    "--hard",
    "--hard=1",
    "--har",
    "--json",
    "--json=1",
    "--format",
    "--format={dials}",
    "{dials}",
    "--for",
    "--help",
    "-h",
    "--version",
    "--demo",
    "--reduced-motion",
    "--date",
]


# The options plain reads and their near misses (a prefix, another command's, help), and values.
OPTIONS = ["--reason", "--cause", "--note", "--at", "--felt", "--hard", "--json", "--format"]
OPTIONS += ["--not", "--har", "--fel", "--jso", "--date", "--help", "-h", "-x", "--", "-"]
VALUES = [
    "no",
    "price",
    "12:00",
    "{dials}",
    "x=y",
    "",
    " ",
    "0",
    "1",
    "3",
    "5",
    "6",
    " 3",
    "3 ",
    "-1",
    "-",
    "--hard",
]

# A word on its own, an option and a value as two words, or as one with "=".
WORD = st.sampled_from(WORDS) | st.text(max_size=4)
PAIR = st.tuples(st.sampled_from(OPTIONS), st.sampled_from(VALUES) | st.text(max_size=3))
GROUP = WORD.map(lambda word: [word]) | PAIR.map(list) | PAIR.map(lambda pair: ["=".join(pair)])


def _same(words: list[str]) -> None:
    fast = plain(words)
    if fast is not None:
        assert list(vars(fast).items()) == list(vars(parse(words)).items()), words


def test_every_option_with_every_value_is_read_as_argparse_reads_it() -> None:
    for command in ("log", "status", "dial"):
        for option in OPTIONS:
            for value in VALUES:
                for form in ([option, value], [f"{option}={value}"], [option]):
                    _same([command, *form])
                    _same([command, "no", *form])
                    _same([command, *form, "no"])


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(["log", "status", "dial"]), st.lists(GROUP, max_size=5))
def test_what_plain_reads_argparse_reads_the_same(command: str, groups: list[list[str]]) -> None:
    _same([command, *(word for group in groups for word in group)])


@pytest.mark.parametrize(
    "words",
    [
        ["log", "no"],
        ["log", "Left Voicemail", "--note", "asked for a call back", "--at=14:05"],
        ["log", "no", "--reason", "price", "--cause=pitch", "--felt", "4", "--hard"],
        ["log", "--at", "12:00", "connect"],
        ["status"],
        ["status", "--json"],
        ["status", "--format", "{dials}/{dials_target}"],
        ["dial"],
    ],
)
def test_the_everyday_forms_are_read_without_argparse(words: list[str]) -> None:
    fast = plain(words)
    assert fast is not None
    assert vars(fast) == vars(parse(words))


@pytest.mark.parametrize(
    "words",
    [
        ["log"],
        ["log", "a", "b"],
        ["log", "no", "--not", "x"],
        ["log", "no", "--note", "-1"],
        ["log", "no", "--felt", "6"],
        ["log", "no", "--hard=1"],
        ["log", "--", "no"],
        ["log", "--help"],
        ["status", "x"],
        ["status", "--format"],
        ["dial", "x"],
        ["dial", "--help"],
        ["summary"],
        [],
    ],
)
def test_anything_else_is_left_to_argparse(words: list[str]) -> None:
    assert plain(words) is None
