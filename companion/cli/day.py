"""The day's commands: `companion log`, `dial`, `status`, `summary` and `themes`. Each takes the
context and the parsed arguments and returns an exit status; bad input raises CompanionError
(one line, exit 2), and nothing is written."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from companion.cli.output import out, stored
from companion.context import Context
from companion.core.calendar import Zone, day_bounds, day_of, local
from companion.core.events import Event, EventKind, check_range, make_event, new_id
from companion.core.ledger import Ledger
from companion.core.outcomes import Outcome, OutcomeWords
from companion.core.ritual import waiting_for_dial
from companion.core.tags import clean_note, note_too_long, parse_cause, parse_reason
from companion.core.words import AT_DIAL, RECOVERY, others, percent, seconds
from companion.errors import CompanionError, warn
from companion.errors import reason as reason_of

if TYPE_CHECKING:
    from argparse import Namespace

    from companion.core.summary import Summary

FUTURE_LIMIT_S = 60.0
LOG_READ_WAIT_S = 2.0
# A call logged at most this long ago, today, is live (a dialer's hook, a hotkey): with no block
# of the day open, it starts one. One logged later than that is back-filled: it starts none.
LIVE_S = 10 * 60.0


def log(ctx: Context, args: Namespace) -> int:
    """`companion log OUTCOME`: record one outcome durably and print the day's counters."""
    try:  # ours, a dialer's word ("Left Voicemail") or the rep's own from [dispositions]
        outcome, said_reason = OutcomeWords(ctx.config.dispositions).read(args.outcome)
    except ValueError as error:
        raise CompanionError(f"{error}; nothing was saved") from None
    reason: str | None = args.reason
    cause: str | None = args.cause
    felt: int | None = args.felt
    hard: bool = args.hard
    for flag, given in (("--reason", reason), ("--cause", cause), ("--felt", felt), ("--hard", hard or None)):
        if given is not None and outcome is not Outcome.NO:
            raise CompanionError(
                f"{flag} tags a rejection, and {outcome.value} is not one; it is valid with: no"
                " (use --note for anything else)"
            )
    try:
        reason = parse_reason(reason) if reason is not None else said_reason
        cause = parse_cause(cause) if cause is not None else None
    except ValueError as error:
        raise CompanionError(str(error)) from None
    kept_note = clean_note(args.note) or None if args.note is not None else None
    too_long = note_too_long(kept_note or "")
    if too_long:
        raise CompanionError(f"{too_long}; nothing was saved (shorten it, or keep the rest elsewhere)")
    now = ctx.clock.now()
    when, clock_change = now, ""
    if args.at is not None:
        from companion.cli.times import parse_when  # here: a hook logs every call, mostly "now"

        when, clock_change = parse_when(args.at, ctx)
    if (when - now).total_seconds() > FUTURE_LIMIT_S:
        raise CompanionError(
            f"time {when.isoformat()} is in the future; log calls that happened (up to a minute ahead)"
        )
    try:
        check_range(local(when, ctx.tz))
    except ValueError as error:
        raise CompanionError(f"{error}; nothing was saved") from None
    day = day_of(when, ctx.tz)
    day_start, day_end = day_bounds(day, ctx.tz)
    # The day is read only to name the block and print the counters. Writing never depends on
    # reading the past: a long import holding the store, or a month that cannot be read, must
    # never delay or drop the call itself, which takes the journal lock alone.
    ledger: Ledger | None
    unread: str | None
    try:
        ledger, loaded = ctx.load(day_start, day_end, wait_s=LOG_READ_WAIT_S)
    except (CompanionError, OSError) as error:
        ledger, unread = None, reason_of(error)
    else:
        unread = None
        for notice in loaded.notices:
            warn(notice)
    session, block_start = _block_for(ledger, when, now, ctx.tz)
    event = make_event(
        EventKind.OUTCOME,
        local(when, ctx.tz),
        outcome=outcome,
        reason=reason,
        cause=cause,
        note=kept_note,
        felt=felt,
        hard=hard or None,
        session=session,
        source="cli",
    )
    ctx.append([*block_start, event])  # a block's start and its first call: one write
    stored()  # from here on, nothing turns this call into a failure (companion.cli.output)
    if unread is not None:
        warn(f"the call is saved, but the day could not be read: {unread}")
    ctx.store.fold_if_large()
    tags = ", ".join(tag.replace("-", " ") for tag in (reason, cause) if tag)
    what = ("hard " if hard else "") + outcome.value + (f" ({tags})" if tags else "")
    on = f"{day:%a %d %b}" if day.year == ctx.today().year else f"{day:%a %d %b %Y}"
    logged = f"Logged {what} at {local(when, ctx.tz):%H:%M}{clock_change} on {on}."
    logged += " Block started." if block_start else ""
    if ledger is None:
        out(logged)
        return 0
    counts = Ledger([*ledger.events, *block_start, event]).counts_between(day_start, day_end)
    t = ctx.config.targets
    out(
        f"{logged} Dials {counts.dials}/{t.dials} · Conversations {counts.conversations}/{t.conversations}"
        f" · Meetings {counts.meetings}/{t.meetings}"
    )
    return 0


