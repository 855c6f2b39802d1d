"""The computer's zone, read without pendulum (config.zone.system_zone_name): the same name
pendulum reads from the same files, and pendulum's own answer wherever the files do not say
it plainly. Each case is a made-up root folder, read by both."""

from __future__ import annotations

import zoneinfo
from pathlib import Path

import pytest
from pendulum.tz.local_timezone import _get_unix_timezone

from companion.config import zone as config_zone
from companion.core import calendar

ASKED_PENDULUM = "Asked/Pendulum"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the reader hands over to pendulum, it says so with a name no zone has."""
    monkeypatch.setattr(calendar, "system_zone_name", lambda: ASKED_PENDULUM)


def zone_file(name: str) -> Path:
    for root in zoneinfo.TZPATH:
        if (Path(root) / name).is_file():
            return Path(root) / name
    pytest.skip("no system zone files (zones come from the tzdata package)")


def root_with(tmp_path: Path, timezone: bytes | None = None, link_to: Path | None = None) -> Path:
    etc = tmp_path / "etc"
    etc.mkdir()
    if timezone is not None:
        (etc / "timezone").write_bytes(timezone)
    if link_to is not None:
        (etc / "localtime").symlink_to(link_to)
    return tmp_path


@pytest.mark.parametrize("text", [b"Europe/Berlin\n", b"America/New_York # the office\n", b"Asia/Tokyo"])
def test_debians_etc_timezone_names_the_zone_as_pendulum_reads_it(
    tmp_path: Path, asked: None, text: bytes
) -> None:
    root = root_with(tmp_path, timezone=text)
    assert config_zone.system_zone_name(str(root)) == _get_unix_timezone(str(root)).name != ASKED_PENDULUM


@pytest.mark.parametrize("name", ["Asia/Tokyo", "America/Argentina/Buenos_Aires", "Etc/UTC"])
def test_systemds_link_names_the_zone_as_pendulum_reads_it(tmp_path: Path, asked: None, name: str) -> None:
    root = root_with(tmp_path, link_to=zone_file(name))
    assert config_zone.system_zone_name(str(root)) == _get_unix_timezone(str(root)).name


def test_a_zone_file_in_etc_timezone_by_mistake_is_passed_over_for_the_link(
    tmp_path: Path, asked: None
) -> None:
    root = root_with(tmp_path, timezone=b"TZif2 not a name", link_to=zone_file("Europe/Paris"))
    assert config_zone.system_zone_name(str(root)) == "Europe/Paris" == _get_unix_timezone(str(root)).name


@pytest.mark.parametrize("case", ["nothing", "not a zone", "clock file", "copied, not linked", "not UTF-8"])
def test_what_the_files_do_not_say_plainly_is_pendulums_to_tell(
    tmp_path: Path, asked: None, case: str
) -> None:
    if case == "nothing":
        root = root_with(tmp_path)
    elif case == "not a zone":
        root = root_with(tmp_path, timezone=b"Mars/Olympus_Mons\n")
    elif case == "clock file":  # CentOS: pendulum reads /etc/sysconfig/clock before the link
        root = root_with(tmp_path, link_to=zone_file("Asia/Tokyo"))
        (root / "etc" / "sysconfig").mkdir()
        (root / "etc" / "sysconfig" / "clock").write_text('ZONE="Europe/Berlin"\n')
    elif case == "copied, not linked":
        root = root_with(tmp_path)
        (root / "etc" / "localtime").write_bytes(zone_file("Asia/Tokyo").read_bytes())
    else:
        root = root_with(tmp_path, timezone=b"Europe/\xffBerlin\n")
    assert config_zone.system_zone_name(str(root)) == ASKED_PENDULUM


def test_this_computers_zone_is_the_one_pendulum_names() -> None:
    assert config_zone.system_zone_name() == calendar.system_zone_name()
