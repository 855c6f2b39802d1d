"""What a command writes: a line on stdout, or a new file `-o` names (never over one). Every
problem is one CompanionError line (exit 2)."""

from __future__ import annotations

import sys
from pathlib import Path

from companion.core.words import shown
from companion.errors import CompanionError
from companion.store.files import write_new


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
    (`head`) is main's BrokenPipeError, not an error of ours."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode())
    sys.stdout.buffer.flush()
    return 0
