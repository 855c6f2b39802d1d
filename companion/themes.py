"""Themes: TOML files shipped in the package (top-level themes/ in the source tree) and the
user's own in the themes/ folder beside config.toml. No textual here: the TUI turns a
ThemeSpec into a textual Theme."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
    "boost",
)


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    name: str
    dark: bool
    colors: dict[str, str]
    variables: dict[str, str] = field(default_factory=dict)
    source: str = ""


@dataclass(slots=True)
class ThemeSet:
    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return sorted(self.themes)


def packaged_dir() -> Traversable:
    """The shipped themes: inside the installed package, or the source tree's themes/."""
    inside = resources.files("companion") / "themes"
    if inside.is_dir():
        return inside
    return resources.files("companion").joinpath("..", "themes")


def load_themes(user_dir: Path | None) -> ThemeSet:
    """Every theme that loads; a user file that does not is named in `failures`, not fatal."""
    found = ThemeSet()
    for entry in sorted(packaged_dir().iterdir(), key=lambda t: t.name):
        if entry.name.endswith(".toml"):
            _add(found, entry.name, entry.read_text(encoding="utf-8"))
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                found.failures.append(f"{path}: cannot be read ({error})")
                continue
            _add(found, str(path), text)
    return found


def _add(found: ThemeSet, source: str, text: str) -> None:
    try:
        spec = parse_theme(tomllib.loads(text), source)
    except (tomllib.TOMLDecodeError, ValueError) as error:
        found.failures.append(f"{source}: {error}")
        return
    found.themes[spec.name] = spec


def parse_theme(raw: dict[str, Any], source: str) -> ThemeSpec:
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError('a theme needs name = "..."')
    colors = {k: v for k, v in raw.items() if k in COLOR_KEYS}
    if "primary" not in colors:
        raise ValueError('a theme needs at least primary = "#rrggbb"')
    if not all(isinstance(v, str) for v in colors.values()):
        raise ValueError('colours must be text such as "#7aa2c8"')
    unknown = set(raw) - set(COLOR_KEYS) - {"name", "dark", "variables"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    dark = raw.get("dark", True)
    variables = raw.get("variables", {})
    if not isinstance(dark, bool) or not isinstance(variables, dict):
        raise ValueError("dark must be true/false and [variables] a table")
    return ThemeSpec(name.strip(), dark, colors, {str(k): str(v) for k, v in variables.items()}, source)
