"""config.toml read and checked against the settings table: an unknown section or key, or a
value of the wrong kind, is one CompanionError naming the file, the key and what is valid.

The file is read as untrusted (companion.settings_file: a regular file, bounded, no other user
could have written it). `companion log` and `dial` read it forgivingly (load_config_forgiving):
a dialer's call is never lost to a mistake in the settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from companion.config.kinds import Outside, SettingError
from companion.config.model import Config
from companion.config.settings import SECTION, Setting, allowed_keys, checking_order
from companion.config.template import ensure_config_file
from companion.config.zone import default_zone_name
from companion.errors import CompanionError, reason
from companion.paths import Paths
from companion.settings_file import CONFIG_LIMIT, SettingsFileError, parse_toml, read_text


def load_config(paths: Paths, theme_names: Callable[[], list[str]] | None = None) -> Config:
    """Read config.toml (creating it when missing). CompanionError on any bad value. A home
    where it cannot be created (read-only: a copy to read, a backup) reads as the built-in
    settings, as a missing file means, and nothing is written."""
    try:
        path = ensure_config_file(paths)
    except OSError:
        if paths.config_file.exists():
            raise
        return parse_config({}, paths.config_file, theme_names)
    return parse_config(read_config_table(path), path, theme_names)


def load_config_forgiving(paths: Paths) -> tuple[Config, str | None]:
    """config.toml for a command that must not lose a call (`log`, `dial`): never refused, and
    the line saying what is wrong with it (None when nothing is). A file that cannot be read, is
    not TOML or another user could have written gives the built-in settings, and the zone a file
    naming none gets (TZ, else this computer's: the dialer's own clock, so a call's day is the
    one the rep sees); nothing of such a file is used, not its hook. A value that is wrong takes
    its built-in value; the rest of a file that is the rep's own still counts (their dialer's
    words, their zone, their hook)."""
    try:
        path = ensure_config_file(paths)
        raw = read_config_table(path)
    except (CompanionError, OSError) as error:
        said = str(error) if isinstance(error, CompanionError) else f"{paths.config_file}: {reason(error)}"
        built_in = Config(timezone=default_zone_name(paths.config_file))
        return built_in, f"{said}; this command uses the built-in settings (time zone {built_in.timezone})"
    problems: list[str] = []
    config = _parse(raw, path, None, problems)
    if not problems:
        return config, None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return config, f"{path}: {problems[0]}{more}; this command uses the built-in value in its place"


def read_config_table(path: Path) -> dict[str, Any]:
    """config.toml's TOML, read as untrusted (companion.settings_file). SettingsFileError when
    it cannot be."""
    text = read_text(path, CONFIG_LIMIT)
    if text is None:
        raise SettingsFileError(path, "cannot be read (it was removed while Companion started)")
    return parse_toml(text, path)


def parse_config(
    raw: dict[str, Any], path: Path, theme_names: Callable[[], list[str]] | None = None
) -> Config:
    """Validate parsed TOML into a Config: the sections and keys against the settings table, then
    each value by its kind. The first mistake is one CompanionError naming the file."""
    return _parse(raw, path, theme_names, None)


def _parse(
    raw: dict[str, Any],
    path: Path,
    theme_names: Callable[[], list[str]] | None,
    problems: list[str] | None,
) -> Config:
    """A Config from `raw`. With `problems` None, the first mistake is a CompanionError; else
    each is added to `problems` and the setting keeps its built-in value (its fallback, for
    the zone), and an unknown section or key is passed over."""
    if problems is None:
        _check_names(raw, path)
    else:
        raw = _known_names(raw, problems)
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
            if problems is None:
                raise CompanionError(f"{path}: {error}") from None
            problems.append(str(error))
            if setting.fallback is not None:
                values[setting.into] = setting.fallback(path)
            elif setting.key is None and isinstance(value, dict):
                values[setting.into] = _good_part(setting, value, outside)
    return _config_of(values)


def _good_part(setting: Setting, table: dict[str, Any], outside: Outside) -> object:
    """What a whole table ([dispositions]) reads as without its bad entries, so a dialer's other
    words still count: the entries that read alone, then, if two of them clash, each kept when
    the table with it still reads."""
    alone = {key: entry for key, entry in table.items() if _reads(setting, {key: entry}, outside)}
    if not _reads(setting, alone, outside):
        kept: dict[str, Any] = {}
        for key, entry in alone.items():
            if _reads(setting, {**kept, key: entry}, outside):
                kept[key] = entry
        alone = kept
    return setting.kind.read(alone, setting.name, outside)


def _reads(setting: Setting, table: dict[str, Any], outside: Outside) -> bool:
    try:
        setting.kind.read(table, setting.name, outside)
    except SettingError:
        return False
    return True


def _known_names(raw: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """`raw` with only the sections and keys the settings table knows, each one left out said."""
    kept: dict[str, Any] = {}
    for section, table in raw.items():
        if section not in SECTION:
            problems.append(f"unknown section [{section}]")
        elif not isinstance(table, dict):
            problems.append(f"[{section}] must be a table")
        else:
            valid = allowed_keys(section)
            kept[section] = {k: v for k, v in table.items() if valid is None or k in valid}
            problems += [f"unknown key [{section}] {key}" for key in table if key not in kept[section]]
    return kept


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
