"""TZ, asked only when config.toml names no zone: a zone it names exactly is honoured; a POSIX
rule, an unknown name or a stray file is refused with one line saying how to fix it, never
quietly read as UTC."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import pytest

from companion.config import default_zone_name, load_config
from companion.core.calendar import system_zone_name
from companion.errors import CompanionError
from companion.paths import Paths

NO_ZONE = "[targets]\ndials = 40\n"


def home_with(tmp_path: Path, text: str) -> Paths:
    paths = Paths(config_dir=tmp_path / "home", data_dir=tmp_path / "home" / "data")
    paths.config_dir.mkdir()
    paths.config_file.write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    ("tz", "key"),
    [
        ("America/New_York", "America/New_York"),
        (":America/New_York", "America/New_York"),
        ("EST5EDT", "EST5EDT"),  # an IANA name too, though it looks like a rule
        ("UTC", "UTC"),
        ("UTC0", "UTC"),
        (":GMT+0", "GMT+0"),
        ("EST5", "Etc/GMT+5"),  # no summer time: one offset all year, 5 hours west
        ("<+09>-9", "Etc/GMT-9"),
    ],
)
def test_a_zone_tz_names_exactly_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tz: str, key: str
) -> None:
    monkeypatch.setenv("TZ", tz)
    assert load_config(home_with(tmp_path, NO_ZONE)).timezone == key


@pytest.mark.parametrize(
    ("tz", "what"),
    [
        ("EST5EDT,M3.2.0,M11.1.0", "a POSIX rule, not a zone name Companion can follow"),
        ("CET-1CEST,M3.5.0,M10.5.0/3", "a POSIX rule, not a zone name Companion can follow"),
        (
            "<+0530>-5:30",
            "a POSIX rule, not a zone name Companion can follow",
        ),  # no zone keeps this fixed offset
        ("Mars/Base", "not a time zone Companion knows"),
        (":Mars/Base", "not a time zone Companion knows"),
        ("../../etc/passwd", "not a time zone Companion knows"),
        ("/no/such/zone", "a file Companion cannot match to a zone name"),
    ],
)
def test_a_tz_companion_cannot_follow_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tz: str, what: str
) -> None:
    monkeypatch.setenv("TZ", tz)
    paths = home_with(tmp_path, NO_ZONE)
    with pytest.raises(CompanionError) as caught:
        load_config(paths)
    message = str(caught.value)
    assert message.startswith(f"TZ is {tz!r}, {what}; ")
    assert f'{paths.config_file} ([session] timezone = "America/New_York")' in message
    assert "TZ (TZ=America/New_York)" in message
    assert "\n" not in message
    assert paths.config_file.read_text(encoding="utf-8") == NO_ZONE


def test_a_zone_in_the_file_wins_over_any_tz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    paths = home_with(tmp_path, '[session]\ntimezone = "Europe/Berlin"\n')
    assert load_config(paths).timezone == "Europe/Berlin"


@pytest.mark.parametrize("tz", [None, "", ":"])
def test_without_tz_the_system_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tz: str | None
) -> None:
    if tz is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", tz)
    assert load_config(home_with(tmp_path, NO_ZONE)).timezone == system_zone_name()


def test_a_zone_file_is_honoured_by_its_name_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = [
        Path(root) / "Asia" / "Tokyo" for root in zoneinfo.TZPATH if (Path(root) / "Asia" / "Tokyo").is_file()
    ]
    if not found:
        pytest.skip("no system zone files (zones come from the tzdata package)")
    link = tmp_path / "localtime"
    link.symlink_to(found[0])  # how /etc/localtime names the system's zone
    monkeypatch.setenv("TZ", f":{link}")
    assert default_zone_name(None) == "Asia/Tokyo"
    monkeypatch.setenv("TZ", str(found[0]))
    assert default_zone_name(None) == "Asia/Tokyo"


def test_a_refused_tz_is_shown_escaped_and_short(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "\x1b[31mMars" + "x" * 500)
    with pytest.raises(CompanionError) as caught:
        default_zone_name(None)
    message = str(caught.value)
    assert "\x1b" not in message and "\\x1b[31mMars" in message
    assert len(message) < 200 and "…" in message
    # Without a config file (the demo's is thrown away) the fix is TZ alone.
    assert message.endswith("; name your zone in TZ (TZ=America/New_York)")
