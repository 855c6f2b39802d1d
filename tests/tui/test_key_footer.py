"""The footer composes again only when the keys it offers change (widgets.key_footer): the
same keys keep the same widgets, and a key the screen starts to offer shows at once."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer

from companion.context import Context
from companion.tui.app import CompanionApp
from tests.tui.conftest import footer, press, running, settle


def keys_shown(app: CompanionApp) -> list[Widget]:
    return list(app.screen.query_one(Footer).children)


async def test_the_same_keys_keep_the_same_footer_and_a_new_one_shows_at_once(ctx: Context) -> None:
    async with running(ctx) as (app, pilot):
        await press(pilot, "v")  # the block has begun: its keys are offered
        before = keys_shown(app)
        assert "End" in footer(app)
        for _ in range(3):
            app.screen.refresh_bindings()
        await settle(pilot)
        assert keys_shown(app) == before  # nothing changed: not composed again
        assert all(key.is_attached for key in before)
        await press(pilot, "e")  # the summary: its own keys
        assert footer(app).startswith("New block")
        await press(pilot, "escape")
        assert "End" in footer(app) or "New" in footer(app)
