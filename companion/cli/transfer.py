"""`companion export` and `companion import`: history to a file or stdout, and files back in.
Each takes the context and the parsed arguments and returns an exit status. Every problem is
one CompanionError line (exit 2); an import writes nothing unless every row of the file is good."""

from __future__ import annotations

import io
import os
import stat
from argparse import Namespace
from pathlib import Path

from companion.cli.output import out, output_path, stored, to_stdout, write_output
from companion.cli.times import parse_day
from companion.context import Context
from companion.core.calendar import local
from companion.core.events import Event, EventKind, new_id, sort_key
from companion.core.outcomes import VALID_NAMES, Outcome, OutcomeWords, OwnWordError, own_words, quoted
from companion.core.words import plural, shown
from companion.errors import CompanionError, reason, warn
from companion.store.files import NotAFileError
from companion.store.store import Committed
from companion.transfer import BadImportError, ImportReader, Window, live_calls, render
from companion.transfer.export import json_events
from companion.transfer.reading import IMPORT_SOURCE, AmbiguousDatesError, UnknownWordsError
from companion.transfer.reading.earlier import IMPORT_PREFIX, UNDO_SOURCE, Earlier, import_source, wanted


def export(ctx: Context, args: Namespace) -> int:
    """`companion export`: the history in --format (csv, json, md) to the new file -o names, or
    to stdout without one."""
    fmt: str = args.format
    output: str | None = args.output
    window = Window(
        ctx.tz,
        parse_day(args.since) if args.since is not None else None,
        parse_day(args.until) if args.until is not None else None,
    )
    if window.since and window.until and window.since > window.until:
        raise CompanionError(f"--since {window.since} is after --until {window.until}; nothing was exported")
    target = output_path(output, "nothing was exported")
    events, notices = ctx.store.all_events()
    for notice in notices:
        warn(notice)
    text = render(fmt, events, window)
    if target is None:
        return to_stdout(text)
    write_output(target, text)
    count = (
        plural(len(json_events(events, window)), "event")
        if fmt == "json"
        else plural(len(live_calls(events, window)), "call")
    )
    out(f"Exported {count} as {fmt} to {output}")
    return 0


def import_(ctx: Context, args: Namespace) -> int:
    """`companion import FILE`: add the events of an import file: all of them, or, if any row
    is bad, the disk fills or the process is killed, none of them (see store/staging.py). A date
    such as 03/04/2026 takes the file's order: --date-order, else what its other dates show (a
    second look at the file), else one line asking for --date-order. `--list` shows the imports,
    `--undo ID` undoes one as a whole."""
    undo: str | None = getattr(args, "undo", None)
    listing: bool = getattr(args, "list", False)
    path_text: str | None = args.file
    if sum((undo is not None, listing, path_text is not None)) != 1:
        raise CompanionError(
            "import takes one of: a file (companion import FILE), --list, or --undo ID; nothing was imported"
        )
    if listing:
        return _list_imports(ctx)
    if undo is not None:
        return _undo_import(ctx, undo)
    assert path_text is not None
    date_order: str | None = args.date_order
    words = OutcomeWords([*ctx.config.dispositions, *_maps(args.map)])  # --map wins
    reading = _open_import(path_text)
    with reading:
        earlier = _earlier(ctx)
        try:
            return _import(ctx, path_text, reading, date_order, words, earlier)
        except AmbiguousDatesError as ambiguous:
            reading.seek(0)
            order = _order_shown(ctx, path_text, reading, words, ambiguous)
            reading.seek(0)
            return _import(ctx, path_text, reading, order, words, earlier)


def _maps(given: list[str]) -> tuple[tuple[str, Outcome], ...]:
    """--map "WORD=OUTCOME" flags as the rep's own words, checked as [dispositions] is (the
    last `=` splits: an outcome has none)."""
    pairs, written = [], {}
    for text in given:
        word, equals, said = text.rpartition("=")
        if not equals:
            raise CompanionError(
                f'--map {quoted(text)} needs WORD=OUTCOME, such as --map "Interested - send info=callback";'
                " nothing was imported"
            )
        pairs.append((word, said))
        written[word] = text
    try:
        return own_words(pairs)
    except OwnWordError as error:
        where = "--map" if error.word is None else f"--map {quoted(written[error.word])}"
        raise CompanionError(f"{where} {error}; nothing was imported") from None


def _unknown_words(path_text: str, error: UnknownWordsError) -> CompanionError:
    """One line: each word no table knows with its row count, and how to map them."""
    return CompanionError(
        f"{path_text} has outcome words Companion does not know: {error.unknown.said()}. Map each to one "
        f'of {", ".join(VALID_NAMES)} with --map "WORD=OUTCOME" (repeat it) or in [dispositions] in '
        "config.toml; nothing was imported"
    )


