"""config.toml: defaults, the commented file written when missing, and one clear message per
broken file (naming the file, the key and what is valid) that leaves the file as it was."""

from __future__ import annotations

import shutil
import stat
import tomllib
from pathlib import Path

import pytest

from companion.config import Config, RitualConfig, default_text, load_config, parse_config
from companion.core.calendar import system_zone_name
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.errors import CompanionError
from companion.paths import Paths
from companion.themes import load_themes

DATA = Path(__file__).parent.parent / "data" / "config"
WRITTEN = DATA / "written" / "config.toml"  # the file a fresh home gets, byte for byte
OUTCOME_NAMES = ("no", "meeting", "callback", "not-fit", "gatekeeper", "voicemail", "no-answer")


def paths_in(home: Path) -> Paths:
    return Paths(config_dir=home, data_dir=home / "data")


def load(paths: Paths) -> Config:
    return load_config(paths, lambda: load_themes(paths.themes_dir).names())


def with_config(tmp_path: Path, text: str) -> Paths:
    paths = paths_in(tmp_path / "home")
    paths.config_dir.mkdir()
    paths.config_file.write_text(text, encoding="utf-8")
    return paths


# -- broken files --------------------------------------------------------------------------

# file -> what the one-line message must mention besides the file's own path
BROKEN: dict[str, tuple[str, ...]] = {
    "not_toml.toml": ("not valid TOML", "line 2"),
    "unknown_section.toml": (
        "[sesion]",
        "valid sections: dispositions, hooks, keys, ritual, session, targets, ui",
    ),
    "unknown_key.toml": (
        "[targets] calls",
        "valid keys: conversations, dials, meetings, week_conversations, week_dials, week_meetings",
    ),
    "week_target_not_whole.toml": ("[targets] week_dials", "whole number >= 0", "199.5"),
    "negative_week_target.toml": ("[targets] week_meetings", ">= 0", "-10"),
    "wrong_type.toml": ("[targets] dials", "whole number", "'forty'"),
    "count_is_a_flag.toml": ("[targets] dials", "whole number", "True"),
    "negative_target.toml": ("[targets] meetings", ">= 0", "-1"),
    "zero_block.toml": ("[session] block_minutes", ">= 1", "got 0"),
    "negative_duration.toml": ("[ritual] breathe_s", "from 0 to 600", "-5"),
    "too_long_duration.toml": ("[ritual] review_s", "from 0 to 600", "900"),
    "bad_timezone.toml": ("[session] timezone", "Europe/Atlantis", "IANA", "Europe/Berlin"),
    "timezone_not_text.toml": ("[session] timezone", "text", "Europe/Berlin"),
    "unknown_theme.toml": (
        "[ui] theme",
        "neon-nights",
        "valid themes:",
        "companion-calm",
        "companion-daylight",
    ),
    "bad_after.toml": ("[ritual] after", "'maybe'", *OUTCOME_NAMES),
    "after_not_a_list.toml": ("[ritual] after", "list", '["no"]'),
    "section_not_a_table.toml": ("[targets]", "must be a table"),
    "bell_not_a_flag.toml": ("[ui] bell", "true or false", "'yes'"),
    "breath_three_numbers.toml": ("[ritual] breath", "seconds in and out", "[4, 6]", "[4, 6, 2]"),
    "breath_too_long.toml": ("[ritual] breath", "from 0.5 to 20", "3600"),
    "breaths_too_many.toml": ("[ritual] breaths", "whole number from 0 to 20", "got 40"),
    "breaths_not_whole.toml": ("[ritual] breaths", "whole number from 0 to 20", "got 2.5"),
    "story_not_seconds.toml": ("[ritual] story_s", "from 0 to 600", "'half a minute'"),
    "bad_outside.toml": ("[ritual] outside", "'reset', 'count'", "'ignore'"),
    "bad_motion.toml": ("[ui] motion", "'full', 'reduced'", "'slow'"),
    "plain_not_a_flag.toml": ("[ui] plain", "true or false", "'yes please'"),
    "key_not_text.toml": ("[keys] no", "a key such as", "7"),
    "hook_not_text.toml": ("[hooks] on_event", "a shell command", "['curl', 'x']"),
    "dispositions_bad_outcome.toml": (
        '[dispositions] "Interested - send info" maps to an unknown outcome "maybe"',
        *OUTCOME_NAMES,
    ),
    "dispositions_not_text.toml": ('[dispositions] "Interested - send info" must be an outcome', "got 3"),
    "dispositions_empty_word.toml": ('[dispositions] " - " is an empty word',),
    "dispositions_too_long.toml": ('[dispositions] "very long', "is longer than 100 characters"),
    "dispositions_control.toml": ('[dispositions] "DNC\\x1b[2J" holds a control character',),
    "dispositions_ours.toml": ('[dispositions] "No Answer" is Companion\'s own outcome no-answer',),
    "dispositions_twice.toml": (
        '[dispositions] "SEND_INFO" is the word "Send-Info" again',
        "another outcome",
    ),
    "dispositions_not_a_table.toml": ("[dispositions] must be a table",),
    # Untrusted TOML: bounded in depth and numbers (companion.settings_file)
    "arrays_500_deep.toml": ("nested more than 16 deep",),
    "dotted_keys_too_deep.toml": ("nested more than 16 deep",),
    "number_5000_digits.toml": ("more than 4,300 digits", "64-bit"),
    "number_beyond_64_bits.toml": ("targets.meetings is a whole number of 19 digits", "64-bit"),
    "bom_and_a_mistake.toml": ("not valid TOML", "line 2"),  # the BOM is taken: the mistake is named
}


