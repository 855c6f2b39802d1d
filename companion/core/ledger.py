"""Events folded into what counts: live outcomes (voids removed, tags applied), blocks, rituals."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from companion.core.events import Event, EventKind, RitualEnd, sort_key
from companion.core.outcomes import Outcome


@dataclass(frozen=True, slots=True)
class Counts:
    """How many of each thing, by the design's counting rules."""

    dials: int = 0
    conversations: int = 0
    meetings: int = 0
    rejections: int = 0
    by_outcome: Mapping[Outcome, int] = field(default_factory=dict)

    @property
    def connect_rate(self) -> float | None:
        """Conversations per dial; None with no dial. One meaning on every screen and export."""
        return None if self.dials <= 0 else self.conversations / self.dials

    @property
    def meeting_rate(self) -> float | None:
        """Meetings per conversation; None with no conversation."""
        return None if self.conversations <= 0 else self.meetings / self.conversations

    @classmethod
    def of(cls, outcomes: Iterable[Event]) -> Counts:
        """Count live outcome events."""
        tally = Counter(event.outcome for event in outcomes if event.outcome is not None)
        return cls(
            dials=sum(tally.values()),
            conversations=sum(n for outcome, n in tally.items() if outcome.is_conversation),
            meetings=tally[Outcome.MEETING],
            rejections=tally[Outcome.NO],
            by_outcome={outcome: tally[outcome] for outcome in Outcome},
        )


@dataclass(frozen=True, slots=True)
class Pause:
    started: datetime
    ended: datetime | None


@dataclass(frozen=True, slots=True)
class Block:
    """One timed calling period. `also` holds the ids of BLOCK_STARTs read as this block (two
    writers starting it at once): events naming any of them belong to it."""

    id: str
    started: datetime
    ended: datetime | None = None
    pauses: tuple[Pause, ...] = ()
    also: tuple[str, ...] = ()

    @property
    def ids(self) -> frozenset[str]:
        """Every id events may name this block by."""
        return frozenset((self.id, *self.also))

    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].ended is None

    def elapsed_s(self, now: datetime) -> float:
        """Seconds on the block clock at `now`: wall time since the start, pauses excluded."""
        stop = min(now, self.ended) if self.ended else now
        total = (stop - self.started).total_seconds()
        for pause in self.pauses:
            pause_end = pause.ended or stop
            total -= max(0.0, (min(pause_end, stop) - pause.started).total_seconds())
        return max(0.0, total)


@dataclass(frozen=True, slots=True)
class RitualEnding:
    """How one reset ended, as its ritual event recorded it."""

    no_id: str  # the `no` the reset followed
    at: datetime
    no_at: datetime  # when that no was logged (the ending's own time when the no is not known)
    end: RitualEnd
    recovery_s: float | None
    hesitation_s: float | None


