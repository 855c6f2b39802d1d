"""The running app's view of the store: today's window of events, kept current by polling the
journal. No textual here, so it is tested on its own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from companion.context import Context
from companion.core.calendar import day_bounds, local
from companion.core.events import Event, EventKind, make_event, new_id
from companion.core.ledger import Ledger
from companion.core.view import SessionView, session_view
from companion.store.store import Cursor, Loaded


class LiveDay:
    """Events from the last week up to now, as one Ledger, plus where the journal was read to."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.day: date = ctx.today()
        self._events: dict[str, Event] = {}
        self._cursor: Cursor | None = None
        self.ledger = Ledger(())
        # Ids this app wrote: never mistaken for another process's calls, and kept across a
        # reload that was read before they landed.
        self._own: set[str] = set()
        self._view: tuple[tuple[int, int], SessionView] | None = None

    def fetch(self) -> tuple[date, Loaded]:
        """Read today's window from the store. Blocking I/O: call it from a thread, then hand
        the result to `apply` on the app's thread."""
        day = self.ctx.today()
        return day, self.ctx.store.load(*self.ctx.window(day))

    def apply(self, fetched: tuple[date, Loaded]) -> list[str]:
        """Replace the window with a fetched one; returns notices for the user."""
        self.day, loaded = fetched
        start, end = self.ctx.window(self.day)
        ours = [e for i, e in self._events.items() if i in self._own and start <= e.at < end]
        self._events = {e.id: e for e in loaded.events}
        self._cursor = loaded.cursor
        self.add(ours)  # durable already; the read may have started before they landed
        return loaded.notices

    def reload(self) -> list[str]:
        """Fetch and apply in one go (tests, and callers already off the UI thread)."""
        return self.apply(self.fetch())

    def poll(self) -> list[Event] | None:
        """Pick up events other processes appended and return them (our own are known already).
        None when the store changed underneath (a fold, an import) and `fetch` is needed."""
        if self._cursor is None:
            return None
        found = self.ctx.store.poll(self._cursor)
        if found is None:
            return None
        events, self._cursor = found
        fresh = [e for e in events if e.id not in self._events]
        if fresh:
            self.add(fresh)  # ours too: on disk means durable
        return [e for e in fresh if e.id not in self._own]

    def mine(self, events: Iterable[Event]) -> None:
        """Mark events as this app's before they are written, so a poll that sees them on disk
        first never takes them for another process's."""
        self._own.update(e.id for e in events)

    def add(self, events: Iterable[Event]) -> None:
        """Take in events that are already durable."""
        for event in events:
            self._events[event.id] = event
        self.ledger = Ledger(self._events.values())
        self._view = None

    def view(self) -> SessionView:
        """The session snapshot for now; built at most once per ledger and clock second, since
        the ritual repaints twelve times a second and the clock ticks four."""
        c = self.ctx
        now = c.clock.now()
        key = (id(self.ledger), int(now.timestamp()))
        if self._view is None or self._view[0] != key:
            view = session_view(self.ledger, c.tz, c.config.targets, c.config.block_minutes, now)
            self._view = (key, view)
        return self._view[1]

    def has(self, event_id: str) -> bool:
        return event_id in self._events

    def unfinished_rituals(self) -> list[Event]:
        """Today's `no`s (of the ritual's `after` set) that this app logged but whose reset never
        ended: the app was closed or killed mid-ritual. They count as interrupted."""
        start, end = day_bounds(self.ctx.today(), self.ctx.tz)
        ended = {r.target for r in self.ledger.rituals}
        after = self.ctx.config.ritual.after
        return [
            e
            for e in self.ledger.outcomes_between(start, end)
            if e.source == "app" and e.outcome in after and e.id not in ended
        ]

    def new_day(self) -> bool:
        """True once the calendar day has turned since the window was loaded."""
        return self.ctx.today() != self.day

    def block_start_needed(self) -> Event | None:
        """A block-start event when no block is open today (the app is opening), else None."""
        start, end = day_bounds(self.ctx.today(), self.ctx.tz)
        if self.ledger.open_block(start, end) is not None:
            return None
        return make_event(EventKind.BLOCK_START, self.now(), session=new_id(), source="app")

    def now(self) -> datetime:
        """Now on the rep's wall clock (events keep the rep's offset)."""
        return local(self.ctx.clock.now(), self.ctx.tz)
