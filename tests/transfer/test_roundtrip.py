"""Round trips: a JSON export read back gives every summary exactly; a CSV export gives the same
calls. Histories are generated, DST change, voids, tags, rituals and blocks included."""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.calendar import day_of, local, zone
from companion.core.events import Event, EventKind, RitualEnd, make_event
from companion.core.ledger import Ledger
from companion.core.numbers import Targets
from companion.core.outcomes import Outcome
from companion.core.summary import summarize_day, summarize_week
from companion.core.tags import CAUSES, REASONS, clean_note
from companion.transfer import Window, read_import, to_csv, to_json
from companion.transfer.export import json_events
from tests.conftest import ZONE

TZ = zone(ZONE)
# Three weeks around the autumn DST change (Sun 25 Oct 2026 in Berlin).
FIRST = pendulum.datetime(2026, 10, 19, 0, 0, tz=ZONE)
SPAN_S = 21 * 24 * 3600
NOW = FIRST + timedelta(seconds=SPAN_S)
TARGETS = Targets()
SESSIONS = ("block-a", "block-b", "block-c")
OFFSETS = (UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-7)))

moments = st.builds(
    lambda s, us: FIRST + timedelta(seconds=s, microseconds=us),
    st.integers(0, SPAN_S - 1),
    st.sampled_from((0, 0, 0, 250_000, 123_457)),
)
shown_as = st.sampled_from((lambda m: local(m, TZ), *(lambda m, o=o: m.astimezone(o) for o in OFFSETS)))
notes = st.one_of(st.none(), st.just(""), st.text(max_size=40).map(clean_note))
actions = st.sampled_from(("call", "call", "call", "void", "tag", "ritual", "block"))
outcomes = st.sampled_from(list(Outcome))
sessions = st.one_of(st.none(), st.sampled_from(SESSIONS))
reasons = st.one_of(st.none(), st.sampled_from(REASONS))
tag_reasons = st.one_of(st.none(), st.just(""), st.sampled_from(REASONS))
tag_causes = st.one_of(st.none(), st.just(""), st.sampled_from(CAUSES))
ritual_ends = st.sampled_from(list(RitualEnd))
seconds = st.floats(0, 900, allow_nan=False).map(lambda x: round(x, 1))
block_kinds = st.sampled_from((EventKind.BLOCK_START, EventKind.BLOCK_END, EventKind.PAUSE, EventKind.RESUME))


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    events: list[Event] = []
    calls: list[Event] = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(actions)
        at = draw(shown_as)(draw(moments))
        if kind == "call" or not calls:
            fields = {"outcome": draw(outcomes), "session": draw(sessions), "reason": draw(reasons)}
            calls.append(make_event(EventKind.OUTCOME, at, note=draw(notes) or None, **fields))
            events.append(calls[-1])
            continue
        target = calls[draw(st.integers(0, len(calls) - 1))].id
        if kind == "void":
            events.append(make_event(EventKind.VOID, at, target=target))
        elif kind == "tag":
            fields = {"reason": draw(tag_reasons), "cause": draw(tag_causes), "note": draw(notes)}
            events.append(make_event(EventKind.TAG, at, target=target, **fields))
        elif kind == "ritual":
            end = draw(ritual_ends)
            timed = end is RitualEnd.COMPLETED and draw(st.booleans())
            recovery, hesitation = (draw(seconds), draw(seconds)) if timed else (None, None)
            events.append(
                make_event(
                    EventKind.RITUAL,
                    at,
                    target=target,
                    ritual=end,
                    recovery_s=recovery,
                    hesitation_s=hesitation,
                )
            )
        else:
            events.append(make_event(draw(block_kinds), at, session=draw(st.sampled_from(SESSIONS))))
    return events


def days() -> list[date]:
    first = day_of(FIRST, TZ)
    return [first + timedelta(days=n) for n in range(-1, 23)]


def summaries(events: list[Event]) -> list[dict[str, Any]]:
    ledger = Ledger(events)
    found = [summarize_day(ledger, day, TZ, TARGETS).as_dict() for day in days()]
    found += [summarize_week(ledger, day, TZ, TARGETS).as_dict() for day in days()[::7]]
    return found


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(histories())
def test_json_round_trip_gives_every_summary_exactly(events: list[Event]) -> None:
    back = read_import(to_json(events, Window(TZ)), TZ, NOW)
    assert [e.to_dict() for e in back] == [e.to_dict() for e in json_events(events, Window(TZ))]
    assert summaries(back) == summaries(events)


@SETTINGS
@given(histories())
def test_csv_round_trip_gives_the_same_calls(events: list[Event]) -> None:
    back = read_import(to_csv(events, Window(TZ)), TZ, NOW)
    original, returned = Ledger(events), Ledger(back)
    for day in days():
        assert (
            summarize_day(returned, day, TZ, TARGETS).counts
            == summarize_day(original, day, TZ, TARGETS).counts
        )

    def calls(ledger: Ledger) -> list[tuple[object, ...]]:
        return [(e.id, e.at, e.outcome, e.reason, e.cause, e.note, e.session) for e in ledger.outcomes]

    assert calls(returned) == calls(original)


@SETTINGS
@given(histories())
def test_a_minimal_csv_read_twice_gives_the_same_ids(events: list[Event]) -> None:
    text = to_csv(events, Window(TZ))
    minimal = "timestamp,outcome\n" + "".join(
        f"{line.split(',')[0]},{line.split(',')[1]}\n" for line in text.splitlines()[1:]
    )
    first, second = read_import(minimal, TZ, NOW), read_import(minimal, TZ, NOW)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(Ledger(events).outcomes)
