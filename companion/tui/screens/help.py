"""Every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_lines(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(key, name, what it does) for each of the screen's bindings, then the app's own."""
    help_text: dict[str, str] = getattr(screen, "KEY_HELP", {})
    lines = []
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        key = binding.key_display or binding.key
        lines.append((key, binding.description, help_text.get(binding.id or "", "")))
    lines.append(("ctrl+p", "Commands", "every action by name"))
    lines.append(("ctrl+q", "Quit", "your block stays open; start again to resume it"))
    return lines


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Escape, q or ? closes it."""

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
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column(justify="right", no_wrap=True, style="bold")
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for key, name, what in key_lines(self._origin):
            table.add_row(key, name, what)
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled("Keys  (Esc closes, ↑↓ scroll)", "bold"), id="help-title")
            yield Static(table, id="help-keys")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
