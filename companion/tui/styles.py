"""Stylesheets read after the start, when first needed: each screen's own (screens/*.tcss), the
wide session layout (wide.tcss). Reading one makes Textual parse every stylesheet again and
restyle every widget, so they are read together, once, and never on the way to the first frame
unless that frame needs them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App

from companion.tui.textual_seams import read_late_styles

HERE = Path(__file__).parent
APP = HERE / "app.tcss"  # the app's own, read at start
WIDE = HERE / "wide.tcss"
PLAIN = HERE / "plain.tcss"


def read_styles(app: App[Any], paths: Iterable[Path]) -> None:
    """Read those of `paths` the app has not read yet, then restyle once."""
    read_late_styles(app, paths)
