"""config.toml -> a frozen Config. Every key is optional; a bad one is one clear error naming the
file, the key and what is valid. The file is written with comments when missing, never rewritten.

Each setting is declared once, in settings.py; the checks (parse.py) and the commented file
(template.py) are made from that table."""

from __future__ import annotations

from companion.config.model import DEFAULT_THEME, MOTION, OUTSIDE, Config, RitualConfig, own_key
from companion.config.parse import load_config, load_config_forgiving, parse_config
from companion.config.reframes import REFRAMES_FILE, own_reframes, with_own_reframes
from companion.config.template import default_text, ensure_config_file
from companion.config.zone import default_zone_name

__all__ = [
    "DEFAULT_THEME",
    "MOTION",
    "OUTSIDE",
    "REFRAMES_FILE",
    "Config",
    "RitualConfig",
    "default_text",
    "default_zone_name",
    "ensure_config_file",
    "load_config",
    "load_config_forgiving",
    "own_key",
    "own_reframes",
    "parse_config",
    "with_own_reframes",
]
