"""config.toml -> a frozen Config. Every key is optional; a bad one is one clear error naming the
file, the key and what is valid. The file is written with comments when missing, never rewritten."""

from __future__ import annotations

import os
import re
import tomllib
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.breath import DEFAULT_BREATH
from companion.core.calendar import system_zone_name, zone
from companion.core.events import Event
from companion.core.numbers import Targets
from companion.core.outcomes import VALID_NAMES, Outcome
from companion.core.ritual import RitualSchedule
from companion.core.tags import has_control
from companion.errors import CompanionError
from companion.paths import Paths, private_dir

DEFAULT_THEME = "companion-calm"
OUTSIDE = ("reset", "count")
MOTION = ("full", "reduced")


@dataclass(frozen=True, slots=True)
class RitualConfig:
    breathe_s: float = 10.0
    reframe_s: float = 5.0
    review_s: float = 5.0
    after: frozenset[Outcome] = frozenset({Outcome.NO})
    # The long reset after a hard no (N) puts these first.
    perspective_s: float = 20.0
    so_what_s: float = 20.0
    story_s: float = 30.0
    breath: tuple[float, float] = DEFAULT_BREATH  # seconds in, seconds out
    own_reframes: tuple[str, ...] = ()  # the rep's lines from reframes.txt
    outside: str = "reset"  # a no logged by another process for now: "reset" opens one, "count" counts

    def schedule(self, call: Event) -> RitualSchedule | None:
        """The reset after `call`, laid out from its time; None when it starts none. A hard no
        gets the long reset."""
        if not self.follows(call) or (self.outside == "count" and call.source != "app"):
            return None  # (a call logged elsewhere only counts, when the rep said so)
        long_s = (self.perspective_s, self.so_what_s, self.story_s) if call.hard else None
        return RitualSchedule(call.at, self.breathe_s, self.reframe_s, self.review_s, long_s)

    def follows(self, call: Event) -> bool:
        """True when a reset starts after this call: its outcome is in `after` (empty turns the
        reset off), or it is a hard no, which asked for the long reset by name."""
        return bool(call.hard) or (call.outcome is not None and call.outcome in self.after)


@dataclass(frozen=True, slots=True)
class Config:
    targets: Targets = field(default_factory=Targets)
    block_minutes: int = 90
    timezone: str = "UTC"
    ritual: RitualConfig = field(default_factory=RitualConfig)
    theme: str = DEFAULT_THEME
    bell: bool = False
    motion: str = "full"  # "reduced": nothing moves; the breath in words, repaints only on a change
    plain: bool = False  # words instead of bars, blocks, braille and box drawing
    warmup: bool = False  # offer the warm-up when the day's first block starts
    keys: tuple[tuple[str, str], ...] = ()  # [keys]: binding id -> key(s), checked by the app
    on_event: str = ""  # [hooks]: a command run for each stored event, the event on its stdin
    hook_timeout_s: float = 20.0


def default_text() -> str:
    """The commented config.toml written when there is none: every value is Config's default,
    so the file and the code never disagree."""
    d = Config()
    after = ", ".join(f'"{o.value}"' for o in sorted(d.ritual.after))
    return f"""\
# Companion settings. Every key is optional: delete a line to go back to its default.

[targets]
# What today should bring. Rejections have no target: they are part of the numbers game.
dials = {d.targets.dials}
conversations = {d.targets.conversations}
meetings = {d.targets.meetings}

[session]
# Length of one calling block, in minutes.
block_minutes = {d.block_minutes}
# Your time zone (an IANA name such as "Europe/Berlin"); a day is a calendar day here.
# Leave it out to use this computer's zone.
# timezone = "America/New_York"
# Open the two-minute warm-up (wins, today's expected no's, one skill) beside the counters
# when the day's first block starts. The o key opens it any time.
warmup = {"true" if d.warmup else "false"}

[ritual]
# Seconds for each step of the reset after a bad call; the Dial step waits for you.
breathe_s = {d.ritual.breathe_s:g}
reframe_s = {d.ritual.reframe_s:g}
review_s = {d.ritual.review_s:g}
# Which outcomes start the reset. after = [] turns it off.
after = [{after}]
# The long reset after a hard no (N, or companion log no --hard) puts three steps first:
# perspective, "so what" at a week, a month and a career, and naming the story.
perspective_s = {d.ritual.perspective_s:g}
so_what_s = {d.ritual.so_what_s:g}
story_s = {d.ritual.story_s:g}
# Your breathing pattern in the Breathe step: seconds in, seconds out. Whole breaths are paced
# to fill breathe_s, ending on a breath out.
breath = [{d.ritual.breath[0]:g}, {d.ritual.breath[1]:g}]
# A no your dialer logs (companion log no) for now: "reset" opens the reset in the open app,
# "count" only counts it.
outside = "{d.ritual.outside}"
# Your own reframe lines go in reframes.txt beside this file, one a line.

[hooks]
# A command run for every event this app or `companion log` stores, with the event as one JSON
# line on its stdin. It never delays a call; failures go to hooks.log in the data folder.
# on_event = "tee -a ~/companion-events.jsonl"
# timeout_s = {d.hook_timeout_s:g}

[ui]
# Colour theme: `companion themes` lists them. Your own go in the themes/ folder beside this file.
theme = "{d.theme}"
# A terminal bell on each step change. Off by default: a beep can leak into a live call.
bell = {"true" if d.bell else "false"}
# "reduced": nothing on screen moves; the breath is shown in words (also: --reduced-motion).
motion = "{d.motion}"
# true: words and plain characters only, no bars, blocks or box lines (for screen readers).
plain = {"true" if d.plain else "false"}
"""


