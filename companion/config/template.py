"""The commented config.toml a fresh home gets, made from the settings table: every value
shown is Config's default, so the file and the code never disagree. Written when missing,
never rewritten."""

from __future__ import annotations

import os
from pathlib import Path

from companion.config.settings import SECTIONS, SETTINGS, Setting
from companion.paths import Paths, private_dir

HEADER = "Companion settings. Every key is optional: delete a line to go back to its default."


def default_text() -> str:
    """The commented config.toml written when there is none."""
    blocks = [_comments(HEADER)]
    for section in SECTIONS:
        written = [s for s in SETTINGS if s.section == section.name and (s.key or s.example)]
        if written:  # ([keys] takes binding ids only the app knows: the README lists them)
            lines = [f"[{section.name}]\n", _comments(section.intro)]
            lines += [_comments(setting.comment) + _line(setting) for setting in written]
            blocks.append("".join([*lines, _comments(section.outro)]))
    return "\n".join(blocks)


def ensure_config_file(paths: Paths) -> Path:
    """Write the commented default config if there is none; never touch an existing one."""
    path = paths.config_file
    if path.exists():
        return path
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(default_text())
    return path


def _line(setting: Setting) -> str:
    value = setting.default if setting.example is None else setting.example
    mark = "" if setting.shown else "# "
    if setting.key is None:  # a whole table ([dispositions]): its example's lines
        return "".join(f"{mark}{line}\n" for line in setting.kind.toml(value).splitlines())
    return f"{mark}{setting.key} = {setting.kind.toml(value)}\n"


def _comments(text: str) -> str:
    return "".join(f"# {line}\n" for line in text.splitlines())
