"""The append-only event journal: one JSON object a line, each append flushed and fsynced
under a short file lock, so another process's `companion log` is never clobbered."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from companion.core.events import MAX_EVENT_BYTES, Event, InvalidEventError, parse_event, parse_event_typed
from companion.store.files import fsync_dir, open_file, write_all

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# From this many bytes to read on, lines go by the typed fast path (core.wire): below it, the
# 10 ms msgspec takes to import is more than it saves (a command reading a short journal).
TYPED_FROM_BYTES = 1 << 20


def encode(event: Event) -> bytes:
    """One journal line: the event's JSON and a newline, UTF-8 (core.wire.encode_line writes
    the same JSON in one pass, for many events at once)."""
    return (_ENCODER.encode(event.to_dict()) + "\n").encode()


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
        parse = parse_event_typed if os.fstat(fd).st_size - offset >= TYPED_FROM_BYTES else parse_event
        handle.seek(offset)
        for line, after in _lines(handle, offset):
            end = after
            if line is None:
                bad += 1
            elif line.strip():
                try:
                    events.append(parse(line))
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
