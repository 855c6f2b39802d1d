"""What the app reads from before its window once the day is open (session.past.read_around):
the last wins, and an old resume entry not read back, a month at a time from a real store."""

from __future__ import annotations

from datetime import date

from companion.context import Context
from companion.core.events import Event, EventKind
from companion.core.outcomes import Outcome
from companion.session.past import read_around, read_wins, resume_entries
from tests.unit.helpers import event, outcome, t


def _store(ctx: Context, *events: Event) -> None:
    ctx.store.add(events)


def test_an_old_noted_no_never_read_back_is_named_once_then_not_after_a_read_back(ctx: Context) -> None:
    old = outcome(Outcome.NO, t(9, day=date(2026, 4, 20)), note="the one that stung")
    young = outcome(Outcome.NO, t(9, day=date(2026, 10, 1)), note="recent")
    _store(ctx, old, young)
    found = read_around(ctx, ctx.clock.now())
    assert found.unread is not None and found.unread.no.id == old.id
    _store(ctx, event(EventKind.READ_BACK, t(9, day=date(2026, 5, 1))))  # read after it: nothing old unread
    assert read_around(ctx, ctx.clock.now()).unread is None


def test_a_nudge_already_stored_is_never_said_again(ctx: Context) -> None:
    old = outcome(Outcome.NO, t(9, day=date(2026, 3, 2)), note="stung")
    _store(ctx, old, event(EventKind.NUDGE, t(9, day=date(2026, 11, 2)), target=old.id))
    assert read_around(ctx, ctx.clock.now()).unread is None


def test_the_last_three_wins_reach_back_past_the_apps_window(ctx: Context) -> None:
    wins = [
        event(EventKind.WIN, t(16, day=date(2026, 1, 15)), note="January win"),
        outcome(Outcome.MEETING, t(11, day=date(2026, 6, 3)), note="June meeting"),
        event(EventKind.WIN, t(16, day=date(2026, 9, 9)), note="September win"),
        event(EventKind.WIN, t(16, day=date(2026, 11, 20)), note="last week's win"),
    ]
    _store(ctx, *wins)
    found = read_around(ctx, ctx.clock.now())
    assert [w.text for w in found.wins] == ["last week's win", "September win", "June meeting"]
    every, notices = read_wins(ctx)
    assert [w.text for w in every] == ["last week's win", "September win", "June meeting", "January win"]
    assert notices == []


def test_the_resume_reads_the_whole_history_but_keeps_only_what_it_needs(ctx: Context) -> None:
    noted = outcome(Outcome.NO, t(9, day=date(2025, 2, 3)), note="an old lesson")
    plain = outcome(Outcome.NO, t(9, day=date(2025, 2, 3)))
    review = event(EventKind.REVIEW, t(10, day=date(2025, 2, 4)), target=plain.id, lesson="ask sooner")
    dismissed = outcome(Outcome.NO, t(9, day=date(2026, 5, 5)), note="not worth it")
    _store(
        ctx,
        noted,
        plain,
        review,
        dismissed,
        event(EventKind.DISMISS, t(9, day=date(2026, 5, 6)), target=dismissed.id),
    )
    entries, _ = resume_entries(ctx)
    assert {(e.no.id, e.lesson) for e in entries} == {(noted.id, None), (plain.id, "ask sooner")}


def test_wins_and_old_entries_still_in_the_journal_are_found_before_any_fold(ctx: Context) -> None:
    """A light user's journal may go months without a fold: what is only there counts too."""
    meeting = outcome(Outcome.MEETING, t(11, day=date(2026, 1, 12)), note="from the journal")
    old = outcome(Outcome.NO, t(9, day=date(2026, 2, 2)), note="stung, never folded")
    ctx.store.append([meeting, old])
    assert ctx.store.archive.months() == []
    found = read_around(ctx, ctx.clock.now())
    assert [w.text for w in found.wins] == ["from the journal"]
    assert found.unread is not None and found.unread.no.id == old.id


def test_a_damaged_month_met_on_the_way_is_told(ctx: Context) -> None:
    _store(ctx, outcome(Outcome.MEETING, t(11, day=date(2026, 8, 3)), note="august"))
    (ctx.store.archive.directory / "2026-08.json").write_text("{not json")
    found = read_around(ctx, ctx.clock.now())
    assert found.notices and "2026-08" in " ".join(found.notices)
