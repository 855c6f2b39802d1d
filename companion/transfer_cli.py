"""`companion export` and `companion import`: history to a file or stdout, and files back in.
Every problem is one CompanionError line (exit 2); an import writes nothing unless every row
of the file is good."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from companion.cli import parse_day
from companion.context import Context
from companion.core.words import plural
from companion.errors import CompanionError
from companion.store.files import write_new
from companion.transfer import (
    BadImportError,
    Window,
    ignored_columns,
    is_json,
    live_calls,
    read_import,
    render,
)
from companion.transfer.export import json_events


def export_command(ctx: Context, fmt: str, since: str | None, until: str | None, output: str | None) -> int:
    """Write the history in `fmt` (csv, json, md) to `output`, or to stdout without one."""
    window = Window(ctx.tz, parse_day(since) if since else None, parse_day(until) if until else None)
    if window.since and window.until and window.since > window.until:
        raise CompanionError(f"--since {window.since} is after --until {window.until}; nothing was exported")
    target = Path(output) if output and output != "-" else None
    if target is not None and (target.exists() or target.is_symlink()):
        raise CompanionError(
            f"{output} already exists; nothing was written (pick a new name or move that file away)"
        )
    events, notices = ctx.store.all_events()
    for notice in notices:
        print(f"companion: {notice}", file=sys.stderr)
    text = render(fmt, events, window)
    if target is None:
        return _to_stdout(text)
    try:
        write_new(target, text.encode())
    except FileExistsError:
        raise CompanionError(
            f"{output} already exists; nothing was written (pick a new name or move that file away)"
        ) from None
    except OSError as error:
        raise CompanionError(
            f"cannot write {output}: {error.strerror or error}; nothing was written"
        ) from None
    count = (
        f"{len(json_events(events, window))} events"
        if fmt == "json"
        else f"{len(live_calls(events, window))} calls"
    )
    print(f"Exported {count} as {fmt} to {output}")
    return 0


def _to_stdout(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`head`, a closed pager) stopped early: not an error of ours. Point stdout
        # at /dev/null so the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return 0


def import_command(ctx: Context, path_text: str) -> int:
    """Add the events of an import file; nothing is written if any row is bad."""
    path = Path(path_text)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise CompanionError(f"cannot read {path_text}: it is a folder; give a CSV or JSON file") from None
    except OSError as error:
        raise CompanionError(f"cannot read {path_text}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CompanionError(
            f'{path_text} line {line}: not UTF-8 text; save the file as UTF-8 ("CSV UTF-8" in a '
            "spreadsheet) and import it again"
        ) from None
    if not text.strip():
        raise CompanionError(f"{path_text} is empty; nothing to import")
    try:
        json_hint = path.suffix.lower() == ".json"
        events = read_import(text, ctx.tz, ctx.clock.now(), json_hint=json_hint)
    except BadImportError as error:
        raise CompanionError(f"{path_text} line {error.line}: {error.why}; nothing was imported") from None
    known, notices = ctx.store.all_events()
    for notice in notices:
        print(f"companion: {notice}", file=sys.stderr)
    known_ids = {event.id for event in known}
    fresh = [event for event in events if event.id not in known_ids]
    try:
        added = ctx.store.add(fresh) if fresh else 0
    except OSError as error:
        raise CompanionError(
            f"could not write the archive ({error.strerror or error}); importing {path_text} again is "
            "safe: what is already there is skipped"
        ) from None
    print(f"Imported {plural(added, 'new event')} ({len(events) - added} already there) from {path_text}")
    left_out = [] if is_json(text, json_hint) else ignored_columns(text)
    if left_out:
        print(f"Columns left out (Companion does not use them): {', '.join(left_out)}")
    return 0
