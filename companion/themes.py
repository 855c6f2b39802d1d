"""Themes: TOML files shipped in the package (top-level themes/ in the source tree) and the
user's own in the themes/ folder beside config.toml. No textual here: the TUI turns a
ThemeSpec into a textual Theme. Every colour is checked here, so a theme that reaches the TUI
never makes it fail; a file that does not pass is one line in `ThemeSet.failures`."""

from __future__ import annotations

import colorsys
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from companion.core.words import shown
from companion.settings_file import THEME_LIMIT, SettingsFileError, parse_toml, read_text

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
OTHER_KEYS = ("name", "dark", "variables")
# A variable whose name ends so holds text styles (bold, italic ...); every other one a colour.
STYLE_VARIABLE_ENDING = "-style"
STYLE_WORDS = frozenset(
    {"bold", "dim", "italic", "underline", "reverse", "strike", "none", "not", "b", "i", "u"}
)
COLOUR_FORMS = '"#rrggbb"'
USER_THEMES_MAX = 100  # files read from the user's themes folder
# A theme's name becomes a class on the app (-theme-NAME) and a line in the command palette:
# letters, digits, - and _ only, so it is never read as markup or breaks a selector.
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
_VARIABLE_KEY = re.compile(r"[a-z][a-z0-9-]{0,60}")

# What Textual's Color.parse reads too (a subset of it: no colour names), so a colour that
# passes here never fails there.
_HEX = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_INT = r"\s*(\d{1,3})\s*"
_ALPHA = r"\s*(\d+(?:\.\d+)?)\s*"
_PERCENT = r"\s*(\d{1,3}(?:\.\d+)?)%\s*"
# (Patterns, compiled by re on their first use: the shipped themes are all "#rrggbb", and the
# app's start would pay for four it never reads.)
_RGB = rf"rgb\({_INT},{_INT},{_INT}\)"
_RGBA = rf"rgba\({_INT},{_INT},{_INT},{_ALPHA}\)"
_HSL = rf"hsl\({_ALPHA},{_PERCENT},{_PERCENT}\)"
_HSLA = rf"hsla\({_ALPHA},{_PERCENT},{_PERCENT},{_ALPHA}\)"
# A variable's colour may be a colour or "auto" (black or white, whichever reads on the
# background beneath), each with an opacity after it ("auto 60%"). Not another variable: one
# that does not exist would break every stylesheet at start, and only Textual knows the names.
_VARIABLE_COLOUR = re.compile(r"(?P<colour>.+?)(?:\s+\d{1,3}(?:\.\d+)?%)?")

RGB = tuple[int, int, int]


def parse_colour(text: str) -> RGB | None:
    """The red, green and blue (0-255) of "#rgb", "#rgba", "#rrggbb", "#rrggbbaa",
    "rgb(r,g,b)", "rgba(r,g,b,a)", "hsl(h,s%,l%)" or "hsla(h,s%,l%,a)"; None for anything else.
    An opacity is checked, then left out: what shows through depends on what is beneath."""
    text = text.strip()
    if hexed := _HEX.fullmatch(text):
        digits = hexed.group(1)
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    if plain := re.fullmatch(_RGB, text) or re.fullmatch(_RGBA, text):
        red, green, blue = (int(plain.group(i)) for i in (1, 2, 3))
        alpha = float(plain.group(4)) if plain.lastindex == 4 else 1.0
        if max(red, green, blue) > 255 or alpha > 1:
            return None
        return red, green, blue
    if hsl := re.fullmatch(_HSL, text) or re.fullmatch(_HSLA, text):
        hue, saturation, lightness = float(hsl.group(1)), float(hsl.group(2)), float(hsl.group(3))
        alpha = float(hsl.group(4)) if hsl.lastindex == 4 else 1.0
        if hue > 360 or saturation > 100 or lightness > 100 or alpha > 1:
            return None
        r, g, b = colorsys.hls_to_rgb(hue / 360 % 1, lightness / 100, saturation / 100)
        return int(r * 255 + 0.5), int(g * 255 + 0.5), int(b * 255 + 0.5)
    return None


