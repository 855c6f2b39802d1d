"""What a command writes: a line on stdout, or a new file `-o` names (never over one). Every
problem is one CompanionError line (exit 2).

A command's word is true: stdout and stderr are `Guarded` while a command runs (main), so a full
device, a closed descriptor or a reader that went away never raises out of a write. What was
lost is kept in `SAID`, with whether anything was stored (`stored()`, right after a write to
the store): main turns that into the exit status (0 when something was stored, said on stderr
if stderr can take it; 1 when nothing was and stdout could not take the output)."""

from __future__ import annotations

import errno
import io
import os
import select
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from companion.core.words import shown
from companion.errors import CompanionError
from companion.store.files import write_new

ECHO_MAX = 40  # what of a word the rep gave is echoed back in a line


@dataclass
class Said:
    """What this command stored and what its streams lost (main reads it at the end)."""

    stored: bool = False
    lost: OSError | None = None  # why stdout could not take what was written, first time
    unsaid: list[str] = field(default_factory=list)  # the lines stdout could not take

    def reset(self) -> None:
        self.stored, self.lost, self.unsaid = False, None, []


SAID = Said()


def stored() -> None:
    """Say that this command has stored something: from here on, nothing makes it a failure."""
    SAID.stored = True


class Guarded(io.TextIOBase):
    """A text stream in front of stdout or stderr (None: closed when the process started) that
    never raises: a write or flush that fails (ENOSPC, EPIPE, EBADF, EIO) loses the stream for
    the rest of the command, its descriptor is pointed at /dev/null (so the flush at exit
    cannot fail again), and what stdout could not take is recorded in SAID."""

    def __init__(self, stream: TextIO | None, name: str) -> None:
        super().__init__()
        self.stream = stream
        self.label = name
        self.lost: OSError | None = None
        self.pending: list[str] = []  # written since the last flush that held
        if stream is None:
            self._lose(OSError(errno.EBADF, f"{name} is closed"))

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        found: str | None = getattr(self.stream, "encoding", None)
        return found or "utf-8"

    def write(self, text: str) -> int:
        if self.lost is not None:
            self._unsaid(text)
            return len(text)
        assert self.stream is not None
        self.pending.append(text)
        self._try(lambda stream: stream.write(text))
        if self.label == "stderr" or ("\n" in text and self.stream.line_buffering):
            self.flush()
        return len(text)

    def write_bytes(self, data: bytes) -> None:
        """Bytes as they are (a file's UTF-8), past the text layer's encoding."""
        text = data.decode("utf-8", "replace")
        raw = getattr(self.stream, "buffer", None)
        if raw is None:
            self.write(text)
            self.flush()
            return
        self.flush()
        if self.lost is not None:
            self._unsaid(text)
            return
        self.pending.append(text)
        if self._try(lambda _: _write_all(raw, data)):
            self.pending = []

    def flush(self) -> None:
        if self.lost is None and self._try(lambda stream: stream.flush()):
            self.pending = []

    def _try(self, act: Callable[[TextIO], object]) -> bool:
        assert self.stream is not None
        try:
            act(self.stream)
        except OSError as error:
            self._lose(error)
        except ValueError:  # closed under us
            self._lose(OSError(errno.EBADF, f"{self.label} is closed"))
        return self.lost is None

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation(f"{self.label} is closed")
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.lost is None and self.stream is not None and self.stream.isatty()

    def _unsaid(self, text: str) -> None:
        if self.label == "stdout":
            SAID.unsaid += [line for line in text.splitlines() if line.strip()]

    def _lose(self, error: OSError) -> None:
        self.lost = error
        if self.label == "stdout" and SAID.lost is None:
            SAID.lost = error
        self._unsaid("".join(self.pending))
        self.pending = []
        if self.stream is None:
            return
        try:
            fd = self.stream.fileno()
        except (OSError, ValueError):
            return  # not a descriptor (a test's buffer): nothing flushes it at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)  # what is still buffered goes nowhere at exit, without an error
        os.close(devnull)


def _write_all(raw: io.RawIOBase | io.BufferedIOBase, data: bytes) -> None:
    """All of `data`: a raw stdout (python -u, PYTHONUNBUFFERED) may take part of it, as a
    pipe does when its reader leaves mid-write; the next write then says why (EPIPE)."""
    view = memoryview(data)
    while view:
        taken = raw.write(view)
        if taken is None:  # non-blocking and full: wait as a blocking write would
            select.select([], [raw], [])
            continue
        view = view[taken:]
    raw.flush()


def fill_closed_descriptors() -> None:
    """Point stdin, stdout or stderr at /dev/null when the process started with it closed
    (`>&-`): else the next file opened (the journal) would take its number, and a line meant
    for the terminal could land in it."""
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, mode)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


def echoed(text: str, limit: int = ECHO_MAX) -> str:
    """A word the rep gave, as a line echoes it back: quoted, at most `limit` characters of it
    (then an ellipsis), anything a terminal could act on made visible."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{shown(cut)}'"


def out(text: str) -> None:
    """A line on stdout, made safe as `errors.warn` makes a line on stderr."""
    print(shown(text))


def output_path(output: str | None, what: str) -> Path | None:
    """The new file `-o` names (None: stdout); one line if it exists already, or is empty
    (ending in `what` was done instead: "nothing was exported")."""
    if output == "":
        raise CompanionError(f"-o needs a file name (or - for stdout); {what}")
    if output is None or output == "-":
        return None
    target = Path(output)
    if target.exists() or target.is_symlink():
        raise _taken(output)
    return target


def write_output(target: Path, text: str) -> None:
    """`text` into the new file `target` (never over one); one line if it cannot be."""
    try:
        write_new(target, text.encode())
    except FileExistsError:
        raise _taken(str(target)) from None
    except OSError as error:
        raise CompanionError(
            f"cannot write {target}: {error.strerror or error}; nothing was written"
        ) from None


def _taken(output: str) -> CompanionError:
    return CompanionError(
        f"{output} already exists; nothing was written (pick a new name or move that file away)"
    )


def to_stdout(text: str) -> int:
    """A file's text on stdout as UTF-8, whatever the locale says. A reader that stops early
    (`head`) or a full device is recorded in SAID (main's exit status), never raised."""
    data = text.encode()
    if isinstance(sys.stdout, Guarded):
        sys.stdout.write_bytes(data)
        return 0
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def stdout_lost() -> bool:
    """Whether stdout has failed this command (a full device, a closed pipe, closed)."""
    return isinstance(sys.stdout, Guarded) and sys.stdout.lost is not None
