"""Textual's Footer, composed again only when the keys it offers change.

Textual's Footer composes itself afresh (a FooterKey per key, each styled anew) after every
`refresh_bindings` of its screen, however many come before the next frame and whether or not
they change what it shows: opening the summary composed it five times, the history four, some
15 ms each on a busy 2-core machine, on the key that opened them (December 2026,
tests.bench.keys). The keys it offers are read from the screen's bindings as Footer.compose
reads them; when they are the ones on show, nothing is done."""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer

Offered = tuple[tuple[Any, ...], ...]


class KeyFooter(Footer):
    """The footer every screen of ours has: compact, without the palette's key."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: Offered | None = None

    def _offered(self) -> Offered:
        keymap = self.app.get_key_display
        return tuple(
            (
                binding.key,
                keymap(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        offered = self._offered()
        if offered == self._shown:
            return
        await super().recompose()
        # Composed before its screen's bindings were ready, it shows nothing: not the keys.
        self._shown = offered if self.children or not offered else None