def test_every_broken_file_has_its_own_case() -> None:
    assert {p.name for p in DATA.glob("*.toml")} == set(BROKEN)


@pytest.mark.parametrize(("name", "fragments"), list(BROKEN.items()), ids=list(BROKEN))
def test_a_broken_config_is_one_clear_message_and_the_file_is_left_alone(
    tmp_path: Path, name: str, fragments: tuple[str, ...]
) -> None:
    original = (DATA / name).read_bytes()
    paths = paths_in(tmp_path / "home")
    paths.config_dir.mkdir()
    shutil.copyfile(DATA / name, paths.config_file)
    before = paths.config_file.stat()

    with pytest.raises(CompanionError) as caught:
        load(paths)

    message = str(caught.value)
    assert message.startswith(f"{paths.config_file}: ")
    for fragment in fragments:
        assert fragment in message
    assert "\n" not in message
    assert paths.config_file.read_bytes() == original
    after = paths.config_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in paths.config_dir.iterdir()) == ["config.toml"]


def test_an_unreadable_config_is_one_clear_message(tmp_path: Path) -> None:
    paths = paths_in(tmp_path / "home")
    paths.config_dir.mkdir()
    paths.config_file.write_bytes(b"[targets]\ndials = 40 # \xff\xfe\n")
    with pytest.raises(CompanionError) as caught:
        load(paths)
    assert str(caught.value).startswith(f"{paths.config_file}: ")
    assert "\n" not in str(caught.value)


# -- a missing file ------------------------------------------------------------------------


def test_a_missing_config_is_written_with_comments_and_read_as_the_defaults(tmp_path: Path) -> None:
    paths = paths_in(tmp_path / "new-home")
    config = load(paths)
    text = paths.config_file.read_text(encoding="utf-8")
    assert text == default_text()
    assert sum(line.startswith("#") for line in text.splitlines()) >= 5
    assert stat.S_IMODE(paths.config_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.config_dir.stat().st_mode) == 0o700
    assert config == Config(timezone=system_zone_name())


