"""`[keys]` in config.toml: a binding moved to another key by its id (`no = "j"`,
`meeting = "k"`, `undo = "ctrl+z"`), through Textual's keymap; the README lists the ids. Checked
in full before the app opens: an unknown id, a key that cannot be typed, one the app keeps for
itself, or two actions of one screen on one key is one line naming the file, and exit 2."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys

from companion.errors import CompanionError
from companion.tui.outcome_keys import CALL_IDS, screen_keys
from companion.tui.textual_seams import key_name, normal_keys

MODIFIERS = ("ctrl", "shift", "alt", "super", "hyper", "meta")
RESERVED = {"ctrl+q": "quits the app", "ctrl+c": "copies", "ctrl+p": "opens the command palette"}
_NAMED = {key.value for key in Keys} | {key_name(chr(c)) for c in range(33, 127)}


def screens() -> dict[str, list[Binding]]:
    """Every place a key can be bound, with the bindings that work there: the app's own, and
    each screen's with the call keys, which the app binds for every screen."""
    from companion.tui.app import CompanionApp
    from companion.tui.screens.help import HelpScreen
    from companion.tui.screens.history import HistoryScreen
    from companion.tui.screens.past import ResumeScreen, WinsScreen
    from companion.tui.screens.review import ReviewScreen
    from companion.tui.screens.ritual import RitualScreen
    from companion.tui.screens.session import SessionScreen
    from companion.tui.screens.summary import SummaryScreen

    own = [b for cls in CompanionApp.__mro__ for b in _bindings(getattr(cls, "BINDINGS", []))]
    found: dict[str, list[Binding]] = {"the app": [b for b in own if b.id not in CALL_IDS]}
    # Named as the rep knows each screen: a clash message is read by them, not by us.
    for name, screen in (
        ("the session screen", SessionScreen), ("the reset", RitualScreen),
        ("the summary", SummaryScreen), ("the history", HistoryScreen),
        ("the 24-hour review", ReviewScreen), ("the rejection resume", ResumeScreen),
        ("the wins", WinsScreen), ("the key list (?)", HelpScreen),
    ):  # fmt: skip
        found[name] = screen_keys(screen)
    return found


def _bindings(items: Iterable[object]) -> list[Binding]:
    return [b for b in items if isinstance(b, Binding)]


# Keys a terminal sends as others: ctrl+m is Enter, ctrl+i Tab, ctrl+h Backspace, ctrl+[ Escape;
# a shifted letter arrives as the capital (write N, not shift+n), and ctrl+N as ctrl+n.
SENT_AS_OTHERS = {
    "ctrl+m": "enter",
    "ctrl+i": "tab",
    "ctrl+h": "backspace",
    "ctrl+left_square_bracket": "escape",
}


def typeable(key: str) -> bool:
    """A key a keyboard sends as itself: a character or a named key, after any modifiers."""
    *mods, base = key.split("+") if key != "+" else [key]
    if mods and len(base) == 1 and base.isalpha() and (base.isupper() or "shift" in mods):
        return False
    if normal_keys(key) in SENT_AS_OTHERS:
        return False
    return (
        bool(base)
        and all(m in MODIFIERS for m in mods)
        and ((len(base) == 1 and base.isprintable() and not base.isspace()) or base in _NAMED)
    )


def check_keymap(keys: Mapping[str, str], where: Path | str) -> dict[str, str]:
    """The keymap to set, or CompanionError (one line) for the first thing wrong with it."""

    def fail(what: str) -> CompanionError:
        return CompanionError(f"{where}: [keys] {what}")

    places = screens()
    ids = sorted({b.id for bindings in places.values() for b in bindings if b.id})
    for binding_id, value in keys.items():
        if binding_id not in ids:
            return_ids = ", ".join(ids)
            raise fail(f"unknown binding {binding_id!r}; valid ids: {return_ids}")
        for key in (part.strip() for part in value.split(",")):
            if not typeable(key):
                raise fail(
                    f"{binding_id} = {value!r}: {key!r} is not a key that arrives as itself"
                    " (use a character such as j or N, or a name such as f5, ctrl+j, space)"
                )
            reserved = RESERVED.get(normal_keys(key))
            if reserved:
                raise fail(f"{binding_id} = {value!r}: {key} {reserved}; pick another")
    normal = {i: normal_keys(v) for i, v in keys.items()}
    app_keys = set(_keys_of(places["the app"], normal))
    for name, bindings in places.items():
        taken: dict[str, Binding] = {}
        for binding in bindings:
            mine = binding.id in normal
            if name != "the app" and mine and set(_keys_of([binding], normal)) & app_keys:
                raise fail(f"{binding.id} = {keys[binding.id or '']!r}: that key is the app's own")
            for key in _keys_of([binding], normal):
                other = taken.setdefault(key, binding)
                if other.action != binding.action and (mine or other.id in normal):
                    moved, kept = (binding, other) if mine else (other, binding)
                    setting = f"{moved.id} = {keys[moved.id or '']!r}"
                    raise fail(f"{setting}: {key} is already {kept.id} on {name}; pick another")
    return dict(keys)


def _keys_of(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[str]:
    found = []
    for binding in bindings:
        value = keymap.get(binding.id or "") or binding.key
        found += [normal_keys(k.strip()) for k in value.split(",")]
    return found
