"""Every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from companion.core.outcomes import Outcome
from companion.session.commands import LogOutcome
from companion.tui.messages import Do
from companion.tui.outcome_keys import outcome_bindings
from companion.tui.text import QUIT_HELP, keys_in_force, shown_key
from companion.tui.widgets.key_list import KeyList


def key_lines(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(key, name, what it does) for each of the screen's bindings, then the app's own."""
    help_text: dict[str, str] = getattr(screen, "KEY_HELP", {})
    keymap = keys_in_force(screen)
    lines = []
    grouped: dict[str, list[Binding]] = {}
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        kind = (binding.id or "").split("-", 1)[0]
        if kind in GROUPS:  # eight reason keys read better as one line
            if kind not in grouped:
                grouped[kind] = []
                lines.append((kind, "", ""))
            grouped[kind].append(binding)
            continue
        key = shown_key(binding, keymap)
        lines.append((key, binding.description, help_text.get(binding.id or "", "")))
    lines = [
        _group(grouped[key], *GROUPS[key], keymap) if key in grouped else (key, name, what)
        for key, name, what in lines
    ]
    lines.append(("ctrl+p", "Commands", "every action by name"))
    lines.append(("ctrl+q", "Quit", QUIT_HELP))
    return lines


GROUPS = {"reason": ("Reason", "why the last no: "), "cause": ("Cause", "what to work on: ")}


def _group(bindings: list[Binding], name: str, lead: str, keymap: Mapping[str, str]) -> tuple[str, str, str]:
    shown = [shown_key(b, keymap) for b in bindings]
    keys = " ".join(shown)
    if len(bindings) > 3 and not any(b.id in keymap for b in bindings):
        keys = f"{shown[0]}-{shown[-1]}"
    return keys, name, lead + ", ".join(f"{k} {b.description}" for k, b in zip(shown, bindings, strict=True))


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Escape, q or ? closes it. An outcome key closes it too,
    and logs the call: a call that ends while the rep reads the keys is never lost."""

    CSS_PATH = "help.tcss"  # its own styles, read when it first opens

    AUTO_FOCUS = "#help-box"
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("q", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
        *outcome_bindings(),
    ]

    def __init__(self, origin: Screen[Any]) -> None:
        super().__init__()
        self._origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled("Keys  (Esc closes, ↑↓ scroll)", "bold"), id="help-title")
            yield KeyList(key_lines(self._origin), id="help-keys")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

    def action_log(self, outcome: str) -> None:
        self.post_message(Do(LogOutcome(Outcome(outcome))))
        self.dismiss()
