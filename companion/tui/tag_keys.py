"""The keys that tag a `no` (reason 1-8, cause z x c, t for a note), shared by the session
screen and the reset, and the lines that list them."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding
from textual.content import Content

from companion.core.tags import CAUSE_LABELS, CAUSES, REASONS
from companion.tui.text import shown_key

CAUSE_KEYS = ("z", "x", "c")  # clash with no outcome key


def tag_bindings(reason: str, cause: str, note: str) -> list[Binding]:
    """The tag keys, each with what it does where it is bound (its words in the command palette;
    `?` lists them as families): the same keys and ids on every screen."""
    return [
        *(
            Binding(
                str(n), f"reason('{r}')", r.replace("-", " "), show=False, id=f"reason-{r}", tooltip=reason
            )
            for n, r in enumerate(REASONS, start=1)
        ),
        *(
            Binding(key, f"cause('{c}')", CAUSE_LABELS[c], show=False, id=f"cause-{c}", tooltip=cause)
            for key, c in zip(CAUSE_KEYS, CAUSES, strict=True)
        ),
        Binding("t", "note", "Note", show=False, id="note", tooltip=note),
    ]


_UNTIL = "for the last no (until the next call)"
# On the session screen a tag goes on the latest no, until the next call.
TAG_BINDINGS = tag_bindings(f"reason {_UNTIL}", f"cause {_UNTIL}", f"a note {_UNTIL}")


def tag_keys_text(keymap: Mapping[str, str] | None = None) -> Content:
    """The optional tags and their keys (the rep's own from `[keys]`), in lines that fit 60
    columns."""
    keys = tag_keys(keymap)
    causes = "  ".join(f"{keys[f'cause-{c}']} {CAUSE_LABELS[c]}" for c in CAUSES)
    parts = reason_lines(keys)
    parts += ["\n", ("Cause   ", "bold"), (causes + f"  {keys['note']} note", "$text-muted")]
    return Content.assemble(*parts)


def tag_keys(keymap: Mapping[str, str] | None = None) -> dict[str | None, str]:
    """Each tag binding's id -> the key the rep presses for it (their own from `[keys]`)."""
    return {b.id: shown_key(b, keymap or {}) for b in TAG_BINDINGS}


def reason_lines(keys: Mapping[str | None, str], note: bool = False) -> list[str | tuple[str, str]]:
    """`Reason` and the eight reasons with their keys, three a line (the note's key after the
    last, with `note`), as parts for Content.assemble."""
    reasons = [f"{keys[f'reason-{r}']} {r.replace('-', ' ')}" for r in REASONS]
    rows = ["  ".join(reasons[i : i + 3]) for i in range(0, len(reasons), 3)]
    if note:
        rows[-1] += f"  · {keys['note']} note"
    parts: list[str | tuple[str, str]] = [("Reason  ", "bold")]
    for i, row in enumerate(rows):
        parts += ["\n        " if i else "", (row, "$text-muted")]
    return parts
