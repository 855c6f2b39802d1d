"""The time zone when config.toml names none: TZ's, when Companion can follow it exactly, else
the computer's. A TZ it cannot follow is refused, never read as UTC."""

from __future__ import annotations

import os
import re
import sys
import zoneinfo
from pathlib import Path

from companion.core import calendar
from companion.core.calendar import zone
from companion.errors import CompanionError

# TZ as a POSIX rule with no summer time ("UTC0", "EST5", "<+07>-7"): one offset all year.
_FIXED_RULE = re.compile(r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)([+-]?)(\d{1,2})(?::00(?::00)?)?")
_SHOWN_TZ = 60  # characters of a refused TZ shown back


def default_zone_name(config_file: Path | None) -> str:
    """The zone when config.toml names none: TZ's when it is set, else the system's. A TZ
    Companion cannot follow exactly is refused with a CompanionError saying how to fix it: read
    as UTC, as it once was, it would put calls on the wrong day unseen."""
    value = os.environ.get("TZ", "")
    # POSIX: a leading colon marks a zone name or file. Empty is taken as unset, as before.
    name = value.removeprefix(":")
    if not name:
        return system_zone_name()
    key = _zone_key(name)
    if key is not None:
        return key
    if _FIXED_RULE.match(name):
        what = "a POSIX rule, not a zone name Companion can follow"
    elif name.startswith("/"):
        what = "a file Companion cannot match to a zone name"
    else:
        what = "not a time zone Companion knows"
    shown = value if len(value) <= _SHOWN_TZ else value[:_SHOWN_TZ] + "…"
    where = (
        f'{config_file} ([session] timezone = "America/New_York") or in ' if config_file is not None else ""
    )
    raise CompanionError(f"TZ is {shown!r}, {what}; name your zone in {where}TZ (TZ=America/New_York)")


def system_zone_name(root: str = "/") -> str:
    """The computer's own IANA zone name (core.calendar.system_zone_name), read the way
    pendulum reads it where that is a file or a link to look at (Linux, the BSDs, macOS): a
    command a status bar runs every few seconds never imports pendulum and dateutil (about 20
    ms) to learn it. Anything else (Windows, a CentOS or Gentoo clock file, /etc/localtime
    copied rather than linked, a name that is no zone) is pendulum's to tell, as before."""
    if sys.platform == "win32":
        return calendar.system_zone_name()
    etc = Path(root) / "etc"
    if sys.platform == "darwin":  # /etc/localtime -> /var/db/timezone/zoneinfo/Europe/Berlin
        try:
            link = str((etc / "localtime").readlink())
        except OSError:
            return calendar.system_zone_name()
        name = link[link.rfind("zoneinfo/") + 9 :]
        return name if _known(name) else calendar.system_zone_name()
    try:
        with (etc / "timezone").open("rb") as handle:  # Debian's, read first as pendulum does
            data = handle.read(4096)
    except FileNotFoundError:
        return _linked_zone(etc)
    except OSError:
        return calendar.system_zone_name()
    if data.startswith(b"TZif2"):  # a zone file put there by mistake: pendulum reads past it
        return _linked_zone(etc)
    try:
        name = data.strip().decode().partition(" ")[0].partition("#")[0].replace(" ", "_")
    except UnicodeDecodeError:
        return calendar.system_zone_name()
    return name if _known(name) else calendar.system_zone_name()


def _linked_zone(etc: Path) -> str:
    """systemd's /etc/localtime, a link to the zone's file: the shortest end of its path that
    names a zone, as pendulum takes it. What is not that is pendulum's to read."""
    if (etc / "sysconfig" / "clock").exists() or (etc / "conf.d" / "clock").exists():
        return calendar.system_zone_name()  # CentOS, OpenSUSE, Gentoo: pendulum reads these first
    link = etc / "localtime"
    if not (link.is_symlink() and link.is_file()):
        return calendar.system_zone_name()
    parts = [part.replace(" ", "_") for part in link.resolve().parts]
    for start in range(len(parts) - 1, -1, -1):
        name = "/".join(parts[start:])
        if _known(name):
            return name
    return calendar.system_zone_name()


def _zone_key(name: str) -> str | None:
    """The IANA key a TZ value names exactly, or None."""
    if name.startswith("/"):  # a zone file: exact when it lies in the zone folders
        real = os.path.realpath(name)
        for root in zoneinfo.TZPATH:
            base = os.path.realpath(root) + os.sep
            if real.startswith(base) and _known(key := real[len(base) :]):
                return key
        return None
    if _known(name):
        return name
    fixed = _FIXED_RULE.fullmatch(name)
    if fixed is None:
        return None
    # POSIX counts hours west of Greenwich, as the Etc/GMT zones do: EST5 is Etc/GMT+5.
    sign, hours = fixed.group(1) or "+", int(fixed.group(2))
    key = "UTC" if hours == 0 else f"Etc/GMT{sign}{hours}"
    return key if _known(key) else None


def _known(name: str) -> bool:
    try:
        zone(name)
    except ValueError:
        return False
    return True