_KEYS: dict[str, frozenset[str]] = {
    "targets": frozenset({"dials", "conversations", "meetings"}),
    "session": frozenset({"block_minutes", "timezone", "warmup"}),
    "ritual": frozenset(
        {
            "breathe_s",
            "reframe_s",
            "review_s",
            "after",
            "perspective_s",
            "so_what_s",
            "story_s",
            "breath",
            "outside",
        }
    ),
    "ui": frozenset({"theme", "bell", "motion", "plain"}),
    "keys": frozenset(),  # any binding id: the app knows them (companion.tui.keymap)
    "hooks": frozenset({"on_event", "timeout_s"}),
}


def ensure_config_file(paths: Paths) -> Path:
    """Write the commented default config if there is none; never touch an existing one."""
    path = paths.config_file
    if path.exists():
        return path
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(default_text())
    return path


def load_config(paths: Paths, theme_names: Callable[[], list[str]] | None = None) -> Config:
    """Read config.toml (creating it when missing). CompanionError on any bad value."""
    path = ensure_config_file(paths)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CompanionError(f"{path}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CompanionError(f"{path}: cannot be read ({error})") from None
    return parse_config(raw, path, theme_names)


def parse_config(
    raw: dict[str, Any], path: Path, theme_names: Callable[[], list[str]] | None = None
) -> Config:
    """Validate parsed TOML into a Config."""
    check = _Checker(path)
    for section, value in raw.items():
        if section not in _KEYS:
            raise check.fail(f"unknown section [{section}]; valid sections: {_names(_KEYS)}")
        if not isinstance(value, dict):
            raise check.fail(f"[{section}] must be a table")
        for key in value:
            if section != "keys" and key not in _KEYS[section]:
                raise check.fail(f"unknown key [{section}] {key}; valid keys: {_names(_KEYS[section])}")
    targets = raw.get("targets", {})
    session = raw.get("session", {})
    ritual = raw.get("ritual", {})
    ui = raw.get("ui", {})
    defaults = Config()
    # A zone in the file wins; TZ is asked only when the file names none.
    timezone = session["timezone"] if "timezone" in session else default_zone_name(path)
    if not isinstance(timezone, str):
        raise check.fail('[session] timezone must be text such as "Europe/Berlin"')
    try:
        zone(timezone)
    except ValueError:
        raise check.fail(
            f'[session] timezone: unknown time zone "{timezone}"; '
            'use an IANA name such as "Europe/Berlin" or "America/New_York"'
        ) from None
    theme = ui.get("theme", defaults.theme)
    if not isinstance(theme, str):
        raise check.fail("[ui] theme must be text")
    if theme_names is not None and theme not in (names := theme_names()):
        raise check.fail(f'[ui] theme: unknown theme "{theme}"; valid themes: {", ".join(names)}')
    return Config(
        targets=Targets(
            dials=check.count(targets, "targets", "dials", defaults.targets.dials),
            conversations=check.count(targets, "targets", "conversations", defaults.targets.conversations),
            meetings=check.count(targets, "targets", "meetings", defaults.targets.meetings),
        ),
        block_minutes=check.count(session, "session", "block_minutes", defaults.block_minutes, minimum=1),
        timezone=timezone,
        ritual=RitualConfig(
            breathe_s=check.seconds(ritual, "breathe_s", defaults.ritual.breathe_s),
            reframe_s=check.seconds(ritual, "reframe_s", defaults.ritual.reframe_s),
            review_s=check.seconds(ritual, "review_s", defaults.ritual.review_s),
            after=check.outcomes(ritual.get("after", [o.value for o in defaults.ritual.after])),
            perspective_s=check.seconds(ritual, "perspective_s", defaults.ritual.perspective_s),
            so_what_s=check.seconds(ritual, "so_what_s", defaults.ritual.so_what_s),
            story_s=check.seconds(ritual, "story_s", defaults.ritual.story_s),
            breath=check.breath(ritual.get("breath", list(defaults.ritual.breath))),
            outside=check.choice(ritual, "ritual", "outside", defaults.ritual.outside, OUTSIDE),
        ),
        theme=theme,
        bell=check.flag(ui, "ui", "bell", defaults.bell),
        motion=check.choice(ui, "ui", "motion", defaults.motion, MOTION),
        plain=check.flag(ui, "ui", "plain", defaults.plain),
        warmup=check.flag(session, "session", "warmup", defaults.warmup),
        keys=check.keys(raw.get("keys", {})),
        on_event=check.command(raw.get("hooks", {}), "on_event"),
        hook_timeout_s=check.seconds(raw.get("hooks", {}), "timeout_s", defaults.hook_timeout_s, "hooks", 1),
    )


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


class _Checker:
    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, message: str) -> CompanionError:
        return CompanionError(f"{self.path}: {message}")

    def count(self, table: dict[str, Any], section: str, key: str, default: int, minimum: int = 0) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(f"[{section}] {key} must be a whole number >= {minimum} (got {value!r})")
        return value

    def seconds(
        self, table: dict[str, Any], key: str, default: float, section: str = "ritual", least: float = 0
    ) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not least <= value <= 600:
            raise self.fail(
                f"[{section}] {key} must be a number of seconds from {least:g} to 600 (got {value!r})"
            )
        return float(value)

    def flag(self, table: dict[str, Any], section: str, key: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"[{section}] {key} must be true or false (got {value!r})")
        return value

    def command(self, table: dict[str, Any], key: str) -> str:
        value = table.get(key, "")
        if not isinstance(value, str) or len(value) > 2000 or has_control(value):
            raise self.fail(
                f'[hooks] {key} must be a shell command such as "tee -a ~/calls.jsonl" (got {value!r})'
            )
        return value

    def keys(self, table: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        for binding_id, value in table.items():
            if not isinstance(value, str) or not 0 < len(value) <= 40 or has_control(value):
                raise self.fail(f'[keys] {binding_id} must be a key such as "j" or "ctrl+j" (got {value!r})')
        return tuple(table.items())

    def choice(
        self, table: dict[str, Any], section: str, key: str, default: str, valid: tuple[str, ...]
    ) -> str:
        value = table.get(key, default)
        if value not in valid:
            raise self.fail(f"[{section}] {key} must be one of {', '.join(map(repr, valid))} (got {value!r})")
        return str(value)

    def breath(self, value: Any) -> tuple[float, float]:
        numbers = isinstance(value, list) and all(
            not isinstance(v, bool) and isinstance(v, int | float) and 0.5 <= v <= 20 for v in value
        )
        if not numbers or len(value) != 2:
            raise self.fail(
                f"[ritual] breath must be seconds in and out, each from 0.5 to 20, "
                f"such as [4, 6] (got {value!r})"
            )
        return float(value[0]), float(value[1])

    def outcomes(self, value: Any) -> frozenset[Outcome]:
        if not isinstance(value, list):
            raise self.fail(f'[ritual] after must be a list such as ["no"] (got {value!r})')
        chosen = set()
        for item in value:
            if not isinstance(item, str) or item not in VALID_NAMES:
                raise self.fail(
                    f"[ritual] after: unknown outcome {item!r}; valid outcomes: {', '.join(VALID_NAMES)}"
                )
            chosen.add(Outcome(item))
        return frozenset(chosen)


REFRAMES_FILE = "reframes.txt"
_REFRAMES_MAX_BYTES = 256 * 1024


def own_key(keys: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key the rep presses for `binding_id`: their own from `[keys]` (the first, when they
    gave several), else `default`. For the words the app says, such as "Press s again"."""
    mine = keys.get(binding_id)
    return mine.split(",")[0].strip() if mine else default


def with_own_reframes(config: Config, paths: Paths) -> Config:
    """`config` with the rep's reframe lines from reframes.txt beside config.toml. Only the app
    reads them: a bad line stops the app at start (CompanionError), never a logged call."""
    from dataclasses import replace

    lines = own_reframes(paths.config_file.parent / REFRAMES_FILE)
    return replace(config, ritual=replace(config.ritual, own_reframes=lines)) if lines else config


def own_reframes(path: Path) -> tuple[str, ...]:
    """The rep's own reframe lines, from `path`; none when there is no file. Untrusted like
    every file: bounded in size, each line checked (core.reframes)."""
    from companion.core.reframes import ReframesError, parse_own_reframes

    try:
        with path.open("rb") as handle:
            raw = handle.read(_REFRAMES_MAX_BYTES + 1)
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise CompanionError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(raw) > _REFRAMES_MAX_BYTES:
        too_long = f"longer than {_REFRAMES_MAX_BYTES // 1024} KB; keep one short line a reframe"
        raise CompanionError(f"{path}: {too_long}")
    try:
        return parse_own_reframes(raw.decode("utf-8"), str(path))
    except UnicodeDecodeError:
        raise CompanionError(f"{path}: not UTF-8 text") from None
    except ReframesError as error:
        raise CompanionError(str(error)) from None


def _names(keys: Any) -> str:
    return ", ".join(sorted(keys))
