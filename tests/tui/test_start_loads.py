"""The way to the first frame (what a rep waits for at every start) loads only what that frame
uses: what only a key, an import, a wide screen or the warm-up needs comes after it. Checked in
a fresh interpreter, the one place where what is loaded says something."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from companion.paths import Paths
from companion.store.store import Store
from tests.bench.homes import REPO

AT_FIRST_FRAME = """\
import asyncio, sys
from pathlib import Path
from companion.context import Context
from companion.paths import Paths
from companion.tui.app import CompanionApp

home = Path(sys.argv[1])
loaded: list[str] = []


class Watched(CompanionApp):
    def on_mount(self) -> None:  # (beside the app's own, which Textual runs too)
        self.call_after_refresh(lambda: loaded.extend(sys.modules))


app = Watched(Context.open(Paths(config_dir=home, data_dir=home / "data")), poll_s=None, warm=False)
app.open_day_now()


async def main() -> None:
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()


asyncio.run(main())
print("\\n".join(sorted(loaded)))
"""

# Each was on the way to the first frame once (issue 25): OpenSSL's hashlib for an import's
# pieces, the writer's thread pool, importlib.resources for the shipped themes, the footer
# (mounted just after), the wide layout's charts, the reset's and the summary's week.
NOT_BEFORE_THE_FIRST_FRAME = (
    "hashlib",
    "concurrent.futures.thread",
    "importlib.resources",
    "textual.widgets._footer",
    "companion.tui.widgets.block_chart",
    "companion.tui.widgets.back_to_dial",
    "companion.core.week",
)


def test_the_first_frame_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text('[session]\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    Store(Paths(config_dir=home, data_dir=home / "data").data_dir).prepare()
    done = subprocess.run(
        [sys.executable, "-c", AT_FIRST_FRAME, str(home)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert {"companion.tui.screens.session", "companion.session.controller"} <= loaded  # it ran
    assert sorted(loaded & set(NOT_BEFORE_THE_FIRST_FRAME)) == []


async def test_until_the_first_frame_the_writer_waits_for_the_gil_no_longer_than_a_fifth_of_a_ms(
    tmp_path: Path,
) -> None:
    """Textual's writer thread, handed the first frame, waited Python's whole switch interval
    (5 ms) for its turn while the start went on (issue 25). The start path (ending_on_signals)
    shortens it until the first frame is drawn, then gives back what it was."""
    import sys

    from companion.context import Context
    from companion.tui.app import FIRST_FRAME_SWITCH_S, CompanionApp

    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    app = CompanionApp(Context.open(Paths(config_dir=home, data_dir=home / "data")), poll_s=None, warm=False)
    usual = sys.getswitchinterval()
    seen: list[float] = []
    with app.ending_on_signals():
        seen.append(sys.getswitchinterval())
        async with app.run_test(size=(60, 24)) as pilot:
            for _ in range(100):  # frames, until the first one's after-refresh work has run
                await pilot.pause()
                if sys.getswitchinterval() != seen[0]:
                    break
            seen.append(sys.getswitchinterval())
    assert seen == [pytest.approx(FIRST_FRAME_SWITCH_S), usual] and sys.getswitchinterval() == usual
