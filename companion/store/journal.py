"""The append-only event journal: one JSON object a line, each append flushed and fsynced
under a short file lock, so another process's `companion log` is never clobbered."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import msgspec

from companion.core.events import MAX_EVENT_BYTES, SCHEMA_VERSION, Event, InvalidEventError, parse_event
from companion.store.files import fsync_dir, open_file, write_all


class _Line(msgspec.Struct, omit_defaults=True):
    """An event's JSON shape, as Event.to_dict makes it (fixed keys first, then each optional
    one that is set, in this order), encoded in one pass by msgspec: the same bytes as
    json.dumps(event.to_dict(), ensure_ascii=False, separators=(",", ":"))."""

    v: int
    id: str
    at: str
    kind: str
    session: str | None = None
    outcome: str | None = None
    reason: str | None = None
    cause: str | None = None
    note: str | None = None
    target: str | None = None
    ritual: str | None = None
    recovery_s: float | None = None
    hesitation_s: float | None = None
    source: str | None = None
    felt: int | None = None
    lesson: str | None = None
    hard: bool | None = None
    story: str | None = None


_ENCODER = msgspec.json.Encoder()


def encode(event: Event) -> bytes:
    """One journal line: the event's JSON and a newline, UTF-8."""
    return _ENCODER.encode(_line(event)) + b"\n"


def _line(e: Event) -> _Line:
    # Enums are written as their values (msgspec encodes an Enum by its value).
    return _Line(
        SCHEMA_VERSION,
        e.id,
        e.at.isoformat(),
        e.kind,
        e.session,
        e.outcome,
        e.reason,
        e.cause,
        e.note,
        e.target,
        e.ritual,
        e.recovery_s,
        e.hesitation_s,
        e.source,
        e.felt,
        e.lesson,
        e.hard,
        e.story,
    )


@dataclass(frozen=True, slots=True)
class Chunk:
    """What one read of a journal found."""

    events: tuple[Event, ...]
    bad_lines: int
    end: int  # byte offset just past the last complete line read


def append_lines(path: Path, payload: bytes) -> None:
    """Append `payload` (whole lines) durably. The caller holds the journal lock.

    A torn last line left by a killed writer is closed with a newline first, so it stays a line
    of its own (skipped by readers, kept on disk). If the write fails part-way (a full disk), the
    file is cut back to where it was: no half line is left, and the caller is told."""
    created = not path.exists()
    fd = open_file(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            payload = b"\n" + payload
        try:
            write_all(fd, payload)
            os.fsync(fd)
        except BaseException:
            os.ftruncate(fd, size)
            os.fsync(fd)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)


def read_chunk(path: Path, offset: int = 0) -> Chunk:
    """Events in the complete lines of `path` from byte `offset` on; a line without its newline
    yet is left for the next read. Lines that are not valid events (unparsable, too long, too
    deep, of a wrong shape) are counted, skipped and kept in the file. Memory stays bounded by
    the events read, whatever one line holds."""
    try:
        fd = open_file(path, os.O_RDONLY)
    except FileNotFoundError:
        return Chunk((), 0, offset)
    events: list[Event] = []
    bad = 0
    end = offset
    with os.fdopen(fd, "rb") as handle:
        handle.seek(offset)
        for line, after in _lines(handle, offset):
            end = after
            if line is None:
                bad += 1
            elif line.strip():
                try:
                    events.append(parse_event(line))
                except InvalidEventError:
                    bad += 1
    return Chunk(tuple(events), bad, end)


def _lines(handle: BinaryIO, offset: int) -> Iterator[tuple[bytes | None, int]]:
    """Each complete line from `offset`, with the offset just past it; None for a line longer
    than any event, which is read past in pieces and never held whole."""
    limit = MAX_EVENT_BYTES + 2
    while True:
        line = handle.readline(limit)
        if not line.endswith(b"\n"):
            if len(line) < limit:
                return  # the end of the file, perhaps in the middle of a line still being written
            while line and not line.endswith(b"\n"):
                offset += len(line)
                line = handle.readline(1 << 20)
            if not line:
                return
            offset += len(line)
            yield None, offset
            continue
        offset += len(line)
        yield line, offset


def encode_all(events: Sequence[Event]) -> bytes:
    return b"".join(encode(event) for event in events)
