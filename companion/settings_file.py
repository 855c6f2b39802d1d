"""The one reader of the files Companion reads for its settings: config.toml (and so the hook it
names), the user's themes and reframes.txt. Each is as untrusted as an import:

- a regular file only, opened so a FIFO cannot block (O_NONBLOCK, then fstat); a link is followed
  to a file, never to a device, a FIFO or a folder;
- at most `limit` bytes, checked before a byte is read (a 200 MB file costs one fstat);
- TOML bounded: 16 arrays or tables inside each other at most, whole numbers 64-bit as TOML says
  (and Python's own digit limit caught), a BOM taken as Notepad writes it;
- read only when no other user could have written it, as ssh refuses a loose authorized_keys:
  the file and each folder above it, up to the home folder (else the root), owned by the user
  or root and writable by no one else (a sticky folder such as /tmp holds no risk; nor does
  write access for a group that is the user's own private group).

Every refusal is one SettingsFileError line: the file, what is wrong, and the fix."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from companion.errors import CompanionError

KB = 1024
CONFIG_LIMIT = 256 * KB  # a config with 500 dialer words is 30 KB; tomllib reads 256 KB in 0.2 s
THEME_LIMIT = 64 * KB
REFRAMES_LIMIT = 256 * KB
TOML_DEPTH = 16  # arrays and tables inside each other; a settings file needs three
INT_LIMIT = 2**63  # TOML's whole numbers are 64-bit: one beyond is refused, as its spec says
_SHOWN_KEY = 60  # characters of a key path shown in a message


class SettingsFileError(CompanionError):
    """A settings file Companion will not read. `problem` is what is wrong and how to fix it,
    without the file's name (a theme's line names it shorter); str() is the whole line."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def read_text(path: Path, limit: int) -> str | None:
    """The text of the settings file at `path`, or None when nothing is there.
    SettingsFileError when it is not a regular file, larger than `limit` bytes, not UTF-8, or
    another user could have written it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        if path.is_symlink():
            raise SettingsFileError(path, f"a link to {path.readlink()}, which is not there") from None
        return None
    except OSError as error:
        raise SettingsFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        facts = os.fstat(fd)
        _check_kind(path, facts)
        if facts.st_size > limit:
            raise SettingsFileError(path, _too_large(facts.st_size, limit))
        loose = who_else_could_write(path, facts)
        if loose is not None:
            raise SettingsFileError(path, loose)
        data = _read_at_most(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while read, or says it is empty (a /proc file)
        raise SettingsFileError(path, _too_large(len(data), limit))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start]
        raise SettingsFileError(path, f"not UTF-8 text (byte 0x{bad:02x} on line {line})") from None
    return text.removeprefix("\ufeff")  # a BOM, as Windows editors write it


def parse_toml(text: str, where: Path | str) -> dict[str, Any]:
    """`text` as TOML, bounded in depth and in its numbers. SettingsFileError naming `where`."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsFileError(where, f"not valid TOML ({error})") from None
    except RecursionError:  # tomllib recurses once per array or inline table
        raise SettingsFileError(where, _too_deep()) from None
    except ValueError:  # Python reads no whole number of more than 4,300 digits
        raise SettingsFileError(where, _too_big("holds a whole number of more than 4,300 digits")) from None
    _check_bounds(raw, where)
    return raw


def who_else_could_write(path: Path, facts: os.stat_result) -> str | None:
    """What would let another user have written the file at `path` (its `facts` from fstat),
    with the fix; None when only the user (or root) could have."""
    me = os.geteuid()
    if facts.st_uid not in (me, 0):
        return _not_yours("it is", path, facts, me)
    if _others_may_write(facts, me):
        return _loose("to it", path, facts)
    for folder in _folders_above(path):
        try:
            held = folder.stat()
        except OSError:
            continue
        if held.st_uid not in (me, 0):
            return _not_yours(f"its folder {folder} is", folder, held, me)
        if _others_may_write(held, me) and not held.st_mode & stat.S_ISVTX:
            return _loose(f"to its folder {folder}", folder, held)
    return None


