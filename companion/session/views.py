"""The ViewState's parts, built from what the controller holds: the day's numbers (at most once
per ledger and clock second, since ticks come many times a second), the reset on screen, and
the summary of a block just ended (once per ledger)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from companion.config import Config
from companion.core.calendar import Zone, day_bounds, day_of
from companion.core.ledger import Block, Ledger
from companion.core.view import DayView, day_view, standing_of
from companion.session.state import AroundView, RitualView, SummaryView

if TYPE_CHECKING:
    from companion.core.around import Win
    from companion.core.outside import OutsideShare
    from companion.session.ritual import LiveRitual


class Views:
    def __init__(self, config: Config, tz: Zone) -> None:
        self.config = config
        self.tz = tz
        self._day: tuple[tuple[int, int], DayView] | None = None
        self._summary: tuple[tuple[int, str], SummaryView] | None = None
        self._around: tuple[tuple[object, ...], AroundView] | None = None
        # The share outside the rep's control changes with the ledger or the day, not the clock.
        self._outside: tuple[tuple[int, date], OutsideShare] | None = None

    def day(self, ledger: Ledger, version: int, now: datetime) -> DayView:
        key = (version, int(now.timestamp()))
        if self._day is None or self._day[0] != key:
            c = self.config
            self._day = (
                key,
                day_view(ledger, self.tz, c.targets, c.block_minutes, now, blocks_per_day=c.blocks_per_day),
            )
        return self._day[1]

    def ritual(self, ritual: LiveRitual | None, ledger: Ledger, now: datetime) -> RitualView | None:
        if ritual is None:
            return None
        from companion.core.reframes import SCRIPT  # loaded with the reset's first no

        moment = ritual.schedule.at(now)
        at_dial = ritual.at_dial(now)
        no = ledger.outcome(ritual.no.id) or ritual.no  # with the tags given since
        return RitualView(
            no_id=no.id,
            no_at=no.at,
            step=moment.step,
            at_dial=at_dial,
            left_s=ritual.waited(now) if at_dial else moment.left_s,
            progress=moment.progress,
            step_elapsed_s=moment.step_elapsed_s,
            cue=ritual.cue(now),
            reframe=ritual.reframe,
            reason=no.reason,
            cause=no.cause,
            note=no.note,
            steps=ritual.schedule.steps,
            step_length_s=moment.step_length_s,
            breath=self.config.ritual.breath,
            hard=ritual.schedule.is_long,
            story=no.story,
            writing=ritual.is_writing,
            let_through=ritual.let_through,
            mantra=SCRIPT.text,
            breaths=self.config.ritual.breaths,
        )

    def summary(self, block: Block | None, ledger: Ledger, version: int, now: datetime) -> SummaryView | None:
        """The summary of `block`, on the day it began (still, once midnight has passed)."""
        if block is None:
            return None
        key = (version, block.id)
        if self._summary is None or self._summary[0] != key:
            from companion.core.insights import day_report  # with the first summary

            day = day_of(block.started, self.tz)
            report = day_report(ledger, day, self.tz, now, block)
            c = self.config
            standing = standing_of(
                ledger,
                block,
                *day_bounds(day, self.tz),
                c.targets,
                c.block_minutes * 60.0,
                c.blocks_per_day,
                now,
            )
            self._summary = (key, SummaryView(block, report, standing))
        return self._summary[1]

    def around(
        self,
        ledger: Ledger,
        version: int,
        now: datetime,
        earlier_wins: tuple[Win, ...],
        warmup_until: datetime | None,
    ) -> AroundView:
        """Reviews due (they fall due by the clock), today's focus, and the warm-up while it
        is open: at most once per ledger and clock second."""
        key = (version, int(now.timestamp()), earlier_wins, warmup_until)
        if self._around is None or self._around[0] != key:
            from companion.core.around import focus_on, warmup
            from companion.core.due import reviews
            from companion.core.outside import review_outside

            today = day_of(now, self.tz)
            found = reviews(ledger, now)
            warm = None
            left = 0.0
            if warmup_until is not None:
                warm = warmup(ledger, today, self.tz, self.config.targets, earlier_wins)
                left = max(0.0, (warmup_until - now).total_seconds())
            focus = warm.focus if warm is not None else focus_on(ledger, today, self.tz)
            if self._outside is None or self._outside[0] != (version, today):
                self._outside = ((version, today), review_outside(ledger, now, self.tz))
            outside = self._outside[1]
            self._around = (key, AroundView(found.due, found.waiting, focus, warm, left, version, outside))
        return self._around[1]
