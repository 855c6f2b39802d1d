"""The app's rendered screens, after hostile text came in every way it can: the notes are there
as words, and nothing a terminal would act on reaches it."""

from __future__ import annotations

import html
import re
from pathlib import Path

from companion.context import Context
from tests.conftest import START
from tests.hostile import assert_safe, fill
from tests.tui.conftest import press, running, screen_text, until


async def test_no_screen_carries_an_escape(ctx: Context, tmp_path: Path) -> None:
    """At 120x40, where every region of the narrow screen shows and the notes are in full (the
    text is cleaned before it is laid out, so a narrower screen only cuts the same words)."""
    fill(ctx, tmp_path, START)
    async with running(ctx, size=(120, 40)) as (app, pilot):
        session = app.export_screenshot()
        assert_safe(session, "the session screen")
        shown = html.unescape(re.sub(r"<[^>]+>", "", session)).replace("\xa0", " ")
        assert "HYPERLINK" in shown, shown  # the hostile calls are on screen, as plain text
        await press(pilot, "h")
        await until(pilot, lambda: "Week of" in screen_text(app, ("history-weeks",)))
        assert_safe(app.export_screenshot(), "the history screen")
        await press(pilot, "escape", "question_mark")
        assert_safe(app.export_screenshot(), "the help screen")
        await press(pilot, "escape", "r")
        assert "old" in screen_text(app, ("review-item",))  # the hostile no due for review
        assert_safe(app.export_screenshot(), "the review screen")
        for key, screen, words in (("l", "the resume", "lesson"), ("w", "the wins", "win 3")):
            await press(pilot, "escape", key)

            def listed(words: str = words) -> bool:
                return words in screen_text(app, ("past-list",))

            await until(pilot, listed)
            assert_safe(app.export_screenshot(), screen)
        await press(pilot, "escape", "o")
        assert "focus" in screen_text(app, ("warmup",))
        assert_safe(app.export_screenshot(), "the warm-up")
