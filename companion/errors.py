"""Errors that end in one clear line for the user, never a traceback."""

import sys

from companion.core.words import shown


class CompanionError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


def reason(error: BaseException) -> str:
    """What went wrong, in words short enough for a status line: an OSError's own words
    ("No space left on device") without its errno number."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def warn(text: str) -> None:
    """A `companion:` line on stderr, with anything a terminal could act on made visible (a
    path or text from a file may hold escape codes or bytes that are not UTF-8)."""
    print(f"companion: {shown(text)}", file=sys.stderr)
