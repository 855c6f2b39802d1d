"""Each use of a Textual private name or undocumented behaviour (companion/tui/textual_seams.py,
and the tests' own in tests/tui/textual_seams.py) checked against the installed Textual: one of
these fails, by name, the day an upgrade changes what the seam relies on. And no other module of
the product touches one."""

from __future__ import annotations

import ast
import time
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from rich.console import Console
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.pilot import Pilot
from textual.renderables.digits import Digits
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

import companion
from companion.tui import textual_seams
from companion.tui.textual_seams import heavy_digit, key_name, normal_keys, read_late_styles
from tests.tui.textual_seams import (
    QUICK_NAP_S,
    draw_frames_only_when_looked_at,
    footer_words,
    no_second_parse,
    quicken_pilot_waits,
    screen_rows,
    share_parsed_stylesheets,
    stylesheet_files,
)

# -- the product's seams -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("character", "name"),
    [("j", "j"), ("N", "N"), ("5", "5"), ("?", "question_mark"), ("+", "plus"),
     ("/", "slash"), ("[", "left_square_bracket"), (" ", "space"), ("$", "dollar_sign")],
)  # fmt: skip
def test_key_name_is_the_name_textual_gives_a_typed_character(character: str, name: str) -> None:
    assert key_name(character) == name


def test_normal_keys_are_a_keymap_value_as_textual_compares_it() -> None:
    assert normal_keys("j") == "j"
    assert normal_keys("j, N") == "j,N"
    assert normal_keys("?,ctrl+j") == "question_mark,ctrl+j"
    assert normal_keys("ctrl+z , f5") == "ctrl+z,f5"


class Hits(App[None]):
    BINDINGS = [Binding("x", "hit", "Hit", id="hit")]

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0

    def action_hit(self) -> None:
        self.hits += 1


@pytest.mark.parametrize("keys", ["?", "j, N", "ctrl+j"])
async def test_a_keymap_value_moves_a_binding_to_the_keys_normal_keys_names(keys: str) -> None:
    """What keymap.check_keymap compares (normal_keys) is what set_keymap binds."""
    app = Hits()
    async with app.run_test() as pilot:
        app.set_keymap({"hit": keys})
        for key in normal_keys(keys).split(","):
            await pilot.press(key)
        await pilot.press("x")  # the old key no longer does it
        await pilot.pause()
    assert app.hits == len(normal_keys(keys).split(","))


def test_heavy_digits_are_textuals_three_line_glyphs() -> None:
    assert heavy_digit("8") == ("┏━┓", "┣━┫", "┗━┛")
    assert heavy_digit("0") == ("┏━┓", "┃ ┃", "┗━┛")
    assert heavy_digit("1") == ("╺┓ ", " ┃ ", "╺┻╸")


def test_heavy_digits_are_what_textuals_digits_draw_in_bold() -> None:
    console = Console(width=80, file=None, color_system=None, legacy_windows=False)
    with console.capture() as captured:
        console.print(Digits("0123456789", style="bold"))
    drawn = captured.get().splitlines()
    ours = ["".join(heavy_digit(d)[row] for d in "0123456789") for row in range(3)]
    assert [line.rstrip() for line in drawn] == [line.rstrip() for line in ours]


class Probe(App[None]):
    CSS = "#probe { background: $primary; color: $secondary; }"

    def __init__(self, theme: Theme, early: bool) -> None:
        super().__init__()
        self.register_theme(theme)
        if early:
            textual_seams.use_theme_before_start(self, theme.name)
        else:
            self.theme = theme.name

    def compose(self) -> ComposeResult:
        yield Static("probe", id="probe")


def probe_theme(dark: bool) -> Theme:
    return Theme(
        name="probe",
        primary="#123456",
        secondary="#abcdef",
        dark=dark,
        variables={"footer-key-foreground": "#fedcba"},
    )


@pytest.mark.parametrize("dark", [True, False])
async def test_the_early_theme_looks_as_setting_the_theme_does(dark: bool) -> None:
    """The same colours, variables and classes as `app.theme = name`, from the first frame."""
    seen: dict[bool, tuple[object, ...]] = {}
    for early in (True, False):
        app = Probe(probe_theme(dark), early)
        async with app.run_test() as pilot:
            await pilot.pause()
            probe = app.query_one("#probe")
            seen[early] = (
                app.theme,
                probe.styles.background,
                probe.styles.color,
                app.get_css_variables(),
                app.theme_variables,
                sorted(c for c in app.classes if c.startswith("-")),
            )
    assert seen[True] == seen[False]
    assert seen[True][1:3] == (Color.parse("#123456"), Color.parse("#abcdef"))
    assert seen[True][5] == sorted(["-theme-probe", "-dark-mode" if dark else "-light-mode"])


