"""The settings table (companion/config/settings.py) is the one place a setting is declared:
every value it declares survives the trip through the file as the template writes it, every
Config field is reachable from the file, and [keys] and [hooks] read as they always did."""

from __future__ import annotations

import tomllib
from dataclasses import fields, is_dataclass
from functools import reduce
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.config import Config, parse_config
from companion.config.kinds import (
    Breath,
    Choice,
    Command,
    Count,
    Flag,
    Kind,
    Outcomes,
    Seconds,
    ThemeName,
    ZoneName,
    toml_string,
)
from companion.config.settings import SECTIONS, SETTINGS, Setting
from companion.core.outcomes import Outcome
from companion.core.tags import has_control
from companion.errors import CompanionError

WHERE = Path("/home/rep/.config/companion/config.toml")
WRITTEN = [setting for setting in SETTINGS if setting.key is not None]
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Etc/GMT+5")


def values_of(kind: Kind[Any]) -> st.SearchStrategy[Any]:
    """Every value a setting of this kind may hold. A new kind fails here until it has one."""
    if isinstance(kind, Count):
        return st.integers(kind.minimum, 10**9 if kind.maximum is None else kind.maximum)
    if isinstance(kind, Seconds):
        return st.floats(kind.least, kind.most)
    if isinstance(kind, Flag):
        return st.booleans()
    if isinstance(kind, Choice):
        return st.sampled_from(kind.valid)
    if isinstance(kind, ThemeName):
        return st.text(max_size=40)  # any name goes when no theme list is asked
    if isinstance(kind, ZoneName):
        return st.sampled_from(ZONES)
    if isinstance(kind, Breath):
        return st.tuples(st.floats(0.5, 20), st.floats(0.5, 20))
    if isinstance(kind, Outcomes):
        return st.frozensets(st.sampled_from(Outcome))
    if isinstance(kind, Command):
        return st.text(max_size=60).filter(lambda text: not has_control(text))
    raise AssertionError(f"no values for {kind!r}")


def file_with(chosen: dict[Setting, Any]) -> str:
    """config.toml holding `chosen`, each written as the template writes values."""
    lines = []
    for section in SECTIONS:
        lines.append(f"[{section.name}]")
        lines += [f"{s.key} = {s.kind.toml(v)}" for s, v in chosen.items() if s.section == section.name]
    return "\n".join(lines) + "\n"


def place(config: Config, setting: Setting) -> Any:
    return reduce(getattr, setting.into.split("."), config)


@given(st.fixed_dictionaries({setting: values_of(setting.kind) for setting in WRITTEN}))
def test_every_value_a_setting_may_hold_reads_back_as_itself(chosen: dict[Setting, Any]) -> None:
    config = parse_config(tomllib.loads(file_with(chosen)), WHERE)
    for setting, value in chosen.items():
        assert place(config, setting) == value, setting.name
        # A default of None is worked out from others (the week's targets from the day's).
        assert setting.default is None or type(place(config, setting)) is type(setting.default), setting.name


@given(st.text())
def test_any_text_is_written_as_a_toml_string_that_reads_back(text: str) -> None:
    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text


def test_every_config_field_is_set_by_exactly_one_setting() -> None:
    defaults = Config()
    places = []
    for part in fields(Config):
        value = getattr(defaults, part.name)
        places += [f"{part.name}.{f.name}" for f in fields(value)] if is_dataclass(value) else [part.name]
    places.remove("ritual.own_reframes")  # from reframes.txt, not config.toml
    assert sorted(setting.into for setting in SETTINGS) == sorted(places)


def test_every_setting_sits_in_a_declared_section_once() -> None:
    names = {section.name for section in SECTIONS}
    assert {setting.section for setting in SETTINGS} == names
    assert len({(s.section, s.key) for s in SETTINGS}) == len(SETTINGS)


def test_keys_take_any_binding_id_in_the_order_written() -> None:
    raw = tomllib.loads('[keys]\nno = "j"\nvoicemail = "v,f6"\nnot-a-binding = "x"\n')
    assert parse_config(raw, WHERE).keys == (("no", "j"), ("voicemail", "v,f6"), ("not-a-binding", "x"))


def test_hooks_take_a_command_and_its_timeout() -> None:
    raw = tomllib.loads('[hooks]\non_event = "cat >> ~/events.jsonl"\ntimeout_s = 5\n')
    config = parse_config(raw, WHERE)
    assert (config.on_event, config.hook_timeout_s) == ("cat >> ~/events.jsonl", 5.0)
    with pytest.raises(
        CompanionError, match=r"\[hooks\] timeout_s must be a number of seconds from 1 to 600"
    ):
        parse_config({"hooks": {"timeout_s": 0}}, WHERE)


# A file with several mistakes gets one message: the zone and the theme (which ask outside the
# file) are checked first, then the rest in Config's order, as before the table.
SEVERAL_MISTAKES = [
    ({"targets": {"dials": -1}, "ui": {"theme": 7}}, "[ui] theme must be text"),
    ({"ui": {"theme": 7}, "session": {"timezone": 7}}, "[session] timezone must be text"),
    ({"session": {"warmup": 1}, "ui": {"bell": 1}}, "[ui] bell must be true or false"),
    ({"hooks": {"on_event": 1}, "keys": {"no": 1}}, "[keys] no must be a key"),
    ({"ritual": {"outside": "x"}, "session": {"block_minutes": 0}}, "[session] block_minutes must be"),
    ({"ritual": {"breath": [], "after": 1}}, "[ritual] after must be a list"),
]


@pytest.mark.parametrize(("raw", "first"), SEVERAL_MISTAKES)
def test_a_file_with_several_mistakes_names_the_same_one_as_always(raw: dict[str, Any], first: str) -> None:
    with pytest.raises(CompanionError) as caught:
        parse_config(raw, WHERE)
    assert str(caught.value).startswith(f"{WHERE}: {first}")
