"""Everything a command or the app needs, opened once: paths, config, store, clock, zone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from companion.config import DEFAULT_THEME, Config, load_config, load_config_forgiving
from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, zone
from companion.core.clock import Clock, SystemClock
from companion.core.events import Event
from companion.core.ledger import Ledger
from companion.errors import warn
from companion.paths import Paths
from companion.store.store import Loaded, Store

if TYPE_CHECKING:
    from companion.themes import ThemeSet

# A day's summary reads this many days back: enough for the 7-day other dials per meeting and its week.
WINDOW_DAYS = 7
# The app holds this many: the 24-hour reviews of the last four weeks and the warm-up's rate
# over the 28 days ending yesterday (core.around). Its first frame needs only WINDOW_DAYS.
SESSION_DAYS = 30


@dataclass(frozen=True, slots=True)
class Context:
    paths: Paths
    config: Config
    store: Store
    clock: Clock
    tz: Timezone
    # The app's colour themes; a command reads none (`companion themes` loads its own), and
    # never imports their module: see `themes`.
    loaded_themes: ThemeSet | None = None

    @property
    def themes(self) -> ThemeSet:
        """The themes the app opened with (an empty set for a command)."""
        if self.loaded_themes is None:
            from companion.themes import ThemeSet

            return ThemeSet()
        return self.loaded_themes

    @classmethod
    def open(
        cls,
        paths: Paths | None = None,
        clock: Clock | None = None,
        *,
        app: bool = True,
        forgiving: bool = False,
    ) -> Context:
        """Read config (CompanionError if it is bad) and prepare the data folder. `app=False`
        for a command: the colours are the app's alone, so a theme name the app would refuse
        never keeps `log` or `dial` from storing a call (`companion themes` reads them itself).
        `forgiving` for `log` and `dial`: a bad config is one line on stderr and the built-in
        settings in its place (config.load_config_forgiving), never a lost call."""
        paths = paths or Paths.from_env()
        found: ThemeSet | None = None
        if forgiving:
            config, problem = load_config_forgiving(paths)
            if problem is not None:
                warn(problem)
        elif not app:
            config = load_config(paths)
        else:
            from companion.themes import load_themes

            themes: list[ThemeSet] = []

            def theme_names() -> list[str]:
                themes.append(load_themes(paths.themes_dir))
                return themes[-1].choices()

            config = load_config(paths, theme_names)
            found = themes[-1] if themes else load_themes(paths.themes_dir)
            # A user theme whose file did not load: the default instead, and its line says so.
            config = replace(config, theme=found.fall_back(config.theme, DEFAULT_THEME))
        store = Store(paths.data_dir).prepare()
        if app:
            store.check_writable()  # the app stores calls: one line before a screen if it cannot
        return cls(
            paths,
            config,
            store,
            clock or SystemClock(),
            zone(config.timezone),
            found,
        )

    def append(self, events: list[Event]) -> None:
        """Store `events` durably (the journal), then hand them to the `[hooks] on_event`
        command, if any: only once they are stored, and never waiting for it."""
        self.store.append(events)
        if self.config.on_event:
            from companion.store.hooks import fire

            fire(self.config.on_event, events, self.paths.data_dir, self.config.hook_timeout_s)

    def today(self) -> date:
        return day_of(self.clock.now(), self.tz)

    def window(self, last: date, days: int = WINDOW_DAYS) -> tuple[datetime, datetime]:
        """From the start of `days` days before `last` to the end of the day after it: what
        happened just past midnight to `last`'s calls (an undo, a reset's end) counts for them."""
        return day_bounds(last - timedelta(days=days - 1), self.tz)[0], day_bounds(
            last + timedelta(days=1), self.tz
        )[1]

    def load(self, start: datetime, end: datetime, *, wait_s: float | None = None) -> tuple[Ledger, Loaded]:
        loaded = self.store.load(start, end, wait_s=wait_s)
        return Ledger(loaded.events), loaded