def _order_shown(
    ctx: Context, path_text: str, reading: io.FileIO, words: OutcomeWords, ambiguous: AmbiguousDatesError
) -> str:
    """The day and month order the file's dates show, read through once without storing."""
    scan = ImportReader(
        reading, ctx.tz, ctx.clock.now(), json_hint=_json(path_text), date_order="scan", words=words
    )
    try:
        for _ in scan:
            pass
    except UnknownWordsError:
        pass  # the file was read through; the import proper names the words
    except BadImportError as error:
        raise CompanionError(f"{path_text} line {error.line}: {error.why}; nothing was imported") from None
    shown_at = scan.orders_shown
    if len(shown_at) == 1:
        return next(iter(shown_at))
    if shown_at:
        (day_line, day), (month_line, month) = shown_at["dmy"], shown_at["mdy"]
        raise CompanionError(
            f"{path_text} has dates day first (line {day_line}: {day}) and month first (line {month_line}:"
            f" {month}); one file needs one order; nothing was imported"
        )
    raise CompanionError(
        f"{path_text} line {ambiguous.line}: dates such as {ambiguous.text} could be day or month first,"
        " and none tells; say which with --date-order dmy or --date-order mdy; nothing was imported"
    )


def _json(path_text: str) -> bool:
    return path_text.lower().endswith(".json")


def _import(
    ctx: Context,
    path_text: str,
    reading: io.FileIO,
    date_order: str | None,
    words: OutcomeWords,
    earlier: Earlier,
) -> int:
    token = _new_token(earlier)
    staging = ctx.store.stage()
    record = None
    try:
        reader = ImportReader(
            reading,
            ctx.tz,
            ctx.clock.now(),
            json_hint=_json(path_text),
            date_order=date_order,
            words=words,
            earlier=earlier,
            source_name=import_source(token),
        )
        if reader.empty:
            raise CompanionError(f"{path_text} is empty; nothing to import")
        for event in reader:
            staging.put(event)
        if reader.identified:  # a record to list and undo the rows it gave ids by
            record = _record(ctx, token, path_text, reader.identified, date_order or _order_of(reader))
            staging.put(record)
        done = ctx.store.commit(staging) if staging.count else Committed(0, 0)
        if done.added != 0:
            stored()  # the import holds from here, whatever stdout does (companion.cli.output)
    except UnknownWordsError as error:
        raise _unknown_words(path_text, error) from None
    except BadImportError as error:
        raise CompanionError(f"{path_text} line {error.line}: {error.why}; nothing was imported") from None
    except NotAFileError:
        raise
    except OSError as error:
        if staging.committed:  # every row counts; only what came after the commit failed
            stored()
            raise CompanionError(f"{path_text} is imported, but then: {reason(error)}") from None
        raise CompanionError(f"could not store the import ({reason(error)}); nothing was imported") from None
    finally:
        staging.close()
    for notice in ctx.store.take_notices():
        warn(notice)
    own = 1 if record is not None else 0  # the record is no event of the file's
    if done.added is None:
        out(
            f"Imported {plural(done.rows - own, 'event')} from {path_text}; they count now, and filing them "
            f"into the archive finishes with the next fold ({done.later})"
        )
    else:
        added = max(done.added - own, 0)
        there = done.rows - own - added + reader.already
        undo = f" as import {token} (undo: companion import --undo {token})" if added and record else ""
        out(f"Imported {plural(added, 'new event')} ({there} already there) from {path_text}{undo}")
    if reader.clock_changes:
        out(
            f"{plural(reader.clock_changes, 'time')} without an offset fell in a clock change: one that came "
            "twice was taken the first time, one that never came moved on as the clocks did (give an "
            "offset to choose)"
        )
    if reader.ignored:
        out(f"Columns left out (Companion does not use them): {', '.join(reader.ignored)}")
    return 0


def _new_token(earlier: Earlier) -> str:
    """A new import's id: 12 hex digits, none an earlier import has."""
    while True:
        token = new_id().replace("-", "")[:12]
        if import_source(token) not in earlier.records:
            return token


def _order_of(reader: ImportReader) -> str | None:
    seen = reader.orders_seen
    return next(iter(seen)) if len(seen) == 1 else None


