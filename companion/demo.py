"""`companion --demo`: the app on a throw-away home seeded with a few weeks of realistic history.

The history generator is pure (seeded, clock passed in) so benchmarks and tests reuse it."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from companion.config import RitualConfig
from companion.core.calendar import Zone as Timezone
from companion.core.calendar import day_bounds, day_of, local
from companion.core.events import Event, EventKind, RitualEnd, make_event, new_id
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSES, REASONS

if TYPE_CHECKING:
    from companion.context import Context

# Roughly what a busy SDR's dials end as.
MIX: tuple[tuple[Outcome, float], ...] = (
    (Outcome.NO_ANSWER, 0.325),
    (Outcome.VOICEMAIL, 0.24),
    (Outcome.GATEKEEPER, 0.12),
    (Outcome.NO, 0.17),
    (Outcome.NOT_FIT, 0.05),
    (Outcome.CALLBACK, 0.05),
    (Outcome.MEETING, 0.045),
)
NOTES = (
    "asked about pricing before I opened",
    "renewal with incumbent in Q3",
    "said send an email, then hung up",
    "CFO owns this; try her directly",
    "went too fast into the pitch",
    "[bold]not now[/bold], maybe spring",
)
_STEPS = RitualConfig()
RITUAL_S = _STEPS.breathe_s + _STEPS.reframe_s + _STEPS.review_s  # at the default lengths
LONG_S = _STEPS.perspective_s + _STEPS.so_what_s + _STEPS.story_s  # the long reset's, first
STORIES = (
    "I'm just not cut out for this",
    "everyone on this list can hear I'm new",
    "I ruined the best lead of the week",
    "they all think cold calls are spam",
)
# The day around the block, written by a rep who reviews most mornings.
LESSONS = (
    "ask about budget before the demo, not after it",
    "slow down in the first thirty seconds",
    "name what waiting costs before they say later",
    "find the second decision maker on the first call",
    "let the silence work after the price",
    "ask what they would change about the incumbent",
)
MEETING_NOTES = (
    "demo Thursday 10am with the ops lead",
    "CFO joins; send the case study first",
    "intro call booked after a no in the spring",
    "she wants her team on the call",
)
WINS = (
    "the gatekeeper put me straight through on the second try",
    "a prospect thanked me for a useful call, no meeting needed",
    "a VP who said no last month asked for a follow-up",
    "stayed calm on a budget objection and kept the call going",
)


def history(now: datetime, tz: Timezone, days: int = 21, seed: int = 7) -> list[Event]:
    """Working days of blocks, dials, tags and rituals ending before `now`, today's morning
    included. Hesitation shrinks over the weeks, as it does with practice."""
    rng = random.Random(seed)
    today = day_of(now, tz)
    events: list[Event] = []
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        progress = 1.0 - back / max(days, 1)
        events.extend(_day(rng, day, tz, now, progress))
    # A generator of its own: the calls above are the same with or without what follows.
    return _around(random.Random(seed + 1), events, now, tz)


def _around(rng: random.Random, events: list[Event], now: datetime, tz: Timezone) -> list[Event]:
    """How bad tagged no's felt, their 24-hour reviews (most answered, some dismissed, the
    last day's still due), a win added now and then, and the resume read back once."""
    from companion.core.due import due_at, reviewable

    found: list[Event] = []
    for event in events:
        if event.outcome is Outcome.NO and event.reason and rng.random() < 0.7:
            event = replace(event, felt=rng.choice((2, 3, 3, 4, 4, 5)))
        elif event.outcome is Outcome.MEETING and rng.random() < 0.6:
            event = replace(event, note=rng.choice(MEETING_NOTES))
        found.append(event)
        if not reviewable(event):
            continue
        answered_at = due_at(event) + timedelta(minutes=rng.randint(20, 600))
        if answered_at >= now - timedelta(days=1):
            continue
        roll = rng.random()
        if roll < 0.75:
            felt_now = max(1, (event.felt or 3) - rng.randint(1, 2))
            found.append(
                _at(
                    EventKind.REVIEW,
                    answered_at,
                    tz,
                    target=event.id,
                    lesson=rng.choice(LESSONS),
                    felt=felt_now,
                )
            )
        elif roll < 0.85:
            found.append(_at(EventKind.DISMISS, answered_at, tz, target=event.id))
    days = sorted({day_of(e.at, tz) for e in events if e.kind is EventKind.BLOCK_START})
    for n, day in enumerate(days[:-1]):
        if n % 4 == 1:
            found.append(_at(EventKind.WIN, day_bounds(day, tz)[0] + timedelta(hours=16, minutes=n), tz,
                             note=rng.choice(WINS)))  # fmt: skip
    if len(days) > 8:
        found.append(_at(EventKind.READ_BACK, day_bounds(days[-8], tz)[0] + timedelta(hours=17), tz))
    return found


