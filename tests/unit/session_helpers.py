"""Drive the session controller as the runner does, without I/O: every write is acknowledged at
once (stored in a list, or refused when told to), and time moves only when a test moves it."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from companion.config import Config, RitualConfig
from companion.core.events import Event, EventKind
from companion.core.outcomes import Outcome
from companion.session.commands import Command, DayLoaded, LogOutcome, NotStored, Stored, Tick
from companion.session.controller import Effect, SessionController
from companion.session.state import ViewState
from tests.unit.helpers import BERLIN, DAY, t


class Drive:
    def __init__(self, config: Config | None = None, *, seed: int = 1, now: datetime | None = None) -> None:
        self.config = config or Config(timezone="Europe/Berlin", warmup=False)
        self.controller = SessionController(self.config, BERLIN, random.Random(seed))
        self.now = now or t(10)
        self.stored: list[Event] = []
        self.effects: list[Effect] = []
        self.refuse: str | None = None  # the reason the next writes fail with, while set
        self.writes = 0  # how many writes the controller asked for
        self.state: ViewState = self.controller.state(self.now)

    def do(self, command: Command, at: datetime | None = None) -> ViewState:
        """Handle `command` (asked for at `at`, default now) and acknowledge its writes."""
        transition = self.controller.handle(command, at or self.now)
        while True:
            self.effects += transition.effects
            if transition.write is None:
                break
            write = transition.write
            self.writes += 1
            ack: Stored | NotStored
            if self.refuse is not None:
                ack = NotStored(write.id, self.refuse)
            else:
                self.stored += write.events
                ack = Stored(write.id)
            transition = self.controller.handle(ack, self.now)
        self.state = transition.state
        return self.state

    def open(self, events: Iterable[Event] = (), day: date = DAY) -> ViewState:
        return self.do(DayLoaded(day, tuple(events)))

    def key(self, *outcomes: Outcome) -> ViewState:
        for outcome in outcomes:
            self.do(LogOutcome(outcome))
        return self.state

    def advance(self, seconds: float) -> ViewState:
        """Move the clock on and tick, as the screens' timers do."""
        self.now += timedelta(seconds=seconds)
        return self.do(Tick())

    def kinds(self) -> list[EventKind]:
        return [e.kind for e in self.stored]

    def of(self, kind: EventKind) -> list[Event]:
        return [e for e in self.stored if e.kind is kind]

    @property
    def status(self) -> str:
        return self.state.status.text if self.state.status else ""


def ritual_config(breathe: float = 10, reframe: float = 5, review: float = 5, **more: object) -> Config:
    base = Config(timezone="Europe/Berlin", warmup=False)  # tests about the warm-up turn it on
    return replace(base, ritual=RitualConfig(breathe, reframe, review), **more)  # type: ignore[arg-type]
