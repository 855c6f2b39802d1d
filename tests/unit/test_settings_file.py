"""companion.settings_file, the one reader of config.toml, themes and reframes.txt: a regular
file only (a FIFO never blocks, a link to a device is refused), bounded in size, TOML bounded in
depth and numbers, a BOM taken, and never a file another user could have written. Real FIFOs,
links and modes: the file system is the point. Each refusal must come at once."""

from __future__ import annotations

import grp
import os
import pwd
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.settings_file import (
    CONFIG_LIMIT,
    INT_LIMIT,
    TOML_DEPTH,
    SettingsFileError,
    parse_toml,
    read_text,
)

QUICK_S = 0.5  # a refusal reads nothing: far quicker than this, on a busy machine too
AS_ROOT = os.geteuid() == 0
NOBODY = pwd.getpwnam("nobody").pw_uid if AS_ROOT else -1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private folder, as a fresh home gets."""
    path = tmp_path / "home"
    path.mkdir(mode=0o700)
    return path


def refused(path: Path, limit: int = CONFIG_LIMIT) -> str:
    """The one line read_text refuses `path` with, checked to come at once."""
    started = time.monotonic()
    with pytest.raises(SettingsFileError) as raised:
        read_text(path, limit)
    assert time.monotonic() - started < QUICK_S
    line = str(raised.value)
    assert line.startswith(f"{path}: ") and "\n" not in line, line
    return line


# -- what kind of file -------------------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(folder: Path) -> None:
    path = folder / "config.toml"
    os.mkfifo(path)
    assert "a FIFO" in refused(path) and "regular file" in refused(path)


def test_a_link_to_a_fifo_is_refused_naming_where_it_goes(folder: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (folder / "reframes.txt").symlink_to(fifo)
    line = refused(folder / "reframes.txt")
    assert "a FIFO" in line and f"links to {fifo}" in line


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_not_read(folder: Path, device: str) -> None:
    path = folder / "config.toml"
    path.symlink_to(device)
    line = refused(path)
    assert "a device" in line and device in line


def test_a_folder_is_refused(folder: Path) -> None:
    (folder / "config.toml").mkdir()
    assert "a folder" in refused(folder / "config.toml")


def test_a_link_to_nothing_is_refused_and_nothing_there_is_none(folder: Path) -> None:
    assert read_text(folder / "reframes.txt", CONFIG_LIMIT) is None
    (folder / "config.toml").symlink_to(folder / "gone.toml")
    assert "which is not there" in refused(folder / "config.toml")


def test_a_link_to_a_file_of_ones_own_is_read(folder: Path, tmp_path: Path) -> None:
    """Dotfile managers link config.toml to a checkout: followed, and that folder checked too."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir(mode=0o700)
    (dotfiles / "companion.toml").write_text("[targets]\ndials = 7\n", encoding="utf-8")
    (folder / "config.toml").symlink_to(dotfiles / "companion.toml")
    assert read_text(folder / "config.toml", CONFIG_LIMIT) == "[targets]\ndials = 7\n"
    dotfiles.chmod(0o777)
    line = refused(folder / "config.toml")
    assert f"its folder {dotfiles}" in line and "0777" in line and f"chmod go-w {dotfiles}" in line


# -- size and text -----------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_a_byte_is_read(folder: Path) -> None:
    path = folder / "config.toml"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # 2 MB, sparse: written in no time
    line = refused(path)
    assert "2.0 MB" in line and "256 KB" in line


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(folder: Path) -> None:
    path = folder / "reframes.txt"
    path.write_bytes(b"#" * 1000)
    assert read_text(path, 1000) == "#" * 1000
    path.write_bytes(b"#" * 1001)
    assert "1001 bytes, larger than the 1000 bytes" in refused(path, 1000)


def test_a_bom_is_taken_as_windows_editors_write_it(folder: Path) -> None:
    path = folder / "config.toml"
    path.write_bytes("\ufeff[targets]\ndials = 12\n".encode())
    text = read_text(path, CONFIG_LIMIT)
    assert text is not None and parse_toml(text, path) == {"targets": {"dials": 12}}