async def test_the_early_theme_is_in_the_first_reading_of_the_stylesheet_and_spares_a_second() -> None:
    """Why the seam exists: the theme's colours are there when the stylesheet is first parsed,
    and nothing parses it again (the public way parses it twice)."""
    parses: dict[bool, int] = {}
    for early in (True, False):
        app = Probe(probe_theme(True), early)
        stylesheet = type(app.stylesheet)
        with patch.object(stylesheet, "reparse", autospec=True, side_effect=stylesheet.reparse) as reparse:
            async with app.run_test() as pilot:
                await pilot.pause()
                assert app.query_one("#probe").styles.background == Color.parse("#123456")
        parses[early] = reparse.call_count
    assert parses[True] < parses[False]


class Late(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("probe", id="probe")


async def test_a_late_stylesheet_applies_to_widgets_already_on_screen_and_is_read_once(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "late.tcss"
    sheet.write_text("#probe { background: #ff0000; height: 3; }", encoding="utf-8")
    app = Late()
    async with app.run_test() as pilot:
        probe = app.query_one("#probe")
        assert probe.styles.background != Color.parse("#ff0000")
        assert "late.tcss" not in stylesheet_files(app)
        assert read_late_styles(app, [sheet]) is True
        await pilot.pause()
        assert probe.styles.background == Color.parse("#ff0000") and probe.size.height == 3
        assert "late.tcss" in stylesheet_files(app)
        with no_second_parse(app):
            assert read_late_styles(app, [sheet]) is False
        other = tmp_path / "other.tcss"
        other.write_text("#probe { color: #00ff00; }", encoding="utf-8")
        with no_second_parse(app), pytest.raises(AssertionError, match="parsed again"):
            read_late_styles(app, [other])


async def test_a_screens_stylesheet_read_early_is_not_read_again_when_it_opens(tmp_path: Path) -> None:
    """The warm-up reads each screen's CSS_PATH after the first frame; Textual then finds it
    read (Stylesheet.has_source, as read_late_styles names it) and does not parse again."""
    from textual.screen import Screen

    sheet = tmp_path / "screen.tcss"
    sheet.write_text("#inside { color: #00ff00; }", encoding="utf-8")

    class Inner(Screen[None]):
        CSS_PATH = str(sheet)

        def compose(self) -> ComposeResult:
            yield Static("inside", id="inside")

    app = Late()
    async with app.run_test() as pilot:
        read_late_styles(app, [sheet])
        await pilot.pause()
        with no_second_parse(app):
            await app.push_screen(Inner())
            await pilot.pause()
        assert app.screen.query_one("#inside").styles.color == Color.parse("#00ff00")


# -- behaviour the product relies on, public but easy to lose --------------------------------


class FeltBox(Input):
    """As NoteBox does: a key's own handler on an Input subclass, before Input types it."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    def on_key(self, event: events.Key) -> None:
        self.heard.append(event.key)
        if event.character == "3":
            event.prevent_default()


class Typing(App[None]):
    def compose(self) -> ComposeResult:
        yield FeltBox()


async def test_an_input_subclass_hears_each_key_first_and_can_keep_it_out_of_the_text() -> None:
    app = Typing()
    async with app.run_test() as pilot:
        box = app.query_one(FeltBox)
        box.focus()
        await pilot.press("3", "a", "b", "left", "x")
        await pilot.pause()
    assert box.heard == ["3", "a", "b", "left", "x"]
    assert box.value == "axb"


# -- the tests' own seams ------------------------------------------------------------------------


async def footer_shown(pilot: Pilot[None]) -> None:
    """Until the footer has composed its keys (it does so after the bindings settle)."""
    for _ in range(50):
        await pilot.pause()
        if footer_words(pilot.app.screen):
            return


class Footed(App[None]):
    BINDINGS = [Binding("v", "nothing", "Voicemail"), Binding("m", "nothing_else", "Meeting")]

    def compose(self) -> ComposeResult:
        yield Static("Hello there")
        yield Footer()

    def action_nothing(self) -> None:
        pass

    def action_nothing_else(self) -> None:
        pass


async def test_footer_words_are_the_bindings_descriptions_in_order() -> None:
    app = Footed()
    async with app.run_test(size=(60, 5)) as pilot:
        await footer_shown(pilot)
        assert footer_words(app.screen)[:2] == ["Voicemail", "Meeting"]


async def test_screen_rows_are_the_whole_screen_as_drawn() -> None:
    app = Footed()
    async with app.run_test(size=(60, 5)) as pilot:
        await footer_shown(pilot)
        rows = screen_rows(app)
    assert len(rows) == 5 and all(len(row) == 60 for row in rows)
    assert rows[0].startswith("Hello there")
    assert "Voicemail" in rows[-1] and "Meeting" in rows[-1]


async def test_pilot_pauses_nap_as_long_as_quicken_pilot_waits_says(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Late()
    async with app.run_test() as pilot:
        took = []
        for nap_s in (0.5, QUICK_NAP_S):
            quicken_pilot_waits(monkeypatch, nap_s=nap_s, idle_cpu_s=1.0)  # idle after one nap
            started = time.monotonic()
            await pilot.pause()
            took.append(time.monotonic() - started)
    assert took[0] >= 0.5 > took[1]


def test_shared_parsing_keeps_each_themes_colours_and_fails_a_bad_sheet_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """share_parsed_stylesheets: the same text with other variables is parsed anew, the same
    text with the same variables gives what a parse of its own gives, and a sheet that does
    not parse is refused every time it is read."""

    def background(primary: str, css: str = "#probe { background: $primary; }") -> Color:
        sheet = Stylesheet(variables={"primary": primary})
        sheet.add_source(css, read_from=("probe.tcss", ""))
        [rule] = sheet.rules
        return rule.styles.background

    share_parsed_stylesheets(monkeypatch)
    assert background("#123456") == Color.parse("#123456")
    assert background("#abcdef") == Color.parse("#abcdef")
    assert background("#123456") == Color.parse("#123456")
    for _ in range(2):
        sheet = Stylesheet(variables={})
        sheet.add_source("#probe { background: nonsense; }", read_from=("bad.tcss", ""))
        with pytest.raises(StylesheetParseError):
            sheet.parse()


async def test_a_headless_frame_is_drawn_when_looked_at_and_then_as_the_widgets_are_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """draw_frames_only_when_looked_at (every test has it): a change reaches the widget, no
    frame is drawn for it, and the screen looked at shows the latest text."""
    draw_frames_only_when_looked_at(monkeypatch)
    drawn: list[str] = []
    real = Widget.render_lines

    def counting(widget: Widget, crop: Any) -> Any:
        drawn.append(widget.id or "")
        return real(widget, crop)

    app = Late()
    async with app.run_test(size=(40, 5)) as pilot:
        probe = app.query_one("#probe", Static)
        with patch.object(Widget, "render_lines", counting):
            for text in ("one", "two", "three and more"):
                probe.update(text)
                await pilot.pause()
            assert "probe" not in drawn
            rows = screen_rows(app)
        assert "probe" in drawn and rows[0].startswith("three and more")


# -- nothing else reaches in -----------------------------------------------------------------


PRODUCT = Path(companion.__file__).parent
SEAMS = PRODUCT / "tui" / "textual_seams.py"
# Undocumented parts of public objects, reached only through the seams.
INTERNALS = {"stylesheet", "css_path", "_compositor"}


def private(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def reaches_in(tree: ast.AST) -> list[str]:
    """Each line of a module that imports a private name or module of Textual, reaches an
    undocumented attribute (INTERNALS), calls a private method of a base class, or defines one
    of Textual's private handlers (`_on_key`, `_watch_theme`)."""
    found = []
    for node in ast.walk(tree):
        line = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            names = [alias.name for alias in node.names]
            if private(node.module or "") or any(private(name) for name in names):
                found.append(f"{line}: from {node.module} import {', '.join(names)}")
        elif isinstance(node, ast.Import):
            found += [
                f"{line}: import {a.name}"
                for a in node.names
                if a.name.startswith("textual") and private(a.name)
            ]
        elif isinstance(node, ast.Attribute) and node.attr in INTERNALS:
            found.append(f"{line}: .{node.attr}")
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "super"
            and private(node.attr)
        ):
            found.append(f"{line}: super().{node.attr}")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            ("_on_", "_watch_")
        ):
            found.append(f"{line}: def {node.name}")
    return found


def test_no_module_but_the_seams_touches_textuals_private_parts() -> None:
    found = {
        str(path.relative_to(PRODUCT)): hits
        for path in sorted(PRODUCT.rglob("*.py"))
        if path != SEAMS and (hits := reaches_in(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_hygiene_check_sees_a_private_import() -> None:
    assert reaches_in(ast.parse("from textual.keys import _character_to_key")) != []
    assert reaches_in(ast.parse("from textual.widgets._footer import FooterKey")) != []
    assert reaches_in(ast.parse("app.stylesheet.reparse()")) != []
    assert (
        reaches_in(ast.parse("class A:\n    async def _on_key(self, e):\n        await super()._on_key(e)"))
        != []
    )
