"""The day around the block from a terminal: `companion review`, `resume`, `win` and `warmup`.
Each takes the context and the parsed arguments and returns an exit status; bad input raises
CompanionError (one line, exit 2), nothing written. The rules are core.around's, the same the
app follows."""

from __future__ import annotations

import json
from argparse import Namespace

from companion.cli.output import echoed, out, output_path, stdout_lost, stored, to_stdout, write_output
from companion.context import SESSION_DAYS, Context
from companion.core.around import (
    EXPECT_HEADING,
    NOT_A_VERDICT,
    PRACTICE_HEADING,
    SKILL_HEADING,
    WINS_HEADING,
    WINS_KEPT,
    Warmup,
    labels,
)
from companion.core.around import warmup as warmup_for
from companion.core.calendar import local
from companion.core.due import Reviews, due_at, reviews
from companion.core.events import FELT_MAX, FELT_MIN, Event, EventKind, make_event
from companion.core.ledger import Ledger
from companion.core.tags import clean_note, has_control, note_too_long
from companion.core.words import nos, plural
from companion.errors import CompanionError, warn

SHORT_ID = 8  # the listed part of an id; any unique start of 4 or more characters will do
MIN_PREFIX = 4


def _window(ctx: Context) -> Ledger:
    ledger, loaded = ctx.load(*ctx.window(ctx.today(), days=SESSION_DAYS))
    for notice in loaded.notices:
        warn(notice)
    return ledger


def review(ctx: Context, args: Namespace) -> int:
    """`companion review [ID]`: list the no's due for review, or answer one."""
    call_id: str | None = args.id
    lesson: str | None = args.lesson
    felt: int | None = args.felt
    dismiss: bool = args.dismiss
    as_json: bool = args.json
    if call_id is None:
        if lesson is not None or felt is not None or dismiss:
            raise CompanionError("--lesson, --felt and --dismiss answer one review: give its ID first")
        return _list_due(ctx, as_json)
    if as_json:
        raise CompanionError("--json lists what is due; leave out the ID")
    if dismiss and (lesson is not None or felt is not None):
        raise CompanionError("--dismiss takes no --lesson or --felt: dismiss it, or answer it")
    if not dismiss and lesson is None:
        raise CompanionError('say what you learned with --lesson "..." (and --felt 1-5), or --dismiss')
    if felt is not None and not FELT_MIN <= felt <= FELT_MAX:
        raise CompanionError(f"--felt is how it feels now, {FELT_MIN} (barely) to {FELT_MAX}; got {felt}")
    empty = "a lesson needs a few words (or --dismiss)"
    kept = "" if dismiss else words(lesson or "", "--lesson", "lesson", empty)
    now = ctx.clock.now()
    ledger = _window(ctx)
    no = _find(ledger, reviews(ledger, now), call_id.strip(), ctx)
    at = local(now, ctx.tz)
    if dismiss:
        ctx.append([make_event(EventKind.DISMISS, at, target=no.id, source="cli")])
        stored()
        out(f"Dismissed the no of {local(no.at, ctx.tz):%a %d %b %H:%M}: it needs no review.")
        return 0
    event = make_event(
        EventKind.REVIEW, at, target=no.id, lesson=kept, felt=felt, session=no.session, source="cli"
    )
    ctx.append([event])
    stored()
    out(f"Lesson kept for the no of {local(no.at, ctx.tz):%a %d %b %H:%M}. It is in your resume.")
    return 0


def words(text: str, flag: str, what: str, empty: str) -> str:
    """The rep's words for `flag`, as stored: refused in one line when they hold a control
    character or an escape code (the command line is where a script, not a keyboard, could
    send one), are empty, or are longer than a note can be."""
    if has_control(text.replace("\t", " ").replace("\n", " ").replace("\r", " ")):  # spacing is fine
        raise CompanionError(f"{flag} holds control characters or escape codes; nothing was saved")
    kept = clean_note(text)
    if not kept:
        raise CompanionError(f"{flag} is empty: {empty}")
    too_long = note_too_long(kept, what)
    if too_long:
        raise CompanionError(f"{flag}: {too_long}; nothing was saved")
    return kept


