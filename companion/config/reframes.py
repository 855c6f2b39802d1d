"""The rep's own reframe lines, from reframes.txt beside config.toml. Only the app reads them:
a bad line stops the app at start, never a logged call."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from companion.config.model import Config
from companion.errors import CompanionError
from companion.paths import Paths

REFRAMES_FILE = "reframes.txt"
_REFRAMES_MAX_BYTES = 256 * 1024


def with_own_reframes(config: Config, paths: Paths) -> Config:
    """`config` with the rep's reframe lines from reframes.txt beside config.toml. Only the app
    reads them: a bad line stops the app at start (CompanionError), never a logged call."""
    lines = own_reframes(paths.config_file.parent / REFRAMES_FILE)
    return replace(config, ritual=replace(config.ritual, own_reframes=lines)) if lines else config


def own_reframes(path: Path) -> tuple[str, ...]:
    """The rep's own reframe lines, from `path`; none when there is no file. Untrusted like
    every file: bounded in size, each line checked (core.reframes)."""
    from companion.core.reframes import ReframesError, parse_own_reframes

    try:
        with path.open("rb") as handle:
            raw = handle.read(_REFRAMES_MAX_BYTES + 1)
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise CompanionError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(raw) > _REFRAMES_MAX_BYTES:
        too_long = f"longer than {_REFRAMES_MAX_BYTES // 1024} KB; keep one short line a reframe"
        raise CompanionError(f"{path}: {too_long}")
    try:
        return parse_own_reframes(raw.decode("utf-8"), str(path))
    except UnicodeDecodeError:
        raise CompanionError(f"{path}: not UTF-8 text") from None
    except ReframesError as error:
        raise CompanionError(str(error)) from None
