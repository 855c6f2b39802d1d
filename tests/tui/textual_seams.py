"""The tests' own uses of Textual's private parts, each in one small function (the product's
are in companion/tui/textual_seams.py). tests/unit/test_textual_seams.py checks each against
the installed Textual. Checked with Textual 8.2.8."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from textual import _wait
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.screen import Screen
from textual.widgets._footer import FooterKey

QUICK_NAP_S = 0.004
QUICK_IDLE_CPU_S = 0.0002


def quicken_pilot_waits(
    monkeypatch: pytest.MonkeyPatch, nap_s: float = QUICK_NAP_S, idle_cpu_s: float = QUICK_IDLE_CPU_S
) -> None:
    """`Pilot.pause()` waits for the process to go idle in naps of `nap_s`, idle meaning less
    than `idle_cpu_s` of CPU in a nap. Textual's are 20 ms and 1 ms (`textual._wait`), with no
    public way to change them."""
    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", nap_s)
    monkeypatch.setattr(_wait, "SLEEP_IDLE", idle_cpu_s)


# What Textual made of each stylesheet (a widget's DEFAULT_CSS, app.tcss, a screen's file) with
# each theme's variables, for every app this process starts.
_PARSED: dict[tuple[object, ...], list[RuleSet]] = {}


def share_parsed_stylesheets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app a test starts parses the same stylesheets again, and again each time a screen
    reads its own (`Stylesheet.reparse` starts from an empty `_parse_cache`): a tenth of a Pilot
    test's CPU. Here `Stylesheet._parse_rules` keeps what it made for the process, by its
    arguments and the variables it reads (the theme's colours); the same text with the same
    variables gives the same rules, and Textual's own cache hands out the very same lists from
    one parse to the next. A parse that fails is not kept: it fails again."""
    parse = Stylesheet._parse_rules

    def shared(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        rules = _PARSED.get(key)
        if rules is None:
            rules = _PARSED[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    monkeypatch.setattr(Stylesheet, "_parse_rules", shared)


def draw_frames_only_when_looked_at(monkeypatch: pytest.MonkeyPatch) -> None:
    """A headless app (Pilot's) still renders every frame to throw it away: `App._display` writes
    nothing when headless, after `Screen._compositor_refresh` has drawn the changed regions of
    every widget (a third of a Pilot test's CPU). Here the refresh only forgets those regions,
    as drawing them does; layout, messages and callbacks run as ever, and a test that looks at
    the screen (`screen_rows`, `export_screenshot`, a snapshot) draws it then, whole, from the
    widgets as they are. What no test looks at is not drawn: `running` (tests/tui/conftest.py)
    draws each test's last screen, so a widget that cannot draw still fails the test."""
    refresh = Screen._compositor_refresh

    def unseen(self: Screen[Any]) -> None:
        app = self.app
        if app.is_headless and not app.is_inline and self is app.screen:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            app._update_mouse_over(self)
        else:
            refresh(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", unseen)


def footer_words(screen: Screen[Any]) -> list[str]:
    """What the footer of `screen` offers, by name (each key's description), left to right.
    The footer's keys are `FooterKey`s, which `textual.widgets` does not export."""
    return [key.description for key in screen.query(FooterKey)]


def screen_rows(app: App[Any]) -> list[str]:
    """Every row of the screen in front as the compositor draws it (borders, bars and scroll
    bars included): `Screen._compositor.render_strips()`. The public screenshot is SVG."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def stylesheet_files(app: App[Any]) -> set[str]:
    """The names of the .tcss files the app has read so far (`Stylesheet.source`)."""
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


@contextmanager
def no_second_parse(app: App[Any]) -> Iterator[None]:
    """Fail if anything makes the app parse its stylesheets again (`Stylesheet.reparse`), as
    reading one more does."""
    with patch.object(type(app.stylesheet), "reparse", side_effect=AssertionError("parsed again")):
        yield
