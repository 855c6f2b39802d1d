"""Every place Companion leans on a part of Textual that is not its public API: a private name,
or behaviour the documentation does not promise. Nothing else in the product touches one
(tests/unit/test_textual_seams.py checks that too, and checks each seam against the installed
Textual, so an upgrade that changes one fails there first, by name, not somewhere in a screen).

Each was checked against Textual CHECKED_WITH. Drop a seam when Textual grows a public way."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App

CHECKED_WITH = "8.2.8"


def key_name(character: str) -> str:
    """The name Textual gives the key that types `character` ("?" -> "question_mark").

    What a binding and a keymap are matched against; Textual makes these names with
    `textual.keys._character_to_key` and has no public function for it (`key_to_character`
    is the other way round). Ours must be the same names, so it is the same function."""
    from textual.keys import _character_to_key

    return _character_to_key(character)


def normal_keys(keys: str) -> str:
    """A comma-separated list of keys as Textual compares them when a keymap is set
    ("j, N" -> "j,N"; "?" -> "question_mark"): `textual.keys._normalize_key_list`, which
    `App.set_keymap` applies and nothing public exposes. A keymap is checked before the app
    opens (companion.tui.keymap) with the keys exactly as Textual will read them."""
    from textual.keys import _normalize_key_list

    return _normalize_key_list(keys)


def heavy_digit(character: str) -> tuple[str, str, str]:
    """The three lines of Textual's heavy 3x3 glyph for one of "0123456789:" etc.

    The `Digits` widget draws them but cannot stretch them (the reset's countdown draws them
    five lines high too); the table is `textual.renderables.digits.DIGITS3X3_BOLD`, three
    lines per glyph in `DIGITS`' order, a layout Textual documents nowhere."""
    from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD

    at = DIGITS.index(character) * 3
    top, middle, bottom = (DIGITS3X3_BOLD[at + n].ljust(3) for n in range(3))
    return top, middle, bottom


def read_late_styles(app: App[Any], paths: Iterable[Path]) -> bool:
    """Read those of the stylesheets at `paths` the app has not read yet, then restyle every
    widget once; True if there was one to read.

    Textual reads an app's CSS_PATH at start and a screen's the first time it is pushed, and
    has no public way to add one to a running app: this is what it does itself for a screen's
    (`App._load_screen_css`: `Stylesheet.has_source`, `read`, `reparse`, `update`). Worth it:
    listing every stylesheet up front costs a real start 25-30 ms of CPU before the counters
    show (`python -m tests.bench.tricks`, December 2026)."""
    stylesheet = app.stylesheet
    fresh = [path.resolve() for path in paths if not stylesheet.has_source(str(path.resolve()))]
    for path in fresh:
        stylesheet.read(path)
    if fresh:
        stylesheet.reparse()
        stylesheet.update(app)
    return bool(fresh)


def use_theme_before_start(app: App[Any], name: str) -> None:
    """Make `name` (registered) the app's theme before it runs, without Textual restyling
    every widget once it does.

    Set the public way (`app.theme = name`), the theme's watcher asks for the whole stylesheet
    to be parsed again as soon as the app runs, on the way to its first frame. What of that
    watcher (`App._watch_theme`) the start needs is done here instead: the colours the
    stylesheet is first read with (`Stylesheet.set_variables`) and the theme's classes on
    the app. Its ANSI-to-truecolor filter stays Textual's dark default: Companion paints with
    the theme's own colours, never with ANSI colour names. Worth it: 17 ms of the 220 ms of CPU
    a real start takes to paint the counters (`python -m tests.bench.tricks`, December 2026)."""
    app.set_reactive(App.theme, name)
    theme = app.current_theme
    app.stylesheet.set_variables(app.get_css_variables())
    app.set_class(True, f"-theme-{theme.name}", update=False)
    app.set_class(theme.dark, "-dark-mode", update=False)
    app.set_class(not theme.dark, "-light-mode", update=False)
