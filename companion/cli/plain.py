"""The plain forms of the commands a dialer's hook and a status bar run over and over, read
without argparse (whose import and parser are most of such a command's start): `log OUTCOME`
with its options each given whole (`--note TEXT` or `--note=TEXT`), and `status` with `--json`
or `--format F`, and `dial`. Anything else (help, a bad or abbreviated word, a value that starts with '-',
`--`) is None: companion.cli.grammar reads it, and decides every error. What this reads is what
argparse reads (tests/unit/test_plain_words.py holds it to grammar.parse)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

# Per command: its one positional's name (or None), its options taking a value (their
# destinations), its flags, in argparse's order of defaults.
_LOG_VALUES = {"--reason": "reason", "--cause": "cause", "--note": "note", "--at": "at", "--felt": "felt"}
_STATUS_VALUES = {"--format": "format"}
_FORMS: dict[str, tuple[str | None, dict[str, str], dict[str, str]]] = {
    "log": ("outcome", _LOG_VALUES, {"--hard": "hard"}),
    "status": (None, _STATUS_VALUES, {"--json": "json"}),
    "dial": (None, {}, {}),
}
_FELT = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}


def plain(words: list[str]) -> Any:
    """The namespace argparse would give for `words`, when they are a plain `log`, `status` or `dial`;
    else None."""
    if not words or words[0] not in _FORMS:
        return None
    positional, values, flags = _FORMS[words[0]]
    found: dict[str, Any] = {"demo": False, "reduced_motion": False, "command": words[0]}
    if positional is not None:
        found[positional] = None
    for dest in values.values():
        found[dest] = None
    for dest in flags.values():
        found[dest] = False
    given = 0
    i = 1
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("-"):
            if positional is None or given:
                return None
            found[positional] = word
            given = 1
            continue
        name, equals, value = word.partition("=")
        if name in flags and not equals:
            found[flags[name]] = True
            continue
        if name not in values:
            return None
        if not equals:
            if i >= len(words) or words[i].startswith("-"):
                return None
            value = words[i]
            i += 1
        if name == "--felt":
            if value not in _FELT:
                return None
            found["felt"] = _FELT[value]
        else:
            found[values[name]] = value
    if positional is not None and not given:
        return None
    return SimpleNamespace(**found)