def _find(ledger: Ledger, found: Reviews, call_id: str, ctx: Context) -> Event:
    """The due no whose id is `call_id` or starts with it; one line saying why not (the id
    echoed back cut short and made visible: output.echoed)."""
    shown_id = echoed(call_id)
    if len(call_id) < MIN_PREFIX:
        raise CompanionError(f"ID {shown_id} is too short: give at least {MIN_PREFIX} characters of it")
    due = [no for no in found.due if no.id.startswith(call_id)]
    if len(due) == 1:
        return due[0]
    if len(due) > 1:
        raise CompanionError(f"ID {shown_id} fits {len(due)} reviews; give more of it")
    known = [call for call in ledger.outcomes if call.id.startswith(call_id)]
    if len(known) == 1:
        call = known[0]
        if call.id in ledger.answers:
            answered = ledger.answers[call.id]
            what = "reviewed" if answered.kind is EventKind.REVIEW else "dismissed"
            raise CompanionError(
                f"the no {shown_id} was {what} already, on {local(answered.at, ctx.tz):%a %d %b}"
            )
        if due_at(call) > ctx.clock.now():
            when = local(due_at(call), ctx.tz)
            raise CompanionError(
                f"the no {shown_id} is due for review from {when:%a %d %b %H:%M}, 24 hours on"
            )
    raise CompanionError(f"no review due has ID {shown_id}; `companion review` lists them")


def _list_due(ctx: Context, as_json: bool) -> int:
    found = reviews(_window(ctx), ctx.clock.now())
    if as_json:
        out(json.dumps({"due": [_due_dict(no, ctx) for no in found.due], "waiting": found.waiting}, indent=2))
        return 0
    later = f" {found.waiting} more after 24 hours." if found.waiting else ""
    if not found.due:
        out(f"Nothing is due for review.{later}")
        return 0
    out(f"{nos(len(found.due))} due for review, oldest first:")
    for no in found.due:
        out(f"  {no.id[:SHORT_ID]}  {describe(no, ctx)}")
    out('Answer one: companion review ID --lesson "what you learned" [--felt 1-5], or --dismiss.' + later)
    return 0


def describe(no: Event, ctx: Context) -> str:
    """`Tue 24 Nov 14:05 · budget · skill gap · felt 4/5 · “they want Q2”`."""
    parts = [f"{local(no.at, ctx.tz):%a %d %b %H:%M}", *labels(no)]
    if no.felt is not None:
        parts.append(f"felt {no.felt}/5")
    if no.note:
        parts.append(f"“{no.note}”")
    if no.story:
        parts.append(f"story: “{no.story}”")
    return " · ".join(parts)


def _due_dict(no: Event, ctx: Context) -> dict[str, object]:
    return {
        "id": no.id,
        "at": local(no.at, ctx.tz).isoformat(),
        "due_at": local(due_at(no), ctx.tz).isoformat(),
        "reason": no.reason,
        "cause": no.cause,
        "note": no.note,
        "felt": no.felt,
        "hard": bool(no.hard),
        "story": no.story,
    }


def resume(ctx: Context, args: Namespace) -> int:
    """`companion resume`: the rejection resume as Markdown, to stdout or a new file; it counts
    as read back. `--notice TEXT` answers its last question instead: what the rep notices now,
    kept with a read-back."""
    output: str | None = args.output
    from companion.session.past import read_resume_back
    from companion.transfer.resume import resume_markdown

    if args.notice is not None:
        if output is not None:
            raise CompanionError("--notice keeps one line and writes no file: leave out -o")
        return _notice(ctx, words(args.notice, "--notice", "line", "say what you notice now"))
    target = output_path(output, "nothing was written")
    now = ctx.clock.now()
    found, notices = read_resume_back(ctx, now)
    for notice in notices:
        warn(notice)
    entries = found.entries
    text = resume_markdown(entries, ctx.tz, now, found.noticed, found.outside)
    if target is None:
        to_stdout(text)
    else:
        write_output(target, text)
        out(f"Wrote your resume ({plural(len(entries), 'rejection')}) to {output}")
    # Read back only when it reached the rep: a file, or a stdout that took it all.
    if entries and (target is not None or not stdout_lost()):
        ctx.append([make_event(EventKind.READ_BACK, local(now, ctx.tz), source="cli")])
        stored()
    return 0


