"""Notice a terminal that has gone away without a hang-up signal (its window or pty closed
while we were not its session leader): Textual would otherwise spin on a dead input."""

from __future__ import annotations

import sys


def watched_fd() -> int | None:
    """The terminal to watch, or None when there is none (headless tests, pipes)."""
    if sys.__stdin__ is None:
        return None
    try:
        fd = sys.__stdin__.fileno()
    except (OSError, ValueError):
        return None
    import os

    return fd if os.isatty(fd) else None


def terminal_alive(fd: int) -> bool:
    """False once the terminal behind `fd` answers with an I/O error."""
    import termios

    try:
        termios.tcgetattr(fd)
    except termios.error:
        return False
    return True
