"""The commands that are not the app never load Textual, checked where it counts: in the real
process, through sys.modules. The import-linter contracts (`make lint`) read the static graph;
only a run shows that a deferred import stays deferred (the handlers' families in
companion.cli.HANDLERS are imported by name, out of the graph's sight)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import PROCESS_TIMEOUT_S, Companion, child_env

# Runs the entry point as `companion ARGS` would, then names every module it loaded.
PROBE = """
import json, sys
from companion.__main__ import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("LOADED " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

COMMANDS = [
    ["--version"],
    ["--help"],
    ["log", "no", "--hard"],
    ["dial"],  # no reset waits (the last call is a meeting): it says so
    ["log", "no", "--reason", "budget", "--note", "CFO", "--at", "09:30"],
    ["log", "banana"],  # refused: one line, exit 2
    ["summary"],
    ["status"],
    ["themes"],
    ["summary", "--week", "--json"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "md"],
    ["import", "IMPORT_FILE"],
    ["review", "abcd1234", "--dismiss"],  # refused: no such review (the list is read first)
    ["resume"],
    ["win", "the CFO asked for a proposal"],
    ["warmup", "--focus", "one more question"],  # writes, then reads back to the wins
]


def modules_after(companion: Companion, args: list[str], env: dict[str, str] | None = None) -> list[str]:
    """Every module the entry point had loaded when `companion ARGS` was done (in `env`, or
    the home's own environment)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=child_env(companion.home) if env is None else env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stderr.decode().splitlines() if line.startswith("LOADED ")]
    assert lines, done.stderr.decode()
    found: list[str] = json.loads(lines[-1].removeprefix("LOADED "))
    return found


def loaded_by(companion: Companion, args: list[str]) -> list[str]:
    """The modules of Textual, Rich or our TUI that `companion ARGS` loaded."""
    modules = modules_after(companion, args)
    return [m for m in modules if m.split(".")[0] in ("textual", "rich") or m.startswith("companion.tui")]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args))
def test_a_command_that_is_not_the_app_never_loads_textual(
    companion: Companion, tmp_path: Path, args: list[str]
) -> None:
    calls = tmp_path / "calls.csv"
    calls.write_text("timestamp,outcome\n2026-11-20T14:05,no\n", encoding="utf-8")
    companion.store().append(  # some history to read, stored in process: the probe is the point
        [make_event(EventKind.OUTCOME, datetime.now(UTC), outcome=Outcome.MEETING, source="cli")]
    )
    args = [str(calls) if a == "IMPORT_FILE" else a for a in args]
    assert loaded_by(companion, args) == []


@pytest.mark.parametrize("args", [["status"], ["log", "no"]], ids=lambda args: " ".join(args))
def test_the_everyday_commands_load_their_own_family_only(companion: Companion, args: list[str]) -> None:
    """A status bar runs `companion status` every few seconds and a hook `companion log` on
    every call: neither loads the export and import, the reviews or the session."""
    loaded = modules_after(companion, args)
    assert "companion.cli.day" in loaded
    others = ("companion.cli.transfer", "companion.cli.around", "companion.transfer", "companion.session")
    assert [m for m in loaded if m.startswith(others)] == []


def test_the_probe_would_see_textual_if_a_command_loaded_it(companion: Companion) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import textual.app\n" + PROBE, "--version"],
        env=child_env(companion.home),
        capture_output=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )
    assert '"textual.app"' in done.stderr.decode()


# What `log` and `status` do their work without: the app (Textual, Rich, the session), the
# archive's writer (TinyDB: they read months as JSON), the export and import, the colour
# themes (the app's alone) with importlib.resources, pendulum and dateutil (the computer's zone
# is read from its files), platformdirs (COMPANION_HOME names the home) and argparse with the
# whole grammar (their plain words are read by companion.cli.plain), and the day's view for the
# screen (status reads a block's standing from core.standing) and the day around the block's
# words (status reads when a review is due from core.due).
UNUSED_BY_EVERYDAY = (
    "argparse",
    "companion.cli.grammar",
    "textual",
    "rich",
    "tinydb",
    "pendulum",
    "dateutil",
    "platformdirs",
    "importlib.resources",
    "companion.tui",
    "companion.session",
    "companion.transfer",
    "companion.themes",
    "companion.demo",
    "companion.store.tinydb_storage",
    "companion.cli.transfer",
    "companion.cli.around",
    "companion.core.view",
    "companion.core.around",
)


@pytest.mark.parametrize("zone", ["pinned", "the computer's"])
@pytest.mark.parametrize(
    "args",
    [["log", "voicemail"], ["log", "no", "--reason", "budget", "--at", "09:30"], ["status"], ["dial"]],
    ids=lambda args: " ".join(args),
)
def test_log_and_status_import_only_what_they_use(companion: Companion, args: list[str], zone: str) -> None:
    """A dialer's hook runs `log` on every call and a status bar `status` every few seconds:
    each start pays for every module it imports, so neither imports what it does not use. With
    no zone in config.toml and no TZ, the computer's zone is read without pendulum."""
    companion.store().append(
        [make_event(EventKind.OUTCOME, datetime.now(UTC), outcome=Outcome.MEETING, source="cli")]
    )
    env = child_env(companion.home)
    if zone != "pinned":
        companion.config.write_text("[targets]\ndials = 40\n", encoding="utf-8")
        env.pop("TZ", None)
    loaded = modules_after(companion, args, env)
    assert "companion.cli.day" in loaded  # the probe saw the command run
    assert [m for m in loaded if m == "companion.core.ledger"]  # and read the day
    unused = [m for m in loaded if any(m == u or m.startswith(f"{u}.") for u in UNUSED_BY_EVERYDAY)]
    assert unused == []