def _day(rng: random.Random, day: date, tz: Timezone, now: datetime, progress: float) -> Iterator[Event]:
    start_of_day = day_bounds(day, tz)[0]
    hours = (9, 14) if rng.random() < 0.3 else (10,)
    for hour in hours if day < day_of(now, tz) else (9,):
        block_start = start_of_day + timedelta(hours=hour, minutes=rng.randint(0, 20))
        if block_start >= now:
            return
        session = new_id()
        yield _at(EventKind.BLOCK_START, block_start, tz, session=session)
        moment = block_start
        end = block_start + timedelta(minutes=rng.randint(60, 95) if day < day_of(now, tz) else 40)
        while True:
            moment += timedelta(seconds=rng.randint(70, 190))
            if moment >= min(end, now - timedelta(minutes=1)):
                break
            outcome = rng.choices([o for o, _ in MIX], [w for _, w in MIX])[0]
            dial = _dial(rng, outcome, moment, tz, session)
            if outcome is Outcome.NO and rng.random() < 0.04:  # one that landed hard
                story = rng.choice(STORIES) if rng.random() < 0.7 else None
                dial = replace(dial, hard=True, story=story)
            yield dial
            if outcome is Outcome.NO:
                yield from _reset(rng, dial, progress, tz, session)
                moment += timedelta(seconds=RITUAL_S + (LONG_S if dial.hard else 0) + 30)
        if end < now:
            yield _at(EventKind.BLOCK_END, end, tz, session=session)
        else:
            return


def _dial(rng: random.Random, outcome: Outcome, moment: datetime, tz: Timezone, session: str) -> Event:
    tagged = outcome is Outcome.NO and rng.random() < 0.6
    return _at(
        EventKind.OUTCOME,
        moment,
        tz,
        session=session,
        outcome=outcome,
        reason=rng.choice(REASONS) if tagged else None,
        cause=rng.choice(CAUSES) if tagged and rng.random() < 0.5 else None,
        note=rng.choice(NOTES) if tagged and rng.random() < 0.2 else None,
    )


def _reset(rng: random.Random, no: Event, progress: float, tz: Timezone, session: str) -> Iterator[Event]:
    roll = rng.random()
    if roll < 0.08:
        yield _at(
            EventKind.RITUAL,
            no.at + timedelta(seconds=3),
            tz,
            session=session,
            target=no.id,
            ritual=RitualEnd.SKIPPED,
        )
        return
    steps = RITUAL_S + (LONG_S if no.hard else 0)
    if roll < 0.2:  # the next call ended before Enter at Dial: done, not timed
        yield _at(
            EventKind.RITUAL,
            no.at + timedelta(seconds=steps + rng.randint(25, 90)),
            tz,
            session=session,
            target=no.id,
            ritual=RitualEnd.COMPLETED,
        )
        return
    hesitation = max(1.0, rng.gauss(28 - 22 * progress, 4))
    recovery = steps + hesitation
    yield _at(
        EventKind.RITUAL,
        no.at + timedelta(seconds=recovery),
        tz,
        session=session,
        target=no.id,
        ritual=RitualEnd.COMPLETED,
        recovery_s=round(recovery, 1),
        hesitation_s=round(hesitation, 1),
    )


def _at(kind: EventKind, moment: datetime, tz: Timezone, **fields: object) -> Event:
    return make_event(kind, local(moment, tz), source="demo", **fields)


@contextmanager
def demo_home() -> Iterator[Context]:
    """A temporary home seeded with a few weeks of history, deleted when the app closes."""
    from companion.config import default_zone_name
    from companion.context import Context
    from companion.core.calendar import zone
    from companion.paths import Paths

    with tempfile.TemporaryDirectory(prefix="companion-demo-") as home:
        root = Path(home)
        paths = Paths(config_dir=root, data_dir=root / "data")
        name = default_zone_name(None)  # the demo's own config is thrown away: TZ is the fix
        paths.config_file.write_text(f'[session]\ntimezone = "{name}"\n', encoding="utf-8")
        ctx = Context.open(paths)
        ctx.store.add(history(ctx.clock.now(), zone(name)))
        yield ctx