def status(ctx: Context, args: Namespace) -> int:
    """`companion status`: today in one line (core.status), or its fields as JSON. Reads only
    what it needs: today and the review window before it. Stores nothing."""
    from companion.core.due import matters_to_reviews, reviews_from
    from companion.core.status import BadFormatError, check_format, render, status_values

    text: str | None = args.format
    as_json: bool = args.json
    if text is not None and as_json:
        raise CompanionError("--format and --json each choose the output: give one")
    try:
        chosen = check_format(text) if text is not None else None
    except BadFormatError as error:
        raise CompanionError(str(error)) from None
    now = ctx.clock.now()
    today = day_of(now, ctx.tz)
    day_end = day_bounds(today, ctx.tz)[1]
    first = day_of(reviews_from(now), ctx.tz)  # a no due for review is up to four weeks old
    # The week whole; the weeks before only as far as reviews look: the no's and what answers them,
    # the rest left unparsed. A status bar runs this every few seconds: it must cost no more
    # than logging a call.
    # From the day before Monday: the week's dials (`on_track`) count every call since Monday.
    recent = (today - timedelta(days=today.weekday() + 1)).isoformat()  # a stored date is on its own clock

    def wanted(doc: dict[str, Any]) -> bool:
        at = doc.get("at")
        return (isinstance(at, str) and at[:10] >= recent) or matters_to_reviews(doc)

    # A status bar starts another run every few seconds: never wait long behind an import.
    loaded = ctx.store.load(day_bounds(first, ctx.tz)[0], day_end, wanted=wanted, wait_s=STATUS_WAIT_S)
    ledger = Ledger(loaded.events)
    for notice in loaded.notices:
        warn(notice)
    r = ctx.config
    values = status_values(
        ledger, now, ctx.tz, r.targets, r.block_minutes, r.ritual.schedule, blocks_per_day=r.blocks_per_day
    )
    if as_json:
        out(json.dumps(values))
    else:
        out(render(values, chosen) if chosen is not None else render(values))
    return 0


STATUS_WAIT_S = 1.0


