"""[keys]: every binding id the app knows can move to another key; an unknown id, a key no
keyboard can type, a key the app keeps for itself, or two actions on one key of one screen is
one line naming the file, checked before any screen is drawn."""

from __future__ import annotations

import pytest

from companion.errors import CompanionError
from companion.tui.keymap import check_keymap, screens, typeable

WHERE = "/home/rep/.config/companion/config.toml"


def test_the_outcome_keys_have_the_ids_a_rep_would_guess() -> None:
    session = {b.id for b in screens()["the session screen"]}
    assert {
        "no",
        "meeting",
        "callback",
        "not-fit",
        "gatekeeper",
        "voicemail",
        "no-answer",
        "hard-no",
    } <= session
    assert check_keymap({"no": "j", "meeting": "k", "undo": "ctrl+z"}, WHERE) == {
        "no": "j", "meeting": "k", "undo": "ctrl+z",
    }  # fmt: skip


def test_moving_two_keys_onto_each_other_is_no_clash() -> None:
    assert check_keymap({"no": "m", "meeting": "n"}, WHERE) == {"no": "m", "meeting": "n"}


@pytest.mark.parametrize(
    ("keys", "why"),
    [
        ({"nope": "j"}, "[keys] unknown binding 'nope'; valid ids: "),
        ({"no": "abc"}, "'abc' is not a key that arrives as itself"),
        ({"no": "ctrl+"}, "not a key that arrives as itself"),
        ({"no": "ctrl+q"}, "ctrl+q quits the app; pick another"),
        ({"no": "m"}, "[keys] no = 'm': m is already meeting on the session screen; pick another"),
        ({"undo": "n"}, "[keys] undo = 'n': n is already no on the session screen; pick another"),
        ({"dial": "s"}, "[keys] dial = 's': s is already skip on the reset; pick another"),
    ],
)
def test_a_bad_keymap_is_one_line_naming_the_file(keys: dict[str, str], why: str) -> None:
    with pytest.raises(CompanionError) as refused:
        check_keymap(keys, WHERE)
    message = str(refused.value)
    assert message.startswith(f"{WHERE}: [keys] ") and why in message and "\n" not in message


@pytest.mark.parametrize("key", ["j", "N", "?", "+", "f5", "ctrl+j", "space", "question_mark", "é"])
def test_keys_a_keyboard_sends_are_typeable(key: str) -> None:
    assert typeable(key)


@pytest.mark.parametrize(
    "key",
    ["", " ", "abc", "ctrl+", "cmd+j", "f99x", "\x1b", "shift+n", "ctrl+N", "ctrl+m", "ctrl+i", "ctrl+h"],
)
def test_keys_no_keyboard_sends_are_not(key: str) -> None:
    assert not typeable(key)
