"""What a read config.toml is: a frozen Config. Its fields' defaults are the settings' defaults
(the table in settings.py reads them from here; Targets' from the core)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from companion.core.breath import DEFAULT_BREATH, DEFAULT_BREATHS
from companion.core.events import Event
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.ritual import RitualSchedule

DEFAULT_THEME = "companion-calm"
OUTSIDE = ("reset", "count")
GATE = ("hold", "let-through")
MOTION = ("full", "reduced")


@dataclass(frozen=True, slots=True)
class RitualConfig:
    breathe_s: float = 10.0
    reframe_s: float = 5.0
    review_s: float = 5.0
    after: frozenset[Outcome] = frozenset({Outcome.NO})
    # The long reset after a hard no (N) puts these first.
    perspective_s: float = 20.0
    so_what_s: float = 20.0
    story_s: float = 30.0
    breath: tuple[float, float] = DEFAULT_BREATH  # seconds in, seconds out: the in:out ratio
    breaths: int = DEFAULT_BREATHS  # whole breaths in the Breathe step; 0: as many of `breath` as fit
    own_reframes: tuple[str, ...] = ()  # the rep's lines from reframes.txt
    outside: str = "reset"  # a no logged by another process for now: "reset" opens one, "count" counts
    # A call logged during the timed steps: "hold" refuses it (the steps are locked), "let-through"
    # (power dialers) logs it and ends the reset as cut short.
    gate: str = "hold"

    def schedule(self, call: Event) -> RitualSchedule | None:
        """The reset after `call`, laid out from its time; None when it starts none. A hard no
        gets the long reset."""
        if not self.follows(call) or (self.outside == "count" and call.source != "app"):
            return None  # (a call logged elsewhere only counts, when the rep said so)
        long_s = (self.perspective_s, self.so_what_s, self.story_s) if call.hard else None
        return RitualSchedule(call.at, self.breathe_s, self.reframe_s, self.review_s, long_s)

    def follows(self, call: Event) -> bool:
        """True when a reset starts after this call: its outcome is in `after` (empty turns the
        reset off), or it is a hard no, which asked for the long reset by name."""
        return bool(call.hard) or (call.outcome is not None and call.outcome in self.after)


@dataclass(frozen=True, slots=True)
class Config:
    targets: Targets = field(default_factory=Targets)
    block_minutes: int = 90
    blocks_per_day: int = 2  # a block's dial target: the day's dials still needed, over the blocks left
    timezone: str = "UTC"
    ritual: RitualConfig = field(default_factory=RitualConfig)
    theme: str = DEFAULT_THEME
    bell: bool = False
    motion: str = "full"  # "reduced": nothing moves; the breath in words, repaints only on a change
    plain: bool = False  # words instead of bars, blocks, braille and box drawing
    warmup: bool = True  # open the warm-up by itself on the day's first start, before any call
    keys: tuple[tuple[str, str], ...] = ()  # [keys]: binding id -> key(s), checked by the app
    # [dispositions]: a dialer's own word -> our outcome, for `companion log` and imports
    dispositions: tuple[tuple[str, Outcome], ...] = ()
    on_event: str = ""  # [hooks]: a command run for each stored event, the event on its stdin
    hook_timeout_s: float = 20.0


def own_key(keys: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key the rep presses for `binding_id`: their own from `[keys]` (the first, when they
    gave several), else `default`. For the words the app says, such as "Press s again"."""
    mine = keys.get(binding_id)
    return mine.split(",")[0].strip() if mine else default
