"""TinyDB's storage for the archive, written atomically.

TinyDB's own JSONStorage rewrites its file in place, so a kill or a full disk mid-write leaves
it corrupt; this one writes a temp file, fsyncs and renames instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from companion.store.archive import encode_month, read_month_file
from companion.store.files import write_atomically


class AtomicJSONStorage(Storage):
    """A TinyDB storage that never leaves a half-written file."""

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_month_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, encode_month(data))
