"""A damaged archive month, found by a read or a fold: rebuilt from its valid events and the
journal history (an intact copy of every folded event), or, where nothing may be written (a
read-only home, a full disk), read with the history in memory and left to the next read that
can write. A month that cannot be read at all (its mode) is skipped, named in a notice."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from companion.core.events import Event
from companion.core.words import plural
from companion.errors import reason
from companion.store.archive import Archive, CorruptArchiveError, DamagedMonthError
from companion.store.files import fsync_dir, keep_aside, move_aside
from companion.store.pieces import entries, piece_months


def read_month(
    archive: Archive,
    history: Path,
    key: str,
    notices: list[str],
    start: datetime | None = None,
    end: datetime | None = None,
    wanted: Callable[[dict[str, Any]], bool] | None = None,
) -> list[Event]:
    """A month's events for a reader (see Archive.read), repaired if need be; what it had to
    repair or skip is one line in `notices`."""
    path = archive.path(key)
    try:
        events, bad, twice = archive.read(key, start, end, wanted)
        if not bad and not twice:
            return events
        damage: CorruptArchiveError | DamagedMonthError = DamagedMonthError(path, bad, twice)
    except CorruptArchiveError as corrupt:
        damage = corrupt
    except OSError as error:  # its mode, the disk: skipped, its events read from the history
        restored = from_history(history, key, notices)
        found = (
            f"{plural(len(restored), 'event')} of it read from the journal history instead"
            if restored
            else "its events are left out (the journal history holds none of them)"
        )
        notices.append(f"{path} cannot be read ({reason(error)}): skipped; {found}")
        return restored
    try:
        notices.append(recover(archive, history, key, damage))
    except OSError as error:  # a folder this user may not write: rebuilt in memory, not on disk
        kept = [] if isinstance(damage, CorruptArchiveError) else events
        restored = from_history(history, key, notices)
        notices.append(
            f"{damage_words(damage, len(kept))}: read with the journal history "
            f"({plural(len(restored), 'event')}), but not rebuilt ({reason(error)}); the next read that "
            "can write rebuilds it"
        )
        return [*kept, *restored]  # the history's copy of an event last, so it wins
    return archive.read(key, start, end, wanted)[0]


def from_history(history: Path, key: str, notices: list[str]) -> list[Event]:
    """The month's events as the journal history holds them (an intact copy of each folded
    event), read in memory; a piece that cannot be read is skipped and told."""
    found: list[Event] = []
    for piece in entries(history):
        for _key, events in piece_months(piece, {key}, notices):
            found += events
    return found


def recover(
    archive: Archive, history: Path, key: str, damage: CorruptArchiveError | DamagedMonthError
) -> str:
    """Rebuild a damaged month from its valid events and the journal history, which holds
    an intact copy of every folded event, then put the rebuilt month in its place in one
    rename, the damaged bytes kept under another name. Until that rename the damaged file
    stays where it is: a rebuild that fails (a full disk, a kill, an unreadable history)
    leaves it to be found, and rebuilt, by the next read."""
    path = damage.path
    kept = archive.read(key).events if isinstance(damage, DamagedMonthError) else []
    rebuilt = {event.id: event for event in kept}
    distinct = len(rebuilt)
    for piece in entries(history):
        for _key, events in piece_months(piece, {key}):
            rebuilt.update((e.id, e) for e in events)
    if not rebuilt:
        moved = move_aside(path, "damaged")
        restored = 0
    else:
        fresh = path.with_name(f".{path.name}.rebuilt-{os.getpid()}")
        fresh.unlink(missing_ok=True)
        restored = archive.write_new(fresh, [(e.id, e.to_dict()) for e in rebuilt.values()])
        moved = keep_aside(path, "damaged")
        os.replace(fresh, path)
        fsync_dir(path.parent)
    # What matters first, for a status line too narrow for all of it: which month, what
    # became of it; where the damaged copy is comes last.
    if isinstance(damage, DamagedMonthError):
        what = (
            f"{damage_words(damage, distinct)}; the month was rebuilt with "
            f"{restored} event(s), {restored - distinct} from the journal history"
        )
    else:
        what = (
            f"{path.name} {damage.why}: the month was rebuilt from the journal history ({restored} event(s))"
        )
    return f"{what}; the damaged file is kept as {moved}"


def damage_words(damage: CorruptArchiveError | DamagedMonthError, kept: int) -> str:
    """A damaged month and what is wrong in it, first in its line."""
    if isinstance(damage, CorruptArchiveError):
        return f"{damage.path.name} {damage.why}"
    wrong = []
    if damage.bad:
        wrong.append(f"{damage.bad} unreadable event(s) set aside")
    if damage.twice:
        # A plain read keeps one of the two: the history holds both, the damaged copy too.
        wrong.append(f"{damage.twice} key(s) or id(s) written twice ({kept} distinct event(s) kept)")
    return f"{damage.path.name}: {', '.join(wrong)}"