def test_a_home_where_no_config_can_be_written_reads_as_the_defaults_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A read-only home (a backup, a copy to read): root may write anywhere, so the refusal is
    # the one a rep's own user would get.
    paths = paths_in(tmp_path / "read-only-home")
    paths.config_dir.mkdir()

    def refused(*_: object, **__: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("companion.config.template.os.open", refused)
    assert load(paths) == Config(timezone=system_zone_name())
    assert list(paths.config_dir.iterdir()) == []


def test_an_existing_config_that_cannot_be_read_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = with_config(tmp_path, "[targets]\ndials = 60\n")
    monkeypatch.setattr(
        "companion.config.parse.ensure_config_file",
        lambda _: (_ for _ in ()).throw(PermissionError(13, "no")),
    )
    with pytest.raises(PermissionError):
        load(paths)


def test_the_file_a_fresh_home_gets_is_pinned_byte_for_byte(tmp_path: Path) -> None:
    # A rep's own copy was written by an older version: a change here is a change they see.
    paths = paths_in(tmp_path / "new-home")
    load(paths)
    assert paths.config_file.read_bytes() == WRITTEN.read_bytes()
    assert default_text().encode("utf-8") == WRITTEN.read_bytes()


def test_the_written_config_is_not_rewritten_on_the_next_load(tmp_path: Path) -> None:
    paths = paths_in(tmp_path / "home")
    load(paths)
    first = paths.config_file.stat()
    load(paths)
    second = paths.config_file.stat()
    assert (first.st_ino, first.st_mtime_ns, first.st_size) == (
        second.st_ino,
        second.st_mtime_ns,
        second.st_size,
    )
    edited = "[targets]\ndials = 55\n"
    paths.config_file.write_text(edited, encoding="utf-8")
    assert load(paths).targets.dials == 55
    assert paths.config_file.read_text(encoding="utf-8") == edited


def test_the_commented_defaults_match_the_built_in_defaults() -> None:
    parsed = parse_config(tomllib.loads(default_text()), Path("config.toml"))
    assert parsed == Config(timezone=system_zone_name())


# -- defaults and values -------------------------------------------------------------------


def test_an_empty_config_takes_every_default(tmp_path: Path) -> None:
    config = load(with_config(tmp_path, ""))
    assert config.targets == Targets(dials=40, conversations=10, meetings=2)
    assert config.block_minutes == 90
    assert config.timezone == system_zone_name()
    assert config.ritual == RitualConfig(
        breathe_s=10.0, reframe_s=5.0, review_s=5.0, after=frozenset({Outcome.NO})
    )
    assert config.theme == "companion-calm"
    assert config.bell is False


def test_the_weeks_targets_are_five_days_of_the_days_unless_set(tmp_path: Path) -> None:
    """The first source's week: 200 dials and 10 meetings, from 40 and 2 a day."""
    derived = load(with_config(tmp_path, "[targets]\ndials = 40\nmeetings = 2\n")).targets
    assert derived.week().as_dict() == {"dials": 200, "conversations": 50, "meetings": 10}
    (tmp_path / "b").mkdir()
    mine = load(with_config(tmp_path / "b", "[targets]\ndials = 50\nweek_dials = 180\nweek_meetings = 0\n"))
    assert mine.targets.week().as_dict() == {"dials": 180, "conversations": 50, "meetings": 0}
    assert mine.targets.dials == 50  # the day's stays the day's


def test_missing_keys_take_their_defaults_beside_the_ones_given(tmp_path: Path) -> None:
    config = load(with_config(tmp_path, '[targets]\ndials = 60\n[session]\ntimezone = "America/New_York"\n'))
    assert config.targets == Targets(dials=60, conversations=10, meetings=2)
    assert config.timezone == "America/New_York"
    assert config.block_minutes == 90
    assert config.ritual.breathe_s == 10.0


def test_every_key_set(tmp_path: Path) -> None:
    text = """
[targets]
dials = 80
conversations = 15
meetings = 3
[session]
block_minutes = 120
timezone = "Asia/Kolkata"
[ritual]
breathe_s = 12.5
reframe_s = 0
review_s = 7
after = ["no", "gatekeeper"]
perspective_s = 15
so_what_s = 12
story_s = 40
breath = [3, 4.5]
[ui]
theme = "companion-daylight"
bell = true
motion = "reduced"
plain = true
"""
    config = load(with_config(tmp_path, text))
    assert config == Config(
        targets=Targets(80, 15, 3),
        block_minutes=120,
        timezone="Asia/Kolkata",
        ritual=RitualConfig(
            12.5, 0.0, 7.0, frozenset({Outcome.NO, Outcome.GATEKEEPER}), 15.0, 12.0, 40.0, (3.0, 4.5)
        ),
        theme="companion-daylight",
        bell=True,
        motion="reduced",
        plain=True,
    )


def test_an_empty_after_list_turns_the_ritual_off(tmp_path: Path) -> None:
    assert load(with_config(tmp_path, "[ritual]\nafter = []\n")).ritual.after == frozenset()


def test_a_theme_from_the_users_folder_is_a_valid_choice(tmp_path: Path) -> None:
    paths = with_config(tmp_path, '[ui]\ntheme = "mine"\n')
    paths.themes_dir.mkdir()
    (paths.themes_dir / "mine.toml").write_text('name = "mine"\nprimary = "#123456"\n', encoding="utf-8")
    assert load(paths).theme == "mine"


# -- paths ---------------------------------------------------------------------------------


def test_companion_home_holds_config_and_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "ch"))
    paths = Paths.from_env()
    assert paths.config_file == tmp_path / "ch" / "config.toml"
    assert paths.data_dir == tmp_path / "ch" / "data"
    assert paths.themes_dir == tmp_path / "ch" / "themes"


def test_without_companion_home_the_platform_dirs_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPANION_HOME", raising=False)
    paths = Paths.from_env()
    assert paths.config_dir.name == "companion"
    assert paths.data_dir.name == "companion"


# -- [dispositions] --------------------------------------------------------------------------


def test_dispositions_map_a_dialer_s_own_words_to_outcomes_in_any_case(tmp_path: Path) -> None:
    text = '[dispositions]\n"Interested - send info" = "callback"\n"DNC" = "No"\nbusy = "no_answer"\n'
    config = load(with_config(tmp_path, text))
    assert config.dispositions == (
        ("Interested - send info", Outcome.CALLBACK),
        ("DNC", Outcome.NO),
        ("busy", Outcome.NO_ANSWER),
    )


def test_the_same_word_twice_with_the_same_outcome_is_taken_once(tmp_path: Path) -> None:
    config = load(
        with_config(tmp_path, '[dispositions]\n"Send-Info" = "callback"\n"send  info" = "callback"\n')
    )
    assert config.dispositions == (("Send-Info", Outcome.CALLBACK),)


def test_dispositions_take_up_to_500_words(tmp_path: Path) -> None:
    rows = "".join(f'"word {n}" = "no"\n' for n in range(500))
    assert len(load(with_config(tmp_path, "[dispositions]\n" + rows)).dispositions) == 500
    (tmp_path / "more").mkdir()
    paths = with_config(tmp_path / "more", "[dispositions]\n" + rows + '"word 500" = "no"\n')
    with pytest.raises(CompanionError) as caught:
        load(paths)
    assert str(caught.value) == f"{paths.config_file}: [dispositions] holds more than 500 words"