def relative_luminance(colour: RGB) -> float:
    """WCAG 2.x relative luminance: 0 for black, 1 for white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: RGB | str, b: RGB | str) -> float:
    """WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white).
    AA asks 4.5 of body text and 3 of large text; AAA asks 7. A text that is not a colour
    is a ValueError."""
    first, second = _rgb(a), _rgb(b)
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rgb(colour: RGB | str) -> RGB:
    if not isinstance(colour, str):
        return colour
    parsed = parse_colour(colour)
    if parsed is None:
        raise ValueError(f"{colour!r} is not a colour")
    return parsed


# A NamedTuple and a plain class, not dataclasses: they load on the way to the app's first frame,
# where a dataclass costs half a millisecond to build (as session.commands says).
class ThemeSpec(NamedTuple):
    name: str
    dark: bool
    colors: dict[str, str]
    variables: dict[str, str] = {}  # (never changed: parse_theme gives each its own)
    source: str = ""
    user: bool = False  # from the user's themes folder (source is its path)


class ThemeSet:
    __slots__ = ("failed", "failures", "themes")

    def __init__(self) -> None:
        self.themes: dict[str, ThemeSpec] = {}
        self.failures: list[str] = []
        # The name each file that failed was meant to give (its name = ..., else its file's
        # stem), and its line in `failures`: a config that names it starts on the default.
        self.failed: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"ThemeSet(themes={self.themes!r}, failures={self.failures!r}, failed={self.failed!r})"

    def names(self) -> list[str]:
        return sorted(self.themes)

    def choices(self) -> list[str]:
        """What config.toml's [ui] theme may name: the themes that loaded and the ones meant by
        a file that did not (the app then starts on the default and says why)."""
        return sorted(set(self.themes) | set(self.failed))

    def fall_back(self, wanted: str, default: str) -> str:
        """The theme to start on when the config asks for `wanted`: itself if it loaded, else
        `default`, and the line of the file that failed says so."""
        if wanted in self.themes or default not in self.themes:
            return wanted
        line = self.failed.get(wanted)
        if line is not None and not self.failures[line].endswith(" instead"):
            self.failures[line] += f"; showing {default} instead"
        return default


def packaged_dir() -> Path:
    """The shipped themes: inside the installed package, or the source tree's themes/. (Found
    beside this file: importlib.resources would cost the app's start a millisecond to import,
    and the package is always installed as files, never zipped.)"""
    package = Path(__file__).parent
    inside = package / "themes"
    if inside.is_dir():
        return inside
    return package.parent / "themes"


def load_themes(user_dir: Path | None) -> ThemeSet:
    """Every theme that loads; a file that does not is one line in `failures`, not fatal. A
    user's file is read as untrusted (companion.settings_file): a regular file, bounded, and
    only when no other user could have written it."""
    found = ThemeSet()
    for entry in sorted(packaged_dir().iterdir(), key=lambda t: t.name):
        if entry.name.endswith(".toml"):
            _add(found, entry.name, entry.read_text(encoding="utf-8"))
    if user_dir is None or not user_dir.is_dir():
        return found
    names, more = _user_theme_names(user_dir)
    for name in names:
        path = user_dir / name
        # Named as from the config folder ("themes/mine.toml"): short enough for the status line.
        label = f"{user_dir.name}/{name}"
        try:
            text = read_text(path, THEME_LIMIT)
        except SettingsFileError as error:
            _fail(found, label, error.problem, path.stem)
            continue
        if text is not None:  # (gone since the folder was listed)
            _add(found, label, text, str(path))
    if more:
        too_many = f"holds more than {USER_THEMES_MAX} theme files; the rest were not read"
        _fail(found, f"{user_dir.name}/", too_many, None)
    return found


def _user_theme_names(user_dir: Path) -> tuple[list[str], bool]:
    """The first USER_THEMES_MAX *.toml names in `user_dir`, sorted, and whether there were more."""
    names: list[str] = []
    try:
        with os.scandir(user_dir) as entries:
            for entry in entries:
                if entry.name.endswith(".toml"):
                    names.append(entry.name)
                    if len(names) > USER_THEMES_MAX:
                        break
    except OSError:
        return [], False
    names.sort()
    return names[:USER_THEMES_MAX], len(names) > USER_THEMES_MAX


def _add(found: ThemeSet, label: str, text: str, path: str | None = None) -> None:
    """Parse one file's text into `found`; `path` for a user's file (None: a shipped one)."""
    raw: dict[str, Any] = {}
    try:
        raw = parse_toml(text, label)
        spec = parse_theme(raw, path or label, user=path is not None)
    except SettingsFileError as error:
        problem = error.problem
    except ValueError as error:
        problem = str(error)
    else:
        found.themes[spec.name] = spec
        return
    name = raw.get("name")
    _fail(found, label, problem, name.strip() if isinstance(name, str) and name.strip() else Path(label).stem)


def _fail(found: ThemeSet, label: str, problem: str, meant: str | None) -> None:
    if meant is not None:
        found.failed.setdefault(meant, len(found.failures))
    found.failures.append(shown(f"{label}: {problem}").replace("\n", "\\n"))


def parse_theme(raw: dict[str, Any], source: str, *, user: bool = False) -> ThemeSpec:
    """A ThemeSpec, or a ValueError naming every key that is wrong (on one line)."""
    problems: list[str] = []
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append('a theme needs name = "..."')
    elif not _THEME_NAME.fullmatch(name.strip()):
        problems.append(f"name = {_quoted(name)} must be letters, digits, - or _ (at most 40)")
    unknown = sorted(set(raw) - set(COLOR_KEYS) - set(OTHER_KEYS))
    if unknown:
        keys = ", ".join(shown(key) for key in unknown)
        problems.append(
            f"unknown key {keys}; valid keys: {', '.join((*OTHER_KEYS[:2], *COLOR_KEYS))}, [variables]"
        )
    if "primary" not in raw:
        problems.append(f"a theme needs primary = {COLOUR_FORMS}")
    colors: dict[str, str] = {}
    for key in COLOR_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if not isinstance(value, str):
            problems.append(f"{key} = {_quoted(value)} must be a colour in quotes, such as {COLOUR_FORMS}")
        elif parse_colour(value) is None:
            problems.append(f"{key} = {_quoted(value)} is not a colour (use {COLOUR_FORMS})")
        else:
            colors[key] = value.strip()
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        problems.append(f"dark = {_quoted(dark)} must be true or false")
    variables = raw.get("variables", {})
    if not isinstance(variables, dict):
        problems.append("[variables] must be a table of names and values")
        variables = {}
    for key, value in variables.items():
        where = f"[variables] {shown(key)}"
        if not _VARIABLE_KEY.fullmatch(key):
            problems.append(f"{where}: a variable's name is lower-case letters, digits and -")
        elif not isinstance(value, str):
            problems.append(f"{where} = {_quoted(value)} must be text in quotes")
        elif key.endswith(STYLE_VARIABLE_ENDING):
            if not value.split() or not set(value.split()) <= STYLE_WORDS:
                problems.append(f'{where} = {_quoted(value)} is not a text style (such as "bold")')
        elif not _variable_colour(value):
            problems.append(f'{where} = {_quoted(value)} is not a colour (use {COLOUR_FORMS} or "auto 80%")')
    if problems:
        raise ValueError("; ".join(problems))
    assert isinstance(name, str) and isinstance(dark, bool)
    return ThemeSpec(name.strip(), dark, colors, dict(variables), source, user)


def _variable_colour(value: str) -> bool:
    match = _VARIABLE_COLOUR.fullmatch(value.strip())
    if match is None:
        return False
    colour = match.group("colour")
    return colour in ("auto", "transparent") or parse_colour(colour) is not None


def _quoted(value: object) -> str:
    """A value as the file holds it, short and on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = f'"{value}"' if isinstance(value, str) else str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return shown(text)
