"""How the screens draw, from [ui]: `plain` (words and plain characters: no bars, blocks, braille
or box lines, for screen readers and braille displays) and reduced motion (nothing moves; a
widget repaints only when a figure on it changes). The app holds one Look; screens and widgets
ask for it through `look_of`, never by importing the app."""

from __future__ import annotations

from typing import NamedTuple

from textual.dom import DOMNode
from textual.types import NoActiveAppError


class Look(NamedTuple):  # (not a dataclass: it loads on the way to the first frame)
    plain: bool = False
    still: bool = False  # reduced motion

    @property
    def moving(self) -> bool:
        """Whether anything is drawn to move (the reset's breathing shape): not with reduced
        motion, and not in plain mode, which draws no shapes."""
        return not (self.still or self.plain)


USUAL = Look()


def look_of(node: DOMNode) -> Look:
    """The app's Look (the usual one for a widget outside Companion's app, as in a test)."""
    try:
        app = node.app
    except NoActiveAppError:  # not attached to a running app
        return USUAL
    found = getattr(app, "look", USUAL)
    return found if isinstance(found, Look) else USUAL
