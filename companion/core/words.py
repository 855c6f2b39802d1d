"""Plain words for numbers, shared by the screens and the command line."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """`1 dial`, `2 dials`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