def test_bytes_that_are_not_utf8_are_named_with_their_line(folder: Path) -> None:
    path = folder / "config.toml"
    path.write_bytes(b"[ui]\n# caf\xe9\n")
    assert "not UTF-8 text (byte 0xe9 on line 2)" in refused(path)


# -- TOML: depth and numbers -------------------------------------------------------------------


def refused_toml(text: str) -> str:
    started = time.monotonic()
    with pytest.raises(SettingsFileError) as raised:
        parse_toml(text, "config.toml")
    assert time.monotonic() - started < QUICK_S
    line = str(raised.value)
    assert line.startswith("config.toml: ") and "\n" not in line
    return line


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a = " + "[" * 500 + "]" * 500, id="500-arrays"),
        pytest.param("a = " + "{b = " * 500 + "1" + "}" * 500, id="500-inline-tables"),
        pytest.param("a = " + "[" * 5000 + "]" * 5000, id="5000-arrays"),
        pytest.param("a" + ".a" * 300 + " = 1", id="300-dotted-keys"),
        pytest.param("[" + "t." * 40 + "t]\nx = 1\n", id="40-deep-table-header"),
        pytest.param("a = " + "[" * (TOML_DEPTH + 1) + "]" * (TOML_DEPTH + 1), id="one-too-deep"),
    ],
)
def test_nesting_past_the_depth_limit_is_one_line(text: str) -> None:
    assert f"nested more than {TOML_DEPTH} deep" in refused_toml(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        pytest.param("a = " + "1" * 5000, "more than 4,300 digits", id="5000-digits"),
        pytest.param("a = " + "9" * 4301, "more than 4,300 digits", id="4301-digits"),
        pytest.param(
            "[targets]\ndials = " + "1" * 4300, "targets.dials is a whole number of 4,300", id="4,300"
        ),
        pytest.param(f"n = {INT_LIMIT}", "n is a whole number of 19 digits", id="2**63"),
        pytest.param(f"n = [1, {-INT_LIMIT - 1}]", "n[1] is a whole number", id="in-a-list"),
        pytest.param("n = 0x" + "f" * 17, "n is a whole number of 21 digits", id="hex"),
    ],
)
def test_a_whole_number_beyond_64_bits_is_refused(text: str, said: str) -> None:
    line = refused_toml(text)
    assert said in line and "64-bit" in line


def test_the_64_bit_edges_are_kept() -> None:
    edges = {"a": INT_LIMIT - 1, "b": -INT_LIMIT}
    assert parse_toml(f"a = {INT_LIMIT - 1}\nb = {-INT_LIMIT}\n", "x") == edges


def test_a_toml_mistake_names_its_line() -> None:
    assert "not valid TOML" in refused_toml("[targets]\ndials = = 3\n") and "line 2" in refused_toml(
        "[targets]\ndials = = 3\n"
    )


def nested(depth: int, number: int) -> str:
    return "a = " + "[" * depth + str(number) + "]" * depth


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(-(2**70), 2**70))
def test_toml_is_taken_exactly_when_within_depth_and_64_bits(depth: int, number: int) -> None:
    """Depth counts the top table too: `a = [[1]]` is three tables and arrays deep."""
    fits = depth + 1 <= TOML_DEPTH and -INT_LIMIT <= number < INT_LIMIT
    try:
        parse_toml(nested(depth, number), "x")
    except SettingsFileError:
        assert not fits
    else:
        assert fits


# -- who could have written it ---------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o666, 0o646, 0o602])
def test_a_file_others_may_write_is_refused_with_its_owner_mode_and_fix(folder: Path, mode: int) -> None:
    path = folder / "config.toml"
    path.write_text("", encoding="utf-8")
    path.chmod(mode)
    line = refused(path)
    owner = pwd.getpwuid(os.geteuid()).pw_name
    assert f"owner {owner}, mode {mode:04o}" in line and f"chmod go-w {path}" in line


def test_a_file_anyone_may_read_but_only_its_owner_write_is_fine(folder: Path) -> None:
    path = folder / "reframes.txt"
    path.write_text("Next!\n", encoding="utf-8")
    path.chmod(0o644)
    assert read_text(path, CONFIG_LIMIT) == "Next!\n"


