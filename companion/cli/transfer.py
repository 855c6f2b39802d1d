"""`companion export` and `companion import`: history to a file or stdout, and files back in.
Each takes the context and the parsed arguments and returns an exit status. Every problem is
one CompanionError line (exit 2); an import writes nothing unless every row of the file is good."""

from __future__ import annotations

import io
import os
import stat
from argparse import Namespace

from companion.cli.output import out, output_path, stored, to_stdout, write_output
from companion.cli.times import parse_day
from companion.context import Context
from companion.core.outcomes import VALID_NAMES, Outcome, OutcomeWords, OwnWordError, own_words, quoted
from companion.core.words import plural
from companion.errors import CompanionError, reason, warn
from companion.store.files import NotAFileError
from companion.transfer import BadImportError, ImportReader, Window, live_calls, render
from companion.transfer.export import json_events
from companion.transfer.reading import AmbiguousDatesError, UnknownWordsError


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
        f"{len(json_events(events, window))} events"
        if fmt == "json"
        else f"{len(live_calls(events, window))} calls"
    )
    out(f"Exported {count} as {fmt} to {output}")
    return 0


def import_(ctx: Context, args: Namespace) -> int:
    """`companion import FILE`: add the events of an import file: all of them, or, if any row
    is bad, the disk fills or the process is killed, none of them (see store/staging.py). A date
    such as 03/04/2026 takes the file's order: --date-order, else what its other dates show (a
    second look at the file), else one line asking for --date-order."""
    path_text: str = args.file
    date_order: str | None = args.date_order
    words = OutcomeWords([*ctx.config.dispositions, *_maps(args.map)])  # --map wins
    reading = _open_import(path_text)
    with reading:
        try:
            return _import(ctx, path_text, reading, date_order, words)
        except AmbiguousDatesError:
            reading.seek(0)
            order = _order_shown(ctx, path_text, reading, words)
            reading.seek(0)
            return _import(ctx, path_text, reading, order, words)


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


def _order_shown(ctx: Context, path_text: str, reading: io.FileIO, words: OutcomeWords) -> str:
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
    if len(scan.orders_seen) == 1:
        return next(iter(scan.orders_seen))
    if scan.orders_seen:
        raise CompanionError(
            f"{path_text} has dates day first (20/11/2026) and month first (11/20/2026);"
            " one file needs one order; nothing was imported"
        )
    raise CompanionError(
        f"{path_text}: dates such as 03/04/2026 could be day or month first, and none tells;"
        " say which with --date-order dmy or --date-order mdy; nothing was imported"
    )


def _json(path_text: str) -> bool:
    return path_text.lower().endswith(".json")


def _import(
    ctx: Context, path_text: str, reading: io.FileIO, date_order: str | None, words: OutcomeWords
) -> int:
    staging = ctx.store.stage()
    try:
        reader = ImportReader(
            reading, ctx.tz, ctx.clock.now(), json_hint=_json(path_text), date_order=date_order, words=words
        )
        if reader.empty:
            raise CompanionError(f"{path_text} is empty; nothing to import")
        for event in reader:
            staging.put(event)
        done = ctx.store.commit(staging)
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
            raise CompanionError(f"{path_text} is imported, but then: {reason(error)}") from None
        raise CompanionError(f"could not store the import ({reason(error)}); nothing was imported") from None
    finally:
        staging.close()
    for notice in ctx.store.take_notices():
        warn(notice)
    if done.added is None:
        out(
            f"Imported {plural(done.rows, 'event')} from {path_text}; they count now, and filing them into "
            f"the archive finishes with the next fold ({done.later})"
        )
    else:
        there = done.rows - done.added
        out(f"Imported {plural(done.added, 'new event')} ({there} already there) from {path_text}")
    if reader.clock_changes:
        out(
            f"{plural(reader.clock_changes, 'time')} without an offset fell in a clock change: one that came "
            "twice was taken the first time, one that never came moved on as the clocks did (give an "
            "offset to choose)"
        )
    if reader.ignored:
        out(f"Columns left out (Companion does not use them): {', '.join(reader.ignored)}")
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
