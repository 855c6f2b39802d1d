"""Themes: the shipped ones load; a broken user theme is reported, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.config import DEFAULT_THEME
from companion.themes import COLOR_KEYS, load_themes, parse_theme


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
    assert DEFAULT_THEME in themes.names()
    assert "companion-daylight" in themes.names()
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
        folder, "mine.toml", 'name = "mine"\ndark = false\nprimary = "#112233"\n[variables]\nx = 1\n'
    )
    themes = load_themes(folder)
    assert themes.failures == []
    assert themes.names() == sorted([DEFAULT_THEME, "companion-daylight", "mine"])
    mine = themes.themes["mine"]
    assert mine.dark is False
    assert mine.colors == {"primary": "#112233"}
    assert mine.variables == {"x": "1"}
    assert mine.source == str(path)


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
        assert sum(str(folder / name) in failure for failure in themes.failures) == 1, name
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
    ],
)
def test_parse_theme_says_what_is_wrong(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_theme(raw, "test")


def test_parse_theme_trims_the_name() -> None:
    assert parse_theme({"name": " calm ", "primary": "#fff"}, "s").name == "calm"
