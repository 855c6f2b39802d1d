"""Stylesheets read after the start, when first needed: each screen's own (screens/*.tcss), the
wide session layout (wide.tcss). Reading one makes Textual parse every stylesheet again and
restyle every widget, so they are read together, once, and never on the way to the first frame
unless that frame needs them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App

HERE = Path(__file__).parent
WIDE = HERE / "wide.tcss"
PLAIN = HERE / "plain.tcss"


def read_styles(app: App[Any], paths: Iterable[Path]) -> None:
    """Read those of `paths` the app has not read yet, then restyle once."""
    fresh = False
    for path in paths:
        if not app.stylesheet.has_source(str(path.resolve())):
            app.stylesheet.read(path.resolve())
            fresh = True
    if fresh:
        app.stylesheet.reparse()
        app.stylesheet.update(app)
