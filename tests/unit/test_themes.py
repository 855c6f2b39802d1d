"""Themes: the shipped ones load; a broken user theme is reported, never fatal."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.config import DEFAULT_THEME
from companion.themes import (
    COLOR_KEYS,
    USER_THEMES_MAX,
    ThemeSet,
    contrast_ratio,
    load_themes,
    parse_colour,
    parse_theme,
)

DATA = Path(__file__).parent.parent / "data" / "themes"
BUILT_IN = ("companion-calm", "companion-daylight", "companion-dusk", "companion-high-contrast")


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_packaged_themes_load_without_failures() -> None:
    themes = load_themes(None)
    assert themes.failures == []
    assert themes.names() == sorted(BUILT_IN)
    assert DEFAULT_THEME in themes.names()
    calm = themes.themes[DEFAULT_THEME]
    assert calm.dark is True
    assert calm.colors["primary"].startswith("#")
    assert set(calm.colors) <= set(COLOR_KEYS)


def test_a_missing_user_folder_is_fine(tmp_path: Path) -> None:
    themes = load_themes(tmp_path / "no-such-folder")
    assert themes.failures == []
    assert DEFAULT_THEME in themes.names()


def test_a_good_user_theme_loads_beside_the_packaged_ones(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    path = write(
        folder,
        "mine.toml",
        'name = "mine"\ndark = false\nprimary = "#112233"\n'
        '[variables]\nx = "#fff 50%"\nbutton-focus-text-style = "b reverse"\n',
    )
    themes = load_themes(folder)
    assert themes.failures == []
    assert themes.names() == sorted([*BUILT_IN, "mine"])
    mine = themes.themes["mine"]
    assert mine.dark is False
    assert mine.colors == {"primary": "#112233"}
    assert mine.variables == {"x": "#fff 50%", "button-focus-text-style": "b reverse"}
    assert mine.source == str(path)
    assert mine.user and not themes.themes[DEFAULT_THEME].user


def test_broken_user_themes_are_listed_in_failures_and_the_rest_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    broken: dict[str, str | bytes] = {
        "not_toml.toml": "name = \n",
        "no_name.toml": 'primary = "#112233"\n',
        "no_primary.toml": 'name = "pale"\n',
        "unknown_key.toml": 'name = "odd"\nprimary = "#112233"\nsparkle = true\n',
        "colour_not_text.toml": 'name = "num"\nprimary = 112233\n',
        "dark_not_a_flag.toml": 'name = "dim"\nprimary = "#112233"\ndark = "yes"\n',
        "not_utf8.toml": b'name = "\xff"\nprimary = "#112233"\n',
    }
    for name, text in broken.items():
        write(folder, name, text)
    write(folder, "fine.toml", 'name = "fine"\nprimary = "#445566"\n')

    themes = load_themes(folder)

    assert "fine" in themes.names()
    assert DEFAULT_THEME in themes.names()
    assert len(themes.failures) == len(broken)
    for name in broken:
        assert sum(f"themes/{name}:" in failure for failure in themes.failures) == 1, name
    assert all("\n" not in failure for failure in themes.failures)
    assert any("sparkle" in failure for failure in themes.failures)


def test_files_that_are_not_toml_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    write(folder, "README.md", "not a theme")
    assert load_themes(folder).failures == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"primary": "#fff"}, "name"),
        ({"name": "  ", "primary": "#fff"}, "name"),
        ({"name": "x"}, "primary"),
        ({"name": "x", "primary": "#fff", "glow": "#000"}, "glow"),
        ({"name": "x", "primary": "#fff", "variables": "nope"}, "variables"),
        ({"name": "x", "primary": "banana"}, 'primary = "banana" is not a colour'),
        ({"name": "x", "primary": "#fff", "error": "#ff00zz"}, 'error = "#ff00zz" is not a colour'),
        ({"name": "x", "primary": "#fff", "variables": {"x": 1}}, "x = 1 must be text"),
        ({"name": "x", "primary": "#fff", "variables": {"link-color": "red"}}, 'link-color = "red"'),
        ({"name": "x", "primary": "#fff", "variables": {"text-muted": "$accent"}}, "text-muted"),
        ({"name": "x", "primary": "#fff", "variables": {"Loud": "#fff"}}, "lower-case"),
        ({"name": "x", "primary": "#fff", "variables": {"button-text-style": "blink"}}, "not a text style"),
        ({"name": "x y", "primary": "#fff"}, "letters, digits"),
    ],
)
def test_parse_theme_says_what_is_wrong(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_theme(raw, "test")


def test_parse_theme_trims_the_name() -> None:
    assert parse_theme({"name": " calm ", "primary": "#fff"}, "s").name == "calm"


def test_the_built_in_themes_say_what_they_are() -> None:
    """Four: the calm dark default, a light one named for daylight, a high-contrast one and a
    warm dark one. Each file opens with a line saying what it is for."""
    themes = load_themes(None).themes
    assert [themes[name].dark for name in BUILT_IN] == [True, False, True, True]
    folder = Path(__file__).parent.parent.parent / "themes"
    for name in BUILT_IN:
        first = (folder / f"{name}.toml").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, name


# Each broken file in tests/data/themes: the name config.toml would give it, and what its one
# line must name (the key, or the line of a TOML error).
BROKEN = {
    "bad_colour.toml": ("bad-colour", ['primary = "banana" is not a colour (use "#rrggbb")']),
    "unknown_key.toml": ("unknown-key", ["unknown key glow", "valid keys: name, dark, primary"]),
    "missing_name.toml": ("missing_name", ['needs name = "..."']),
    "missing_primary.toml": ("missing-primary", ['needs primary = "#rrggbb"']),
    "not_toml.toml": ("not_toml", ["not valid TOML", "line 4"]),
    "colour_not_text.toml": ("colour-not-text", ["primary = 112233 must be a colour in quotes"]),
    "bad_variable.toml": ("bad-variable", ['[variables] footer-key-foreground = "sunshine" is not a colour']),
    "muted_not_colour.toml": ("muted-not-colour", ['[variables] text-muted = "banana" is not a colour']),
    "undefined_reference.toml": ("undefined-reference", ['footer-key-foreground = "$nope" is not a colour']),
    "css_breaker.toml": ("css-breaker", ['[variables] foo = "{ } ;" is not a colour']),
    "name_with_space.toml": ("my theme", ['name = "my theme" must be letters, digits, - or _']),
    "name_with_markup.toml": ("[reverse]loud", ['name = "[reverse]loud" must be letters, digits, - or _']),
}


def test_every_broken_theme_file_has_its_case() -> None:
    assert sorted(p.name for p in DATA.glob("*.toml")) == sorted(BROKEN)


@pytest.mark.parametrize("file_name", sorted(BROKEN))
def test_a_broken_theme_is_one_line_naming_its_file_and_key(tmp_path: Path, file_name: str) -> None:
    meant, words = BROKEN[file_name]
    write(tmp_path / "themes", file_name, (DATA / file_name).read_text(encoding="utf-8"))
    write(tmp_path / "themes", "fine.toml", 'name = "fine"\nprimary = "#445566"\n')

    themes = load_themes(tmp_path / "themes")

    assert themes.names() == sorted([*BUILT_IN, "fine"])
    [line] = themes.failures
    assert line.startswith(f"themes/{file_name}: "), line
    for word in words:
        assert word in line, line
    assert "\n" not in line
    assert themes.failed == {meant: 0}
    assert meant in themes.choices() and "fine" in themes.choices()


def test_a_config_naming_a_broken_theme_falls_back_to_the_default_and_says_so(tmp_path: Path) -> None:
    write(tmp_path / "themes", "bad_colour.toml", (DATA / "bad_colour.toml").read_text(encoding="utf-8"))
    themes = load_themes(tmp_path / "themes")
    assert themes.fall_back("companion-dusk", DEFAULT_THEME) == "companion-dusk"
    assert themes.failures[0].endswith('(use "#rrggbb")')
    assert themes.fall_back("bad-colour", DEFAULT_THEME) == DEFAULT_THEME
    assert themes.fall_back("bad-colour", DEFAULT_THEME) == DEFAULT_THEME  # said once
    assert themes.failures == [
        'themes/bad_colour.toml: primary = "banana" is not a colour (use "#rrggbb"); '
        f"showing {DEFAULT_THEME} instead"
    ]
    assert ThemeSet().fall_back("anything", DEFAULT_THEME) == "anything"  # no default to go to


def test_every_problem_of_a_file_is_on_its_one_line() -> None:
    with pytest.raises(ValueError) as raised:
        parse_theme({"name": "x", "primary": "pink", "accent": 3, "shine": "#fff", "dark": "yes"}, "s")
    message = str(raised.value)
    assert all(word in message for word in ('primary = "pink"', "accent = 3", "shine", 'dark = "yes"'))


def test_a_control_character_in_a_theme_is_shown_not_sent_to_the_terminal(tmp_path: Path) -> None:
    write(tmp_path / "themes", "odd.toml", 'name = "odd"\nprimary = "\\u001b[31m\\nred"\n')
    [line] = load_themes(tmp_path / "themes").failures
    assert "\x1b" not in line and "\n" not in line
    assert "\\x1b[31m" in line


@pytest.mark.parametrize(
    ("text", "rgb"),
    [
        ("#fff", (255, 255, 255)),
        ("#0F08", (0, 255, 0)),
        ("#7FA7C9", (127, 167, 201)),
        ("#7fa7c980", (127, 167, 201)),
        (" #161b22 ", (22, 27, 34)),
        ("rgb(1, 2, 3)", (1, 2, 3)),
        ("rgba(255,128,0,0.5)", (255, 128, 0)),
        ("hsl(0, 100%, 50%)", (255, 0, 0)),
        ("hsla(120,100%,25%,1)", (0, 128, 0)),
    ],
)
def test_parse_colour_reads_the_forms_a_theme_may_use(text: str, rgb: tuple[int, int, int]) -> None:
    assert parse_colour(text) == rgb


@pytest.mark.parametrize(
    "text",
    [
        "banana",
        "red",
        "",
        "#",
        "#12",
        "#12345",
        "#1234567",
        "#ggg",
        "rgb(256,0,0)",
        "rgb(1,2)",
        "rgba(1,2,3,1.5)",
        "rgb(-1,0,0)",
        "hsl(10,120%,50%)",
        "hsl(400,50%,50%)",
        "ansi_red",
        "#fff 50%",
    ],
)
def test_parse_colour_refuses_anything_else(text: str) -> None:
    assert parse_colour(text) is None


def test_what_parse_colour_reads_textual_reads_the_same() -> None:
    """A colour that passes here never makes Textual fail (its Color.parse) nor differs from it."""
    from textual.color import Color

    for text in ("#fff", "#0F08", "#7fa7c980", "rgb(1, 2, 3)", "rgba(255,128,0,0.5)", "hsl(200, 40%, 60%)"):
        assert Color.parse(text.strip()).rgb == parse_colour(text), text


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000") == pytest.approx(21.0)  # order does not matter
    assert contrast_ratio((18, 52, 86), (18, 52, 86)) == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just under AA
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # just over it
    with pytest.raises(ValueError, match="banana"):
        contrast_ratio("banana", "#fff")


# -- a user's theme file is untrusted (companion.settings_file) -----------------------------------

GOOD = 'name = "{}"\nprimary = "#123456"\n'


def loose_theme(path: Path) -> None:
    path.write_text(GOOD.format("loose"), encoding="utf-8")
    path.chmod(0o666)


HOSTILE: list[tuple[str, Callable[[Path], object], str]] = [
    ("fifo", lambda p: os.mkfifo(p), "a FIFO"),
    ("dev-zero", lambda p: p.symlink_to("/dev/zero"), "a device (it links to /dev/zero)"),
    ("100-KB", lambda p: p.write_text(GOOD.format("big") + "#" * 100_000), "larger than the 64 KB"),
    ("500-deep", lambda p: p.write_text(GOOD.format("deep") + "x = " + "[" * 500 + "]" * 500), "16 deep"),
    ("5000-digits", lambda p: p.write_text(GOOD.format("long") + "x = " + "1" * 5000), "4,300 digits"),
    ("mode-0666", loose_theme, "mode 0666"),
]


@pytest.mark.parametrize(("make", "said"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_a_hostile_theme_file_is_one_line_at_once_and_the_rest_still_load(
    tmp_path: Path, make: Callable[[Path], object], said: str
) -> None:
    folder = tmp_path / "themes"
    write(folder, "fine.toml", GOOD.format("fine"))
    make(folder / "odd.toml")
    started = time.monotonic()
    themes = load_themes(folder)
    assert time.monotonic() - started < 0.5
    assert themes.names() == sorted([*BUILT_IN, "fine"])
    [line] = themes.failures
    assert line.startswith("themes/odd.toml: ") and said in line, line
    assert themes.fall_back("odd", DEFAULT_THEME) == DEFAULT_THEME


def test_a_themes_folder_others_may_write_loads_none_of_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    write(folder, "mine.toml", GOOD.format("mine"))
    write(folder, "other.toml", GOOD.format("other"))
    folder.chmod(0o777)
    themes = load_themes(folder)
    assert themes.names() == sorted(BUILT_IN)
    assert len(themes.failures) == 2
    assert all(f"its folder {folder}" in line and f"chmod go-w {folder}" in line for line in themes.failures)


def test_a_folder_of_theme_files_is_read_up_to_its_limit(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    for n in range(USER_THEMES_MAX + 5):
        write(folder, f"t{n:03}.toml", GOOD.format(f"t{n:03}"))
    themes = load_themes(folder)
    assert len(themes.names()) == len(BUILT_IN) + USER_THEMES_MAX
    assert themes.failures == [
        f"themes/: holds more than {USER_THEMES_MAX} theme files; the rest were not read"
    ]
    assert "" not in themes.choices()


def test_a_bom_in_a_theme_is_taken(tmp_path: Path) -> None:
    write(tmp_path / "themes", "bom.toml", ("\ufeff" + GOOD.format("bom")).encode())
    assert "bom" in load_themes(tmp_path / "themes").names()