def dial(ctx: Context, args: Namespace) -> int:
    """`companion dial`: a dialer's "call started" hook. With no block of today open, it starts
    one (a block starts with its first call). And it marks "dialling now" for the reset
    waiting after today's latest no, as Enter at Dial does in the app, which closes the reset
    with its recovery time when it reads the mark. Both in one write. Says so, and stores
    nothing, when a block is open and no reset is waiting (exit 0: it runs on every call)."""
    now = ctx.clock.now()
    today = day_of(now, ctx.tz)
    # Yesterday too: a reset whose no came just before midnight still waits just after it.
    ledger, loaded = ctx.load(day_bounds(today - timedelta(days=1), ctx.tz)[0], day_bounds(today, ctx.tz)[1])
    for notice in loaded.notices:
        warn(notice)
    events: list[Event] = []
    if ledger.open_block(*day_bounds(today, ctx.tz)) is None:
        events.append(make_event(EventKind.BLOCK_START, local(now, ctx.tz), session=new_id(), source="cli"))
    started = "Block started with this dial. " if events else ""
    waiting = waiting_for_dial(ledger, now, ctx.config.ritual.schedule)
    if waiting is None:
        if events:
            ctx.append(events)
            stored()
        out(f"{started}No reset is waiting for a dial mark" + ("." if events else "; nothing was stored."))
        return 0
    no, schedule = waiting
    events.append(
        make_event(EventKind.DIAL, local(now, ctx.tz), target=no.id, session=no.session, source="cli")
    )
    ctx.append(events)
    stored()
    after = seconds((now - no.at).total_seconds())
    marked = f"{started}Marked dialling {after} after the no at {local(no.at, ctx.tz):%H:%M}"
    if now < schedule.dial_from:
        out(f"{marked}, before its Dial step: that reset ends untimed.")
    else:
        out(f"{marked}: if Companion shows its reset, this times it.")
    return 0


def _block_at(ledger: Ledger, when: datetime, day_end: datetime) -> str | None:
    for block in ledger.blocks:
        start, end = ledger.block_span(block, day_end)
        if start <= when < end:
            return block.id
    return None


def _block_for(
    ledger: Ledger | None, when: datetime, now: datetime, tz: Zone
) -> tuple[str | None, list[Event]]:
    """The block a call at `when` goes in, and the BLOCK_START to store with it: a live call
    (today, at most LIVE_S ago) with no block of its day open starts one. When the day could
    not be read, a live call starts one all the same: if a block is open after all, the
    ledger reads that start as the same block (core.ledger), so none is lost or doubled."""
    day_start, day_end = day_bounds(day_of(when, tz), tz)
    session = _block_at(ledger, when, day_end) if ledger is not None else None
    live = day_of(when, tz) == day_of(now, tz) and (now - when).total_seconds() <= LIVE_S
    if session is not None or not live:
        return session, []
    if ledger is not None and ledger.open_block(day_start, day_end) is not None:
        return None, []  # a call from before the open block began: the day's, not the block's
    block = make_event(EventKind.BLOCK_START, local(when, tz), session=new_id(), source="cli")
    return block.session, [block]


def summary(ctx: Context, args: Namespace) -> int:
    """`companion summary`: a day's or a week's numbers, as text or as flat JSON."""
    # Here, not at the top: `companion log` and `status` run on every call and every few
    # seconds, and never need the summary's rules.
    from companion.core.after_no import AFTER_NO_DAYS
    from companion.core.summary import summarize_day, summarize_week

    day = ctx.today()
    if args.date is not None:
        from companion.cli.times import parse_day  # here: `status`, every few seconds, needs none

        day = parse_day(args.date)
    ctx.store.fold_if_large()
    if args.week:
        monday = day - timedelta(days=day.weekday())
        # The after-effect of a no looks back AFTER_NO_DAYS from the Sunday.
        ledger, loaded = ctx.load(*ctx.window(monday + timedelta(days=6), days=AFTER_NO_DAYS))
        result = summarize_week(ledger, day, ctx.tz, ctx.config.targets, today=ctx.today())
    else:
        ledger, loaded = ctx.load(*ctx.window(day, days=AFTER_NO_DAYS))
        result = summarize_day(ledger, day, ctx.tz, ctx.config.targets)
    for notice in loaded.notices:
        warn(notice)
    if args.json:
        out(json.dumps(result.as_dict(), indent=2))
    else:
        out(render_summary(result))
    return 0


