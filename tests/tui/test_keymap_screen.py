"""A keymap from [keys] on screen: the moved key logs, the old one no longer does, and the
footer, `?` and the palette show the key in force."""

from __future__ import annotations

from dataclasses import replace

from companion.context import Context
from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.tui.screens.help import HelpScreen
from companion.tui.screens.ritual import RitualScreen
from tests.tui.conftest import press, running, said, screen_text, stored


async def test_a_moved_key_logs_and_every_list_of_keys_shows_it(ctx: Context) -> None:
    keys = (("voicemail", "j"), ("no", "k"), ("skip", "q"), ("cause-skill-gap", "y"))
    moved = replace(ctx, config=replace(ctx.config, keys=keys))
    async with running(moved) as (app, pilot):
        legend = screen_text(app, ("legend",))  # the outcome keys' legend, above the footer
        assert "j voicemail" in legend and "k no" in legend and "v voicemail" not in legend
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Voicemail (j)" in titles and "No (k)" in titles
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app, ("help-keys",))
        assert any(line.split()[:2] == ["j", "Voicemail"] for line in lines.splitlines())
        await press(pilot, "escape", "v", "j")  # v is free now: nothing; j logs a voicemail
        assert [e.outcome for e in stored(ctx, EventKind.OUTCOME)] == [Outcome.VOICEMAIL]
        await press(pilot, "k")
        assert isinstance(app.screen, RitualScreen)  # a no from its new key opens the reset
        assert "y skill gap" in screen_text(app, ("ritual-tags",))  # the lines name the keys in force
        await press(pilot, "q")
        assert said(app, "ritual-status") == "Press q again to skip. It is noted as skipped."