class Ledger:
    """A read-only view over a set of events. Build a new one when events arrive."""

    def __init__(self, events: Iterable[Event]) -> None:
        unique = {event.id: event for event in events}
        ordered = sorted(unique.values(), key=sort_key)
        self.events: tuple[Event, ...] = tuple(ordered)
        voided = {e.target for e in ordered if e.kind is EventKind.VOID and e.target}
        tags: dict[str, list[Event]] = {}
        around: dict[EventKind, list[Event]] = {kind: [] for kind in _AROUND}
        # The day around the block (core.around): the latest answer to a review counts.
        self.answers: dict[str, Event] = {}
        # Dial marks from elsewhere (`companion dial`), the first for each no.
        self.dial_marks: dict[str, Event] = {}
        for event in ordered:
            if event.kind is EventKind.TAG and event.target:
                tags.setdefault(event.target, []).append(event)
            elif event.kind is EventKind.DIAL and event.target:
                self.dial_marks.setdefault(event.target, event)
            elif event.kind in _ANSWERS and event.target:
                self.answers[event.target] = event
            elif event.kind in around:
                around[event.kind].append(event)
        self.wins: tuple[Event, ...] = tuple(e for e in around[EventKind.WIN] if e.id not in voided)
        self.focuses: tuple[Event, ...] = tuple(e for e in around[EventKind.FOCUS] if e.id not in voided)
        self.read_backs: tuple[Event, ...] = tuple(around[EventKind.READ_BACK])
        self.nudges: tuple[Event, ...] = tuple(around[EventKind.NUDGE])
        self.voided: frozenset[str] = frozenset(voided)
        self.outcomes: tuple[Event, ...] = tuple(
            _tagged(e, tags.get(e.id, ()))
            for e in ordered
            if e.kind is EventKind.OUTCOME and e.id not in voided
        )
        self._outcome_times = [e.at.astimezone(UTC) for e in self.outcomes]
        self._by_id: dict[str, Event] | None = None
        self.blocks: tuple[Block, ...] = _blocks(ordered)
        # A reset the app closed with an outcome key at Dial is stored in one write with that
        # call, at the same instant. Versions before the dial mark timed such a reset by the
        # key, so its "recovery" held the whole next call: it is read as untimed.
        logged: dict[str, datetime] = {}
        keyed: set[datetime] = set()
        for e in ordered:
            if e.kind is EventKind.OUTCOME:
                logged[e.id] = e.at
                if e.source == "app":
                    keyed.add(e.at)
        # One ending per no: two windows on the same data can each close the same reset (both
        # at the ten-minute break, or both quitting) before either sees the other's; the first
        # stored counts.
        ended: dict[str, RitualEnding] = {}
        for e in ordered:
            if e.kind is EventKind.RITUAL and e.ritual is not None and e.target not in voided:
                no = e.target or ""
                if no not in ended:
                    keyed_at_dial = e.ritual is RitualEnd.COMPLETED and e.at in keyed
                    timed = not keyed_at_dial and e.ritual is not RitualEnd.CUT_SHORT  # never timed
                    ended[no] = RitualEnding(
                        no,
                        e.at,
                        logged.get(no, e.at),
                        e.ritual,
                        e.recovery_s if timed else None,
                        e.hesitation_s if timed else None,
                    )
        self.rituals: tuple[RitualEnding, ...] = tuple(ended.values())

    def outcome(self, event_id: str) -> Event | None:
        """The live outcome with this id (tags applied), or None if it is voided or unknown."""
        if self._by_id is None:
            self._by_id = {e.id: e for e in self.outcomes}
        return self._by_id.get(event_id)

    def outcomes_between(self, start: datetime, end: datetime) -> tuple[Event, ...]:
        """Live outcomes with start <= time < end."""
        lo = bisect_left(self._outcome_times, start.astimezone(UTC))
        hi = bisect_left(self._outcome_times, end.astimezone(UTC))
        return self.outcomes[lo:hi]

    def counts_between(self, start: datetime, end: datetime) -> Counts:
        return Counts.of(self.outcomes_between(start, end))

    def rituals_between(self, start: datetime, end: datetime) -> tuple[RitualEnding, ...]:
        """Resets whose no was logged in [start, end): one that ran past midnight belongs to the
        day of its no."""
        return tuple(r for r in self.rituals if start <= r.no_at < end)

    def open_block(self, start: datetime, end: datetime) -> Block | None:
        """The block started in [start, end) and not ended; the earliest if two apps raced."""
        for block in self.blocks:
            if start <= block.started < end and block.ended is None:
                return block
        return None

    def blocks_between(self, start: datetime, end: datetime) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if start <= b.started < end)

    def block_span(self, block: Block, day_end: datetime) -> tuple[datetime, datetime]:
        """The times whose outcomes belong to `block`: until it ended, the next block began,
        or its day ended, whichever came first."""
        limit = block.ended or day_end
        for other in self.blocks:
            if other.started > block.started:
                limit = min(limit, other.started)
                break
        return block.started, min(limit, day_end)


def _tagged(outcome: Event, tags: Iterable[Event]) -> Event:
    """The outcome with its later tags applied: a set field replaces, an empty one clears."""
    for tag in tags:
        outcome = replace(
            outcome,
            reason=outcome.reason if tag.reason is None else tag.reason or None,
            cause=outcome.cause if tag.cause is None else tag.cause or None,
            note=outcome.note if tag.note is None else tag.note or None,
            felt=outcome.felt if tag.felt is None else tag.felt,
            story=outcome.story if tag.story is None else tag.story or None,
        )
    return outcome


_ANSWERS = frozenset({EventKind.REVIEW, EventKind.DISMISS})
_AROUND = (
    EventKind.WIN,
    EventKind.FOCUS,
    EventKind.READ_BACK,
    EventKind.NUDGE,
)


def _blocks(ordered: Iterable[Event]) -> tuple[Block, ...]:
    """The blocks the events describe. A BLOCK_START that arrives while another block of its
    local day (the date in its own offset) is still open is read as that block: the app's key
    and a dialer hook's `companion log` may both start the block within a second, and one
    block must come of it. Events naming either id belong to it."""
    blocks: dict[str, Block] = {}
    named: dict[str, str] = {}  # every id a block goes by -> the block's own id
    for event in ordered:
        session = event.session
        if event.kind is EventKind.BLOCK_START and session:
            if session in named:
                continue
            day = event.at.date()
            same = next(
                (b for b in blocks.values() if b.ended is None and b.started.date() == day),
                None,
            )
            if same is not None:
                named[session] = same.id
                blocks[same.id] = replace(same, also=(*same.also, session))
            else:
                named[session] = session
                blocks[session] = Block(id=session, started=event.at)
            continue
        block = blocks.get(named.get(session or "", ""))
        if block is None or block.ended is not None:
            continue
        if event.kind is EventKind.BLOCK_END:
            if block.is_paused():
                block = _resumed(block, event.at)
            blocks[block.id] = replace(block, ended=event.at)
        elif event.kind is EventKind.PAUSE and not block.is_paused():
            blocks[block.id] = replace(block, pauses=(*block.pauses, Pause(event.at, None)))
        elif event.kind is EventKind.RESUME and block.is_paused():
            blocks[block.id] = _resumed(block, event.at)
    return tuple(sorted(blocks.values(), key=lambda b: (b.started.astimezone(UTC), b.id)))


def _resumed(block: Block, at: datetime) -> Block:
    last = block.pauses[-1]
    return replace(block, pauses=(*block.pauses[:-1], Pause(last.started, at)))