def render_summary(result: Summary) -> str:
    """A short plain-text summary for a terminal or a note."""
    from companion.core.calluses import dial_words

    c, t, r = result.counts, result.targets, result.rituals
    if result.period == "day":
        title = f"{result.first:%A %d %B %Y}"
    else:
        title = f"Week of {result.first:%d %b} to {result.last:%d %b %Y}"
    week = result.on_track
    on_track = [] if week is None else [f"  {'This week':<15}{week.figures()}"]
    # The week's own figure for a week; a day's from the 7 days ending with it (core.summary).
    window = "the week" if result.period == "week" else f"the 7 days to {result.first:%a %d %b}"
    ratio = f"no meeting in {window}"
    if result.nos_per_yes is not None:
        over_talks = result.nos_per_yes_conversations  # not None either: there is a meeting
        dials = others(result.nos_per_yes)
        ratio = f"{dials} and {others(over_talks or 0.0, 'conversation')} for each meeting, over {window}"
    lines = [
        title,
        f"  Dials          {c.dials:>4}/{t.dials}",
        f"  Conversations  {c.conversations:>4}/{t.conversations}",
        f"  Meetings       {c.meetings:>4}/{t.meetings}",
        f"  Rejections     {c.rejections:>4}",
        f"  No's reasons   {result.outside.words()}",
        *on_track,
        f"  Per meeting    {ratio}",
        f"  Rates          connect {percent(c.connect_rate)} of dials"
        f" · meetings {percent(c.meeting_rate)} of conversations",
        f"  Resets         {r.completed} completed, {r.skipped} skipped, {r.interrupted} interrupted"
        + (f", {r.cut_short} cut short" if r.cut_short else ""),
        f"  {AT_DIAL:<15}{dial_words(r.median_hesitation_s, r.measured)}",
        f"  Callus ladder  {result.ladder.words()}",
    ]
    if r.median_recovery_s is not None:
        recovery = (
            f"median {seconds(r.median_recovery_s)} from the no to the dial mark, over {r.measured} timed"
        )
        lines.append(f"  {RECOVERY:<15}{recovery}")
    after = result.after_no
    lines.append(f"  After a no     {after.words()}")
    lines.append(f"                 {after.rates(f'the {after.window()} to {result.last:%a %d %b}')}")
    if after.next.dials:
        lines.append(f"                 {after.context()}")
    if result.days:
        lines.append("")
        lines.append(f"  {'Day':<10}{'Dials':>6}{'Talks':>6}{'Mtgs':>5}")
        lines += [
            f"  {day:%a %d %b}{d.dials:>6}{d.conversations:>6}{d.meetings:>5}" for day, d in result.days
        ]
    return "\n".join(lines)


def themes(ctx: Context, args: Namespace) -> int:
    """`companion themes`: every theme that loaded, one a line: its name, dark or light,
    "(in use)" for the one the app starts on, and a user theme's file. A user file that did not
    load is one line on stderr each, and so is a `[ui] theme` that names none of them; the list
    is still the answer (exit 0)."""
    from companion.config import DEFAULT_THEME
    from companion.themes import load_themes

    found = load_themes(ctx.paths.themes_dir)
    in_use = found.fall_back(ctx.config.theme, DEFAULT_THEME)  # a broken file's: the default
    names = found.names()
    width = max(len(name) for name in names)
    for name in names:
        spec = found.themes[name]
        columns = [f"{name:<{width}}", "dark " if spec.dark else "light"]
        columns.append("(in use)" if name == in_use else " " * len("(in use)"))
        if spec.user:
            columns.append(spec.source)
        out("  ".join(columns).rstrip())
    for failure in found.failures:
        warn(failure)
    if ctx.config.theme not in found.choices():
        warn(f'[ui] theme: unknown theme "{ctx.config.theme}": the app will not start on it')
    return 0
