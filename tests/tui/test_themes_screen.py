"""Themes in the running app: each built-in one paints the screens; a user theme that does not
load leaves the app on the default with the file's line in the status line; NO_COLOR turns the
screen to greys (Textual's own Monochrome filter)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.color import Color
from textual.filter import Monochrome

from companion.config import DEFAULT_THEME
from companion.context import Context
from companion.core.clock import FrozenClock
from companion.paths import Paths
from companion.themes import load_themes
from tests.conftest import write_config
from tests.tui.conftest import running, screen_text
from tests.unit.test_theme_contrast import painted, variables
from tests.unit.test_themes import BROKEN, DATA

BUILT_IN = sorted(load_themes(None).names())
# What Rich's SVG draws around the terminal, not the app: the window's three dots and its
# title's colour (rich.terminal_theme.SVG_EXPORT_THEME's foreground).
WINDOW = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}


def open_with(home: Path, clock: FrozenClock, theme: str, *files: str) -> Context:
    """A context whose config.toml names `theme`, with `files` from tests/data/themes in the
    user's themes folder."""
    write_config(home, f'[ui]\ntheme = "{theme}"\n')
    folder = home / "themes"
    folder.mkdir(exist_ok=True)
    for name in files:
        shutil.copy(DATA / name, folder / name)
    return Context.open(Paths.from_env(), clock=clock)


@pytest.mark.parametrize("name", BUILT_IN)
async def test_each_built_in_theme_paints_the_session_screen(
    home: Path, clock: FrozenClock, name: str
) -> None:
    ctx = open_with(home, clock, name)
    async with running(ctx) as (app, _pilot):  # from the first frame: no flash of another theme
        assert app.current_theme.name == name
        dark = ctx.themes.themes[name].dark
        assert app.has_class(f"-theme-{name}", "-dark-mode" if dark else "-light-mode")
        assert not app.has_class("-light-mode" if dark else "-dark-mode")
        found = variables(ctx.themes.themes[name])
        ground = Color.parse(found["background"])
        assert app.screen.styles.background == ground
        # The muted title is painted as the contrast test reckons it ("auto 60%" blended).
        title = app.screen.query_one("#recent-title")
        assert title.rich_style.color is not None
        assert title.rich_style.color.triplet == painted(found["text-muted"], ground).rich_color.triplet
        assert screen_text(app, ("status",)) == ""  # nothing to report


# Every broken file's line is checked in tests/unit/test_themes.py
# (test_a_broken_theme_is_one_line_naming_its_file_and_key); in the app each goes the same way,
# into the status line. These two would do harm if they got further: variables that break the
# app's CSS, and a name that is Rich markup.
SHOWN = ["css_breaker.toml", "name_with_markup.toml"]


@pytest.mark.parametrize("file_name", SHOWN)
async def test_a_user_theme_that_does_not_load_leaves_the_app_on_the_default_saying_why(
    home: Path, clock: FrozenClock, file_name: str
) -> None:
    meant, words = BROKEN[file_name]
    ctx = open_with(home, clock, meant, file_name)
    assert ctx.config.theme == DEFAULT_THEME
    [line] = ctx.themes.failures
    assert line.startswith(f"themes/{file_name}: ") and line.endswith(f"; showing {DEFAULT_THEME} instead")
    async with running(ctx, (120, 40)) as (app, _pilot):
        assert app.current_theme.name == DEFAULT_THEME
        status = screen_text(app, ("status",))
        assert line in status
        assert all(word in status for word in words)
        assert app.screen.query_one("#status").has_class("-error")


async def test_a_broken_theme_the_config_does_not_name_is_still_reported(
    home: Path, clock: FrozenClock
) -> None:
    ctx = open_with(home, clock, "companion-dusk", "bad_colour.toml", "unknown_key.toml")
    async with running(ctx, (120, 40)) as (app, _pilot):
        assert app.current_theme.name == "companion-dusk"
        status = screen_text(app, ("status",))
        assert 'themes/bad_colour.toml: primary = "banana"' in status
        assert "themes/unknown_key.toml: unknown key glow" in status


def colours(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", svg)} - WINDOW


def grey(colour: str) -> bool:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return max(red, green, blue) - min(red, green, blue) <= 2


@pytest.mark.parametrize("name", ["companion-calm", "companion-daylight"])
async def test_no_color_paints_in_greys_only(
    home: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """NO_COLOR (any value, https://no-color.org) is read by Textual when the app is made: its
    Monochrome filter turns every colour to a grey of the same lightness."""
    monkeypatch.setenv("NO_COLOR", "1")
    ctx = open_with(home, clock, name)
    async with running(ctx) as (app, _pilot):
        assert app.no_color
        assert any(isinstance(f, Monochrome) for f in app.get_line_filters())
        painted_colours = colours(app.export_screenshot())
    assert painted_colours and all(grey(c) for c in painted_colours), sorted(
        c for c in painted_colours if not grey(c)
    )


async def test_without_no_color_the_theme_has_its_colours(
    home: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other side of the test above: the same screen, in colour."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    ctx = open_with(home, clock, DEFAULT_THEME)
    async with running(ctx) as (app, _pilot):
        assert not app.no_color
        assert not any(isinstance(f, Monochrome) for f in app.get_line_filters())
        painted_colours = colours(app.export_screenshot())
    assert not all(grey(c) for c in painted_colours)
