"""`companion themes`: the names, one a line, the one in use marked, dark or light, a user
theme's file; a user theme that does not load is one line on stderr each, and the list still
comes (exit 0). Run against its own COMPANION_HOME."""

from __future__ import annotations

import os
import shutil

from tests.cli.conftest import BASE_CONFIG, Companion
from tests.cli.test_import_hygiene import loaded_by
from tests.unit.test_themes import BROKEN, DATA

BUILT_IN = ["companion-calm", "companion-daylight", "companion-dusk", "companion-high-contrast"]


def rows(stdout: str) -> dict[str, list[str]]:
    """Each line's words, by the theme's name."""
    table = {}
    for line in stdout.splitlines():
        name, *rest = line.split()
        table[name] = rest
    return table


def test_lists_the_built_in_themes_with_the_default_in_use(companion: Companion) -> None:
    result = companion.ok("themes")
    assert list(rows(result.stdout)) == BUILT_IN
    assert rows(result.stdout) == {
        "companion-calm": ["dark", "(in", "use)"],
        "companion-daylight": ["light"],
        "companion-dusk": ["dark"],
        "companion-high-contrast": ["dark"],
    }
    assert result.stdout.splitlines()[0] == "companion-calm           dark   (in use)"


def test_marks_the_theme_the_config_names(companion: Companion) -> None:
    companion.write_config(BASE_CONFIG + '[ui]\ntheme = "companion-high-contrast"\n')
    in_use = [line for line in companion.ok("themes").stdout.splitlines() if "(in use)" in line]
    assert in_use == ["companion-high-contrast  dark   (in use)"]


def test_a_user_theme_is_listed_with_its_file(companion: Companion) -> None:
    folder = companion.home / "themes"
    folder.mkdir()
    mine = folder / "mine.toml"
    mine.write_text('name = "mine"\ndark = false\nprimary = "#2F6690"\n', encoding="utf-8")
    companion.write_config(BASE_CONFIG + '[ui]\ntheme = "mine"\n')
    table = rows(companion.ok("themes").stdout)
    assert list(table) == sorted([*BUILT_IN, "mine"])
    assert table["mine"] == ["light", "(in", "use)", str(mine)]
    assert table["companion-calm"] == ["dark"]


def test_each_broken_user_theme_is_one_line_on_stderr_and_the_list_still_comes(companion: Companion) -> None:
    folder = companion.home / "themes"
    folder.mkdir()
    for name in BROKEN:
        shutil.copy(DATA / name, folder / name)
    result = companion.run("themes")
    assert result.returncode == 0, result.describe()
    assert list(rows(result.stdout)) == BUILT_IN
    assert "Traceback" not in result.stderr
    assert len(result.stderr_lines) == len(BROKEN)
    for name, (_meant, words) in BROKEN.items():
        [line] = [line for line in result.stderr_lines if f"themes/{name}: " in line]
        assert line.startswith("companion: themes/")
        assert all(word in line for word in words), line


def test_a_config_naming_a_broken_theme_uses_the_default_and_says_why(companion: Companion) -> None:
    folder = companion.home / "themes"
    folder.mkdir()
    shutil.copy(DATA / "bad_colour.toml", folder / "bad_colour.toml")
    companion.write_config(BASE_CONFIG + '[ui]\ntheme = "bad-colour"\n')
    result = companion.run("themes")
    assert result.returncode == 0, result.describe()
    assert rows(result.stdout)["companion-calm"] == ["dark", "(in", "use)"]
    assert result.stderr_lines == [
        'companion: themes/bad_colour.toml: primary = "banana" is not a colour (use "#rrggbb"); '
        "showing companion-calm instead"
    ]


def test_themes_never_loads_textual(companion: Companion) -> None:
    assert loaded_by(companion, ["themes"]) == []


def test_themes_is_in_the_help(companion: Companion) -> None:
    assert "themes" in companion.ok("--help").stdout


def test_a_fifo_or_a_link_to_a_device_among_the_themes_is_one_line_each_never_a_hang(
    companion: Companion,
) -> None:
    folder = companion.home / "themes"
    folder.mkdir()
    os.mkfifo(folder / "pipe.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    result = companion.run("themes")
    assert result.returncode == 0 and list(rows(result.stdout)) == BUILT_IN, result.describe()
    only = "; Companion reads its settings from a regular file only"
    assert result.stderr_lines == [
        f"companion: themes/pipe.toml: a FIFO (a named pipe){only}",
        f"companion: themes/zero.toml: a device (it links to /dev/zero){only}",
    ]
