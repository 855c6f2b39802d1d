"""config.toml read and checked against the settings table: an unknown section or key, or a
value of the wrong kind, is one CompanionError naming the file, the key and what is valid."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from companion.config.kinds import Outside, SettingError
from companion.config.model import Config
from companion.config.settings import SECTION, allowed_keys, checking_order
from companion.config.template import ensure_config_file
from companion.errors import CompanionError
from companion.paths import Paths


def load_config(paths: Paths, theme_names: Callable[[], list[str]] | None = None) -> Config:
    """Read config.toml (creating it when missing). CompanionError on any bad value."""
    path = ensure_config_file(paths)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CompanionError(f"{path}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CompanionError(f"{path}: cannot be read ({error})") from None
    return parse_config(raw, path, theme_names)


def parse_config(
    raw: dict[str, Any], path: Path, theme_names: Callable[[], list[str]] | None = None
) -> Config:
    """Validate parsed TOML into a Config: the sections and keys against the settings table, then
    each value by its kind. The first mistake is one CompanionError naming the file."""
    _check_names(raw, path)
    outside = Outside(theme_names)
    values: dict[str, object] = {}
    for setting in checking_order():
        table = raw.get(setting.section, {})
        if setting.key is None:
            value: object = table
        elif setting.key in table:
            value = table[setting.key]
        elif setting.fallback is not None:
            value = setting.fallback(path)
        elif setting.kind.asks_outside:
            value = setting.default  # the world may lack even the default (the themes folder)
        else:
            continue  # Config's default
        try:
            values[setting.into] = setting.kind.read(value, setting.name, outside)
        except SettingError as error:
            raise CompanionError(f"{path}: {error}") from None
    return _config_of(values)


def _check_names(raw: dict[str, Any], path: Path) -> None:
    for section, table in raw.items():
        if section not in SECTION:
            raise CompanionError(f"{path}: unknown section [{section}]; valid sections: {_names(SECTION)}")
        if not isinstance(table, dict):
            raise CompanionError(f"{path}: [{section}] must be a table")
        valid = allowed_keys(section)
        for key in table:
            if valid is not None and key not in valid:
                raise CompanionError(f"{path}: unknown key [{section}] {key}; valid keys: {_names(valid)}")


def _config_of(values: dict[str, object]) -> Config:
    """Config with each value at its place ("ritual.after" in Config.ritual), defaults elsewhere."""
    defaults = Config()
    top: dict[str, Any] = {}
    parts: dict[str, dict[str, object]] = {}
    for into, value in values.items():
        part, _, name = into.rpartition(".")
        if part:
            parts.setdefault(part, {})[name] = value
        else:
            top[name] = value
    for part, inner in parts.items():
        top[part] = replace(getattr(defaults, part), **inner)
    return replace(defaults, **top)


def _names(keys: Any) -> str:
    return ", ".join(sorted(keys))
