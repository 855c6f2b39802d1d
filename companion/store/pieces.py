"""Reading the pieces of the store's folders: journal pieces (NAME.jsonl) and committed imports
(NAME.import/, a file a month) in folding/ and journal-history/. No link is followed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from companion.core.events import Event
from companion.errors import reason
from companion.store.archive import Doc, month_key
from companion.store.files import NotAFileError, read_file, refuse_link
from companion.store.journal import Chunk, read_chunk
from companion.store.staging import PIECE_SUFFIX


def readable_chunk(path: Path, notices: list[str]) -> Chunk:
    """A journal or piece's events for a reader; one it may not read (its mode, the disk) is
    skipped, named in a notice."""
    try:
        return read_chunk(path)
    except NotAFileError:
        raise
    except OSError as error:
        notices.append(f"{path} cannot be read ({reason(error)}): skipped")
        return Chunk((), 0, 0)


def piece_months(
    piece: Path, keys: set[str] | None = None, notices: list[str] | None = None
) -> Iterator[tuple[str, list[Event]]]:
    """A piece's events month by month (only the months in `keys`, when given): an import's
    folder holds a file a month and is read one month at a time; a journal piece is small.
    With `notices` (a reader's), a file it may not read is skipped and named there."""

    def chunk(path: Path) -> Chunk:
        return read_chunk(path) if notices is None else readable_chunk(path, notices)

    if piece.suffix == PIECE_SUFFIX:
        try:
            parts = list(import_months(piece, keys))
        except OSError as error:
            if notices is None or isinstance(error, NotAFileError):
                raise
            notices.append(f"{piece} cannot be read ({reason(error)}): skipped")
            return
        for key, part in parts:
            yield key, list(chunk(part).events)
        return
    by_month: dict[str, list[Event]] = defaultdict(list)
    for event in chunk(piece).events:
        by_month[month_key(event.at)].append(event)
    for key in sorted(by_month):
        if keys is None or key in keys:
            yield key, by_month[key]


def piece_docs(piece: Path, checked: dict[str, bytes]) -> Iterator[tuple[str, list[Doc]]]:
    """A piece's events as archive documents with their ids, month by month. A month file
    whose bytes are the ones this process wrote (its digest is in `checked`) held only events
    the validator passed: its lines go in as they are, only their ids read; any other goes
    through the validator again."""
    from companion.core.wire import Raw, encode_line, ids_of_lines  # a fold files many

    if piece.suffix != PIECE_SUFFIX:
        for key, events in piece_months(piece):
            yield key, [(event.id, Raw(encode_line(event)[:-1])) for event in events]
        return
    import hashlib  # (here: only an import's pieces need it, and the app's start does not)

    for key, part in import_months(piece):
        raw = read_file(part) if key in checked else None
        if raw is not None and hashlib.blake2b(raw).digest() == checked[key]:
            yield key, [(i, Raw(line)) for i, line in zip(ids_of_lines(raw), raw.splitlines(), strict=True)]
        else:
            yield key, [(event.id, Raw(encode_line(event)[:-1])) for event in read_chunk(part).events]


def import_months(piece: Path, keys: set[str] | None = None) -> Iterator[tuple[str, Path]]:
    """An import piece's month files (YYYY-MM.jsonl), by month key."""
    for part in entries(piece):
        key = part.name.removesuffix(".jsonl")
        if part.suffix == ".jsonl" and (keys is None or key in keys):
            yield key, part


def entries(folder: Path) -> list[Path]:
    """What a folder of the store holds, by name; NotAFileError for a link planted in it (or
    for the folder itself being one): none is followed."""
    refuse_link(folder)
    if not folder.exists():
        return []
    found = sorted(folder.iterdir())
    for entry in found:
        if entry.is_symlink():
            raise NotAFileError(entry, "a symbolic link")
    return found
