"""TZ as a real process: asked only when config.toml names no zone, honoured when it names a
zone exactly, refused in one line (exit 2, nothing written) when it is a POSIX rule or unknown."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Companion, snapshot

NO_ZONE = "[targets]\ndials = 40\n"
SUMMER_NOON = "2025-06-02T12:00"  # a Monday; New York is -04:00 then, Tokyo +09:00


@pytest.mark.parametrize("tz", ["EST5EDT,M3.2.0,M11.1.0", "Mars/Base"])
def test_a_tz_companion_cannot_follow_is_refused_and_nothing_is_written(
    companion: Companion, tz: str
) -> None:
    companion.write_config(NO_ZONE)
    before = snapshot(companion.home)
    result = companion.run("log", "no", "--at", SUMMER_NOON, env={"TZ": tz})
    assert result.returncode == 2, result.describe()
    assert result.stdout == ""
    [line] = result.stderr_lines
    assert line.startswith(f"companion: TZ is {tz!r}, "), line
    assert f'{companion.config} ([session] timezone = "America/New_York")' in line
    assert "TZ=America/New_York" in line
    assert "Traceback" not in result.stderr
    assert snapshot(companion.home) == before


@pytest.mark.parametrize(("tz", "offset"), [("America/New_York", "-04:00"), (":Asia/Tokyo", "+09:00")])
def test_a_zone_named_in_tz_is_the_day_s_zone(companion: Companion, tz: str, offset: str) -> None:
    companion.write_config(NO_ZONE)
    companion.ok("log", "no", "--at", SUMMER_NOON, env={"TZ": tz})
    [stored] = companion.outcome_lines()
    assert stored["at"] == f"{SUMMER_NOON}:00{offset}"


def test_a_zone_in_the_config_wins_over_a_tz_it_could_not_follow(companion: Companion) -> None:
    # The fixture's config names Europe/Berlin.
    companion.ok("log", "no", "--at", SUMMER_NOON, env={"TZ": "EST5EDT,M3.2.0,M11.1.0"})
    [stored] = companion.outcome_lines()
    assert stored["at"] == f"{SUMMER_NOON}:00+02:00"