@pytest.fixture
def own_group() -> Iterator[int]:
    """The user's primary group, if it is their own private group (umask 002 systems)."""
    user = pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(user.pw_gid)
    if group.gr_name != user.pw_name or set(group.gr_mem) - {user.pw_name}:
        pytest.skip("the user's primary group is not their own private group here")
    yield user.pw_gid


def test_write_access_for_the_users_private_group_lets_no_one_else_in(folder: Path, own_group: int) -> None:
    path = folder / "reframes.txt"
    path.write_text("Next!\n", encoding="utf-8")
    os.chown(path, -1, own_group)
    path.chmod(0o664)
    folder.chmod(0o770)
    assert read_text(path, CONFIG_LIMIT) == "Next!\n"


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another group or user takes root")
def test_write_access_for_a_shared_group_is_refused(folder: Path) -> None:
    path = folder / "config.toml"
    path.write_text("", encoding="utf-8")
    shared = next(g for g in grp.getgrall() if g.gr_gid != pwd.getpwuid(0).pw_gid)
    os.chown(path, -1, shared.gr_gid)
    path.chmod(0o660)
    assert "mode 0660" in refused(path)


@pytest.mark.parametrize("mode", [0o777, 0o757, 0o703])
def test_a_folder_others_may_write_is_refused_naming_the_folder(folder: Path, mode: int) -> None:
    path = folder / "config.toml"
    path.write_text("", encoding="utf-8")
    folder.chmod(mode)
    line = refused(path)
    assert f"its folder {folder}" in line and f"mode {mode:04o}" in line and f"chmod go-w {folder}" in line


def test_a_folder_above_that_others_may_write_is_refused_too(tmp_path: Path) -> None:
    """COMPANION_HOME inside a shared folder: it could be renamed away and replaced."""
    shared = tmp_path / "shared"
    shared.mkdir()
    home = shared / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text("", encoding="utf-8")
    shared.chmod(0o777)
    assert f"its folder {shared} (owner" in refused(home / "config.toml")


def test_a_sticky_folder_others_may_write_is_fine(tmp_path: Path) -> None:
    """As /tmp: no one may rename or remove what is not theirs there."""
    shared = tmp_path / "shared"
    shared.mkdir()
    home = shared / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text("[ui]\n", encoding="utf-8")
    shared.chmod(0o1777)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert read_text(home / "config.toml", CONFIG_LIMIT) == "[ui]\n"


def test_folders_above_the_home_folder_are_not_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As ssh: a home in a shared /home is the admin's choice, not a sign of a stranger's file."""
    shared = tmp_path / "shared"
    shared.mkdir()
    user_home = shared / "rep"
    (user_home / ".config" / "companion").mkdir(parents=True, mode=0o700)
    user_home.chmod(0o700)
    path = user_home / ".config" / "companion" / "config.toml"
    path.write_text("[ui]\n", encoding="utf-8")
    shared.chmod(0o777)
    monkeypatch.setenv("HOME", str(user_home))
    assert read_text(path, CONFIG_LIMIT) == "[ui]\n"
    user_home.chmod(0o777)  # the home itself is asked
    assert f"its folder {user_home}" in refused(path)


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another user takes root")
def test_a_file_another_user_owns_is_refused_naming_them(folder: Path) -> None:
    path = folder / "config.toml"
    path.write_text("", encoding="utf-8")
    os.chown(path, NOBODY, -1)
    path.chmod(0o600)
    line = refused(path)
    assert "owned by nobody, not by you (root; mode 0600)" in line and f"chown root {path}" in line


@pytest.mark.skipif(not AS_ROOT, reason="giving a folder to another user takes root")
def test_a_folder_another_user_owns_is_refused_naming_them(folder: Path) -> None:
    path = folder / "config.toml"
    path.write_text("", encoding="utf-8")
    os.chown(folder, NOBODY, -1)
    line = refused(path)
    assert f"its folder {folder} is owned by nobody" in line and f"chown root {folder}" in line