def _notice(ctx: Context, kept: str) -> int:
    """What the rep notices reading the resume back, stored as a read-back with its line."""
    from companion.session.past import resume_entries

    entries, notices = resume_entries(ctx)
    for notice in notices:
        warn(notice)
    if not entries:
        raise CompanionError("your resume has no entries yet, so there is nothing to read back")
    ctx.append([make_event(EventKind.READ_BACK, local(ctx.clock.now(), ctx.tz), note=kept, source="cli")])
    stored()
    out("Kept at the end of your resume: what you notice now.")
    return 0


def win(ctx: Context, args: Namespace) -> int:
    """`companion win TEXT`: add a win by hand."""
    kept = words(
        args.text, "the win", "win", 'a win needs a few words: companion win "the CFO asked for a proposal"'
    )
    ctx.append([make_event(EventKind.WIN, local(ctx.clock.now(), ctx.tz), note=kept, source="cli")])
    stored()
    out("Win saved. It will be there in your next warm-up.")
    return 0


def warmup(ctx: Context, args: Namespace) -> int:
    """`companion warmup`: the warm-up's numbers, or set today's focus."""
    from companion.session.past import read_around

    now = ctx.clock.now()
    focus: str | None = args.focus
    picked = (
        None if focus is None else words(focus, "--focus", "focus", "name the one skill to practise today")
    )
    ledger = _window(ctx)  # read before anything is written: a read that fails writes nothing
    around = read_around(ctx, now)
    for notice in around.notices:
        warn(notice)
    if picked is not None:
        chosen = make_event(EventKind.FOCUS, local(now, ctx.tz), note=picked, source="cli")
        ctx.append([chosen])
        stored()
        ledger = Ledger([*ledger.events, chosen])
    found = warmup_for(ledger, ctx.today(), ctx.tz, ctx.config.targets, around.wins)
    if args.json:
        out(json.dumps(found.as_dict(ctx.tz), indent=2))
        return 0
    out(render_warmup(found, ctx))
    return 0


# `companion warmup`'s own hints (its headings and coaching are core.around's, as in the app).
NO_WINS_YET = "None yet: meetings land here, and so does companion win."
MAKE_IT_YOURS = 'Make it yours with companion warmup --focus "...", or o, then y, in the app.'


def render_warmup(found: Warmup, ctx: Context) -> str:
    """The warm-up as the panel in the app has it: a heading, its lines indented under it."""
    lines = [f"Warm-up for {ctx.today():%A %d %B}", ""]
    lines.append(f"{WINS_HEADING} · {WINS_KEPT.text}")
    if not found.wins:
        lines.append(f"  {NO_WINS_YET}")
    for w in found.wins:
        what = w.text or ("Meeting booked" if w.meeting else "")
        kind = "meeting" if w.meeting else "win"
        lines.append(f"  {local(w.at, ctx.tz):%a %d %b}  {kind}: {what}")
    lines += [
        "",
        EXPECT_HEADING,
        f"  {found.expected()}",
        f"  {NOT_A_VERDICT.text}",
        "",
    ]
    if found.focus:
        lines += [PRACTICE_HEADING, f"  {found.focus}"]
    else:
        lines += [SKILL_HEADING.text, f"  {found.proposal}", f"  {MAKE_IT_YOURS}"]
    return "\n".join(lines)
