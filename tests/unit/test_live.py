"""The app's live window over the store, without textual: own events, reloads, foreign calls."""

from __future__ import annotations

from companion.context import Context
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.live import LiveDay
from tests.conftest import START


def call(outcome: Outcome = Outcome.NO, source: str = "app") -> object:
    return make_event(EventKind.OUTCOME, START, outcome=outcome, source=source)


def test_our_own_call_seen_on_disk_before_we_add_it_is_not_foreign(ctx: Context) -> None:
    live = LiveDay(ctx)
    live.reload()
    ours = make_event(EventKind.OUTCOME, START, outcome=Outcome.NO, source="app")
    live.mine([ours])
    ctx.store.append([ours])  # the writer thread finished; the UI has not added it yet
    assert live.poll() == []  # seen, taken in, and not reported as another process's call
    assert live.ledger.counts_between(*ctx.window(live.day)).rejections == 1


def test_a_call_from_elsewhere_is_reported_once(ctx: Context) -> None:
    live = LiveDay(ctx)
    live.reload()
    theirs = make_event(EventKind.OUTCOME, START, outcome=Outcome.MEETING, source="cli")
    Context.open(ctx.paths, clock=ctx.clock).store.append([theirs])
    assert [e.id for e in live.poll() or []] == [theirs.id]
    assert live.poll() == []


def test_a_reload_read_before_our_write_landed_keeps_our_call(ctx: Context) -> None:
    live = LiveDay(ctx)
    fetched = live.fetch()  # a reload starts reading...
    ours = make_event(EventKind.OUTCOME, START, outcome=Outcome.VOICEMAIL, source="app")
    live.mine([ours])
    ctx.store.append([ours])
    live.add([ours])  # ...our write lands and is shown...
    live.apply(fetched)  # ...then the older read is applied
    assert live.ledger.counts_between(*ctx.window(live.day)).dials == 1


def test_the_view_is_rebuilt_when_events_arrive_or_the_second_turns(ctx: Context) -> None:
    live = LiveDay(ctx)
    live.reload()
    first = live.view()
    assert live.view() is first
    live.add([make_event(EventKind.OUTCOME, START, outcome=Outcome.NO)])
    second = live.view()
    assert second is not first and second.counts.dials == 1
    ctx.clock.advance(1)  # type: ignore[attr-defined]
    assert live.view() is not second
