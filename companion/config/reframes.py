"""The rep's own reframe lines, from reframes.txt beside config.toml. Only the app reads them:
a bad line stops the app at start, never a logged call."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from companion.config.model import Config
from companion.errors import CompanionError
from companion.paths import Paths
from companion.settings_file import REFRAMES_LIMIT, read_text

REFRAMES_FILE = "reframes.txt"


def with_own_reframes(config: Config, paths: Paths) -> Config:
    """`config` with the rep's reframe lines from reframes.txt beside config.toml. Only the app
    reads them: a bad line stops the app at start (CompanionError), never a logged call."""
    lines = own_reframes(paths.config_file.parent / REFRAMES_FILE)
    return replace(config, ritual=replace(config.ritual, own_reframes=lines)) if lines else config


def own_reframes(path: Path) -> tuple[str, ...]:
    """The rep's own reframe lines, from `path`; none when there is no file. Untrusted like
    every settings file (companion.settings_file: a regular file, bounded, no other user could
    have written it), each line checked (core.reframes)."""
    from companion.core.reframes import ReframesError, parse_own_reframes

    text = read_text(path, REFRAMES_LIMIT)
    if text is None:
        return ()
    try:
        return parse_own_reframes(text, str(path))
    except ReframesError as error:
        raise CompanionError(str(error)) from None
