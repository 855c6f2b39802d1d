"""Builders for events and a runner for companion's commands against one home (in process,
through `main(argv)`, as tests/cli runs them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.store.store import Store
from tests.conftest import ZONE

# What a first import of a dialer's rows adds to its line: the import's id and how to undo it.
UNDO_HINT = r" as import ([0-9a-f]{12}) \(undo: companion import --undo \1\)"


def call(at: datetime, outcome: Outcome = Outcome.NO, **fields: Any) -> Event:
    return make_event(EventKind.OUTCOME, at, outcome=outcome, **fields)


def void(at: datetime, target: Event) -> Event:
    return make_event(EventKind.VOID, at, target=target.id)


def tag(at: datetime, target: Event, **fields: Any) -> Event:
    return make_event(EventKind.TAG, at, target=target.id, **fields)


def ritual(at: datetime, target: Event, end: RitualEnd = RitualEnd.COMPLETED, **fields: Any) -> Event:
    return make_event(EventKind.RITUAL, at, target=target.id, ritual=end, **fields)


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


class Cli:
    """The command line as a user runs it, against its own COMPANION_HOME."""

    def __init__(self, home: Path) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        (home / "config.toml").write_text(f'[session]\ntimezone = "{ZONE}"\n', encoding="utf-8")

    @property
    def store(self) -> Store:
        return Store(self.home / "data").prepare()

    def events(self) -> list[Event]:
        return self.store.all_events()[0]

    def calls(self) -> list[Event]:
        """The calls stored (not the records imports leave beside them)."""
        return [e for e in self.events() if e.kind is EventKind.OUTCOME]

    def run(self, *args: str) -> Run:
        from tests.cli.conftest import Companion

        done = Companion(self.home).call(*args)
        return Run(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str) -> Run:
        result = self.run(*args)
        assert result.returncode == 0, result
        assert "Traceback" not in result.stderr, result
        return result


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root` with its bytes (None for a folder)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): None if p.is_dir() else p.read_bytes() for p in sorted(root.rglob("*"))}
