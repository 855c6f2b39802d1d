"""config.toml as `companion log` and `dial` read it (load_config_forgiving): never refused, so a
dialer's call is never lost to it. A file that cannot be read, is not TOML or another user could
have written gives the built-in settings and the zone of a file naming none (TZ, else the
computer's), nothing of it used, not its hook; a wrong value in the rep's own file takes its
built-in value and the rest still counts. Always one line saying what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.config import Config, load_config_forgiving
from companion.core.outcomes import Outcome
from companion.paths import Paths

HOOK = 'on_event = "tee -a calls.jsonl"'
MINE = f'[session]\ntimezone = "Asia/Kolkata"\n[hooks]\n{HOOK}\n[dispositions]\n"Left VM" = "voicemail"\n'


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the zone a config naming none gets
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    return Paths(config_dir=home, data_dir=home / "data")


def built_in() -> Config:
    return Config(timezone="Asia/Tokyo")


def write(paths: Paths, text: str) -> Path:
    paths.config_file.write_text(text, encoding="utf-8")
    return paths.config_file


def test_a_good_file_is_read_whole_with_nothing_to_say(paths: Paths) -> None:
    write(paths, MINE)
    config, problem = load_config_forgiving(paths)
    assert problem is None
    assert config.timezone == "Asia/Kolkata" and config.on_event == "tee -a calls.jsonl"


def test_a_missing_file_is_written_and_read_as_the_defaults(paths: Paths) -> None:
    assert load_config_forgiving(paths) == (built_in(), None)
    assert paths.config_file.exists()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        pytest.param(lambda p: p.write_text(MINE + "[ui\n"), "not valid TOML", id="not-toml"),
        pytest.param(lambda p: os.mkfifo(p), "a FIFO", id="fifo"),
        pytest.param(lambda p: p.symlink_to("/dev/zero"), "a device", id="dev-zero"),
        pytest.param(
            lambda p: p.write_text(MINE + "x = " + "[" * 500 + "]" * 500, encoding="utf-8"),
            "nested more than 16 deep",
            id="500-deep",
        ),
        pytest.param(
            lambda p: p.write_text(MINE + "[targets]\ndials = " + "9" * 5000, encoding="utf-8"),
            "4,300 digits",
            id="5000-digits",
        ),
        pytest.param(
            lambda p: p.write_text(MINE + "#" * 2 * 1024 * 1024, encoding="utf-8"), "2.0 MB", id="2-MB"
        ),
        pytest.param(lambda p: (p.write_text(MINE), p.chmod(0o666)), "mode 0666", id="0666"),
    ],
)
def test_a_file_that_cannot_be_used_gives_the_built_in_settings_and_says_why(
    paths: Paths, make: object, said: str
) -> None:
    """Nothing of it counts, not even its zone or its hook: the TZ zone, and no hook at all."""
    assert callable(make)
    make(paths.config_file)
    config, problem = load_config_forgiving(paths)
    assert config == built_in()
    assert problem is not None and "\n" not in problem
    assert problem.startswith(f"{paths.config_file}: ") and said in problem
    assert problem.endswith("this command uses the built-in settings (time zone Asia/Tokyo)")


def test_in_a_folder_others_may_write_the_file_is_not_used_not_its_hook(paths: Paths) -> None:
    write(paths, MINE)
    paths.config_dir.chmod(0o777)
    config, problem = load_config_forgiving(paths)
    assert config.on_event == "" and config == built_in()
    assert problem is not None and f"chmod go-w {paths.config_dir}" in problem


def test_a_wrong_value_in_the_reps_own_file_costs_only_itself(paths: Paths) -> None:
    write(paths, MINE + '[ui]\nbell = "loud"\n')
    config, problem = load_config_forgiving(paths)
    assert config.bell is False
    assert config.timezone == "Asia/Kolkata" and config.on_event == "tee -a calls.jsonl"
    assert config.dispositions == (("Left VM", Outcome.VOICEMAIL),)
    assert problem == (
        f"{paths.config_file}: [ui] bell must be true or false (got 'loud'); "
        "this command uses the built-in value in its place"
    )


def test_an_unknown_zone_takes_the_zone_of_a_file_naming_none(paths: Paths) -> None:
    write(paths, '[session]\ntimezone = "Mars/Olympus_Mons"\n[targets]\ndials = 55\n')
    config, problem = load_config_forgiving(paths)
    assert config.timezone == "Asia/Tokyo" and config.targets.dials == 55
    assert problem is not None and "Mars/Olympus_Mons" in problem


def test_unknown_names_are_passed_over_and_each_mistake_counted(paths: Paths) -> None:
    write(paths, '[colours]\nred = 1\n[targets]\ncalls = 4\ndials = 50\n[ui]\nplain = "yes"\nsession = 3\n')
    config, problem = load_config_forgiving(paths)
    assert config.targets.dials == 50 and config.plain is False
    assert problem is not None and "unknown section [colours] (and 3 more)" in problem


def test_a_section_that_is_not_a_table_is_passed_over(paths: Paths) -> None:
    write(paths, 'targets = "dials"\n[session]\ntimezone = "Asia/Kolkata"\n')
    config, problem = load_config_forgiving(paths)
    assert config.targets == Config().targets and config.timezone == "Asia/Kolkata"
    assert problem is not None and "[targets] must be a table" in problem


def test_a_bad_word_in_dispositions_costs_only_itself(paths: Paths) -> None:
    write(paths, '[dispositions]\n"DNC" = "maybe"\n"Left VM" = "voicemail"\n"Busy Line" = "no-answer"\n')
    config, problem = load_config_forgiving(paths)
    assert config.dispositions == (("Left VM", Outcome.VOICEMAIL), ("Busy Line", Outcome.NO_ANSWER))
    assert problem is not None and '"DNC" maps to an unknown outcome "maybe"' in problem


def test_two_words_that_clash_keep_the_first(paths: Paths) -> None:
    write(paths, '[dispositions]\n"Send-Info" = "callback"\n"SEND_INFO" = "no"\n"DNC" = "no"\n')
    config, problem = load_config_forgiving(paths)
    assert config.dispositions == (("Send-Info", Outcome.CALLBACK), ("DNC", Outcome.NO))
    assert problem is not None and "again" in problem
