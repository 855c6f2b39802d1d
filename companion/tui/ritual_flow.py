"""The reset ritual's side of the app: starting it after a `no`, and storing how it ended
(completed with recovery time, skipped, cancelled by undo, interrupted) before leaving it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.core.calendar import local
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, clean_note
from companion.tui.text import hhmm, seconds

if TYPE_CHECKING:
    from companion.core.ritual import Ending, Ritual
    from companion.tui.app import CompanionApp
    from companion.tui.screens.ritual import RitualScreen


class RitualFlow:
    """Owned by the app; at most one ritual runs at a time."""

    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        self.screen: RitualScreen | None = None
        self.last_reframe: str | None = None
        self._ending = False  # an ending is being written: no second one for the same no
        self._idle_closed: str | None = None  # the no whose idle reset we tried to close

    @property
    def active(self) -> bool:
        return self.screen is not None

    async def close_if_abandoned(self) -> None:
        """A reset left at Dial past DIAL_WAIT_MAX_S is a break, not a recovery: close it,
        unmeasured. Tried once per reset, so a failing disk is not retried on every poll."""
        from companion.core.ritual import DIAL_WAIT_MAX_S

        screen = self.screen
        if screen is None or screen.ritual.no_id == self._idle_closed:
            return
        if screen.ritual.abandoned(self.app.ctx.clock.now()):
            self._idle_closed = screen.ritual.no_id
            minutes = round(DIAL_WAIT_MAX_S / 60)
            await self.interrupt(
                f"Reset closed: {minutes} min at Dial is a break, not a recovery.", sticky=True
            )

    def start(self, no: Event, opening: str | None = None) -> None:
        # The reset's modules load with the first `no`, not on the way to the first paint.
        from companion.core.ritual import Ritual
        from companion.tui.screens.ritual import RitualScreen

        r = self.app.ctx.config.ritual
        ritual = Ritual(no.id, no.at, r.breathe_s, r.reframe_s, r.review_s)
        self.screen = RitualScreen(ritual, hhmm(no.at, self.app.ctx.tz), self.app.rng, opening)
        self.app.push_screen(self.screen)

    def ending_event(self, no_id: str, ending: Ending) -> Event:
        no = next((e for e in self.app.live.ledger.outcomes if e.id == no_id), None)
        return make_event(
            EventKind.RITUAL,
            local(ending.at, self.app.ctx.tz),
            target=no_id,
            session=no.session if no else None,
            ritual=ending.end,
            recovery_s=ending.recovery_s,
            hesitation_s=ending.hesitation_s,
            source="app",
        )

    async def _end(self, events: list[Event]) -> bool:
        """Store the ending (and anything with it), then leave the ritual screen, and any
        screen opened over it (help, the command palette). One ending at a time: a second
        (Enter while a call from elsewhere closes the reset) finds the first under way."""
        if self._ending:
            return False
        self._ending = True
        try:
            if not await self.app.record(events):
                return False
        finally:
            self._ending = False
        screen, self.screen = self.screen, None
        while screen is not None and screen in self.app.screen_stack:
            self.app.pop_screen()
        return True

    async def finish(self, ending: Ending, then_log: Outcome | None = None) -> None:
        """Completed (with recovery time) or skipped; `then_log` is an outcome key pressed at Dial."""
        if self.screen is None:
            return
        events = [self.ending_event(self.screen.ritual.no_id, ending)]
        next_call = None
        if then_log is not None:
            next_call = self.app.new_outcome(then_log, local(ending.at, self.app.ctx.tz))
            events.append(next_call)
        if not await self._end(events):
            return
        say = self.app.session.say
        if ending.end is RitualEnd.SKIPPED:
            say("Reset skipped. Next call: fresh start.")
        elif next_call is not None and then_log is not None:
            said = f"Recovered in {seconds(ending.recovery_s)} · logged {then_log.value}"
            if then_log in self.app.ctx.config.ritual.after:
                self.start(next_call, opening=said)  # the session screen would be hidden
            else:
                say(said)
        else:
            say(f"Recovered in {seconds(ending.recovery_s)}. Go get the next one.")

    async def cancel(self, ritual: Ritual) -> None:
        """`u` in the ritual: the no was a mis-key. Void it and end the reset."""
        now = self.app.ctx.clock.now()
        void = make_event(EventKind.VOID, local(now, self.app.ctx.tz), target=ritual.no_id, source="app")
        if await self._end([void, self.ending_event(ritual.no_id, ritual.cancel(now))]):
            self.app.session.say("Undone: the no is voided and the reset cancelled.")

    async def interrupt(self, why: str | None = None, *, sticky: bool = False) -> bool:
        """Another process logged a call, or the app is closing: no recovery time."""
        if self.screen is None:
            return True
        ritual = self.screen.ritual
        ending = self.ending_event(ritual.no_id, ritual.interrupt(self.app.ctx.clock.now()))
        if not await self._end([ending]):
            return False
        if why:
            self.app.session.say(why, sticky=sticky)
        return True

    async def tag(self, no_id: str, **tags: str) -> None:
        """Reason, cause or note on a `no`; a new event, so history stays as it was."""
        if "note" in tags:
            tags["note"] = clean_note(tags["note"])
        event = make_event(EventKind.TAG, self.app.live.now(), target=no_id, source="app", **tags)
        if not await self.app.record([event]):
            return
        if self.screen is not None:
            return  # the reset shows its tags on their own line
        what = ", ".join(CAUSE_LABELS.get(v, v) for k, v in tags.items() if v and k != "note")
        self.app.session.say(f"Tagged: {what}" if what else "Note saved.")

    def unfinished_endings(self) -> list[Event]:
        """Interrupted endings for resets a killed or closed app left open."""
        now = self.app.live.now()
        return [
            make_event(
                EventKind.RITUAL,
                now,
                target=no.id,
                session=no.session,
                ritual=RitualEnd.INTERRUPTED,
                source="app",
            )
            for no in self.app.live.unfinished_rituals()
        ]