def _check_kind(path: Path, facts: os.stat_result) -> None:
    mode = facts.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a FIFO (a named pipe)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "not a regular file"
    if path.is_symlink():
        what += f" (it links to {path.resolve()})"
    raise SettingsFileError(path, f"{what}; Companion reads its settings from a regular file only")


def _read_at_most(fd: int, count: int) -> bytes:
    parts: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 64 * KB))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _check_bounds(raw: dict[str, Any], where: Path | str) -> None:
    """Refuse a value nested deeper than TOML_DEPTH or a whole number beyond 64 bits. Walked
    without recursion: dotted keys (a.a.a… = 1) nest tables without tomllib recursing."""
    stack: list[tuple[object, int, str]] = [(raw, 0, "")]
    while stack:
        value, depth, key = stack.pop()
        if isinstance(value, dict | list):
            if depth >= TOML_DEPTH:
                raise SettingsFileError(where, _too_deep())
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for name, inner in items:
                inner_key = f"{key}[{name}]" if isinstance(name, int) else f"{key}.{name}" if key else name
                stack.append((inner, depth + 1, inner_key))
        elif isinstance(value, int) and not -INT_LIMIT <= value < INT_LIMIT:
            shown_key = key if len(key) <= _SHOWN_KEY else key[: _SHOWN_KEY - 1] + "…"
            digits = len(str(abs(value)))
            raise SettingsFileError(where, _too_big(f"{shown_key} is a whole number of {digits:,} digits"))


def _too_deep() -> str:
    return f"holds arrays or tables nested more than {TOML_DEPTH} deep; a setting needs three at most"


def _too_big(what: str) -> str:
    return f"{what}; TOML's whole numbers are 64-bit (up to 19 digits)"


def _too_large(size: int, limit: int) -> str:
    return f"{_size(size)}, larger than the {_size(limit)} a settings file may be; nothing of it was read"


def _size(count: int) -> str:
    if count >= KB * KB:
        return f"{count / (KB * KB):.1f} MB"
    return f"{count / KB:.0f} KB" if count >= KB else f"{count} bytes"


def _others_may_write(facts: os.stat_result, me: int) -> bool:
    if facts.st_mode & stat.S_IWOTH:
        return True
    return bool(facts.st_mode & stat.S_IWGRP) and not _private_group(facts.st_gid, me)


def _private_group(gid: int, me: int) -> bool:
    """True when group `gid` is the user's own private group (named as the user, their primary
    group, no other member listed), as umask 002 systems give every user: its write bit lets
    no one else in (Debian's ssh allows it for the same reason)."""
    import grp
    import pwd

    try:
        user, group = pwd.getpwuid(me), grp.getgrgid(gid)
    except KeyError:
        return False
    return gid == user.pw_gid and group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}


def _folders_above(path: Path) -> list[Path]:
    """The folders holding `path`, as named and as its links resolve, from the nearest up to the
    home folder when it lies inside it, else up to the root."""
    home = _home()
    found: list[Path] = []
    for start in (path.absolute().parent, path.resolve().parent):
        for folder in (start, *start.parents):
            if folder not in found:
                found.append(folder)
            if home is not None and folder in home:
                break
    return found


def _home() -> tuple[Path, ...] | None:
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None
    return (home.absolute(), home.resolve())


def _not_yours(what: str, path: Path, facts: os.stat_result, me: int) -> str:
    mine, owner = _user(me), _user(facts.st_uid)
    fix = f"chown {mine} {_quoted(path)}"
    return f"{what} owned by {owner}, not by you ({mine}; mode {_mode(facts)}), so it is not used; {fix}"


def _loose(what: str, path: Path, facts: os.stat_result) -> str:
    held = f"owner {_user(facts.st_uid)}, mode {_mode(facts)}"
    return f"other users can write {what} ({held}), so it is not used; chmod go-w {_quoted(path)}"


def _user(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


def _mode(facts: os.stat_result) -> str:
    return f"{stat.S_IMODE(facts.st_mode):04o}"


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
