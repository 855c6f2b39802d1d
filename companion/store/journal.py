"""The append-only event journal: one JSON object a line, each append flushed and fsynced
under a short file lock, so another process's `companion log` is never clobbered."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from companion.core.events import Event, InvalidEventError
from companion.store.files import fsync_dir, write_all


def encode(event: Event) -> bytes:
    return (json.dumps(event.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n").encode()


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
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
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
    yet is left for the next read. Lines that do not parse are counted, skipped and kept."""
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            data = handle.read()
    except FileNotFoundError:
        return Chunk((), 0, offset)
    complete = data.rfind(b"\n") + 1
    events, bad = parse_lines(data[:complete].splitlines())
    return Chunk(tuple(events), bad, offset + complete)


def parse_lines(lines: Iterable[bytes]) -> tuple[list[Event], int]:
    events: list[Event] = []
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            events.append(Event.from_dict(json.loads(line)))
        except (ValueError, InvalidEventError, UnicodeDecodeError):
            bad += 1
    return events, bad


def encode_all(events: Sequence[Event]) -> bytes:
    return b"".join(encode(event) for event in events)