def _record(ctx: Context, token: str, path_text: str, calls: int, order: str | None) -> Event:
    """The import's own event: what was read, and how (shown in --list and when a row of it
    comes again read another way)."""
    how = {"dmy": "dates day first", "mdy": "dates month first"}.get(order or "", "no day-month dates")
    zone = getattr(ctx.tz, "key", None) or str(ctx.tz)
    name = shown(Path(path_text).name)[:200] or "a file"
    note = f"{name}: {plural(calls, 'call')}, {how}, zone {shown(zone)[:60]}"
    return Event(id=import_source(token), at=ctx.clock.now(), kind=EventKind.IMPORT, note=note, source="cli")


def _earlier(ctx: Context) -> Earlier:
    """What earlier imports left. Every import is committed under store.lock, so a store that
    never made that file has none, and a first import (or a refused one) leaves no file behind."""
    if not (ctx.store.dir / "store.lock").exists():
        return Earlier()
    events, notices = ctx.store.all_events(keep=wanted)
    for notice in notices:
        warn(notice)
    return Earlier.of(events)


def _imports(ctx: Context) -> tuple[Earlier, list[Event]]:
    earlier = _earlier(ctx)
    return earlier, sorted(earlier.records.values(), key=sort_key, reverse=True)


def _list_imports(ctx: Context) -> int:
    """`companion import --list`: each import, newest first, with its id and whether it counts."""
    earlier, records = _imports(ctx)
    older = sum(1 for _at, source in earlier.calls.values() if source == IMPORT_SOURCE)
    if not records and not older:
        out("No imports yet")
        return 0
    for record in records:
        token = record.id.removeprefix(IMPORT_PREFIX)
        undone = " (undone)" if record.id in earlier.voided else ""
        out(f"{token}  {local(record.at, ctx.tz):%Y-%m-%d %H:%M}  {record.note or 'a file'}{undone}")
    if older:
        out(
            f"{plural(older, 'call')} came in by imports older than import ids;"
            " they cannot be undone as a whole"
        )
    return 0


def _undo_import(ctx: Context, given: str) -> int:
    """`companion import --undo ID`: every call of that import stops counting, by voids (new
    events, as an undo in the app is); again, nothing changes."""
    earlier, records = _imports(ctx)
    wanted_id = given.strip().lower()
    found = (
        [r for r in records if r.id.removeprefix(IMPORT_PREFIX).startswith(wanted_id)] if wanted_id else []
    )
    if len(found) != 1:
        what = "matches more than one import" if found else "is no import's id"
        raise CompanionError(
            f"--undo {shown(given[:40])}{'…' if len(given) > 40 else ''} {what}"
            " (companion import --list shows"
            " them); nothing was undone"
        )
    record = found[0]
    token = record.id.removeprefix(IMPORT_PREFIX)
    if record.id in earlier.voided:
        out(f"Import {token} ({record.note or 'a file'}) is undone already; nothing changed")
        return 0
    source = import_source(token)
    calls = [(i, at) for i, (at, s) in earlier.calls.items() if s == source and i not in earlier.voided]
    staging = ctx.store.stage()
    try:
        # Each void at its call's time (as the reset's own voids are), so a reader of that day
        # alone, as the summary is, sees it.
        for target, at in [*calls, (record.id, record.at)]:
            staging.put(Event(id=new_id(), at=at, kind=EventKind.VOID, target=target, source=UNDO_SOURCE))
        done = ctx.store.commit(staging)
        stored()  # the undo holds from here, whatever stdout does (companion.cli.output)
    except NotAFileError:
        raise
    except OSError as error:
        if staging.committed:
            stored()
            raise CompanionError(f"import {token} is undone, but then: {reason(error)}") from None
        raise CompanionError(f"could not undo import {token} ({reason(error)}); nothing was undone") from None
    finally:
        staging.close()
    for notice in ctx.store.take_notices():
        warn(notice)
    later = (
        ""
        if done.added is not None
        else f" (filing into the archive finishes with the next fold: {done.later})"
    )
    what = record.note or "a file"
    counts = "counts" if len(calls) == 1 else "count"
    out(f"Undid import {token} ({what}): {plural(len(calls), 'call')} no longer {counts}{later}")
    return 0


def _open_import(path_text: str) -> io.FileIO:
    """The import file, for reading a piece at a time (never whole); one line for the user if
    it is a folder, a device, a FIFO or cannot be read."""
    if not path_text:
        raise CompanionError("import needs a file name: companion import FILE")
    try:
        fd = os.open(path_text, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise CompanionError(f"cannot read {path_text}: {reason(error)}") from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(kind) else "not a regular file (a device, a FIFO or a socket)"
        raise CompanionError(f"cannot read {path_text}: it is {what}; give a CSV or JSON file")
    os.set_blocking(fd, True)
    return io.FileIO(fd, "r")
