"""Every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from companion.tui.outcome_keys import CALL_IDS, CALLS, HARD_NO, in_legend_order, key_words, screen_keys
from companion.tui.text import QUIT_HELP, keys_in_force, shown_key
from companion.tui.widgets.key_list import KeyGroup, KeyList


def key_groups(screen: Screen[Any]) -> list[KeyGroup]:
    """The screen's keys in the groups the session screen shows them in: the calls (its legend),
    the screen's own keys (its footer and the rest), the tags as two families, then the app's.
    Where every outcome key does the same here, the calls are one line of keys, like the
    legend, with the hard no's own row above it."""
    keymap = keys_in_force(screen)
    rows: dict[str, list[tuple[str, str, str]]] = {}
    pairs: dict[str, list[tuple[str, str]]] = {}
    hard: tuple[str, str, str] | None = None
    bindings = screen_keys(screen)
    for binding in in_legend_order(bindings):
        key, ident = shown_key(binding, keymap), binding.id or ""
        family = FAMILIES.get(ident.split("-", 1)[0]) or FAMILIES.get(ident)
        if family is not None:
            pairs.setdefault(family, []).append((key, binding.description.lower()))
            continue
        row = (key, binding.description, key_words(screen, binding))
        if ident == HARD_NO:
            hard = row
        group = CALLS if ident in CALL_IDS else getattr(screen, "KEY_GROUP", "This screen")
        rows.setdefault(group, []).append(row)
    groups = {title: KeyGroup(title, rows=tuple(found)) for title, found in rows.items()}
    calls = [row for row in rows.get(CALLS, []) if row != hard]
    said = {what for _, _, what in calls}
    if len(said) == 1 and said != {""}:
        keys = tuple((key, name.lower()) for key, name, _ in calls)
        groups[CALLS] = KeyGroup(f"{CALLS}: {said.pop()}", rows=(hard,) if hard else (), pairs=keys)
    if bindings[0].id not in CALL_IDS and CALLS in groups:  # the screen's own keys lead, as in its footer
        groups = {title: group for title, group in groups.items() if title != CALLS} | {CALLS: groups[CALLS]}
    found = [*groups.values(), *(KeyGroup(title, pairs=tuple(keys)) for title, keys in pairs.items())]
    app = (("ctrl+p", "Commands", "every action by name"), ("ctrl+q", "Quit", QUIT_HELP))
    return [*found, KeyGroup("Anywhere", rows=app)]


# Keys that come as a family, listed as `key word` pairs under one title.
FAMILIES = {
    "reason": "Reason for the last no",
    "cause": "Cause, and a note",
    "note": "Cause, and a note",
}


class HelpScreen(Screen[None]):
    """A list of keys over the screen it was opened from, dimmed as a modal is; any of Escape,
    q or ? closes it. A call key closes it too, and the app logs the call: a call that ends
    while the rep reads the keys is never lost. Not a ModalScreen: a modal keeps the app's
    bindings, where the call keys live, from its keys."""

    CSS_PATH = "help.tcss"  # its own styles, read when it first opens
    CLOSES_ON_CALL = True

    AUTO_FOCUS = "#help-box"
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def __init__(self, origin: Screen[Any]) -> None:
        super().__init__()
        self._origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled("Keys · Esc closes · ↑↓ scroll", "bold"), id="help-title")
            yield KeyList(key_groups(self._origin), id="help-keys")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "-narrow")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
