"""A home filled through every way in with text meant to act on a terminal or a spreadsheet,
and the check that no output lets any of it through."""

from __future__ import annotations

import csv
import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path

from companion.cli import handle
from companion.cli.grammar import parse
from companion.context import Context
from companion.errors import CompanionError

# OSC 52 writes the clipboard, CSI 2J clears the screen, OSC 8 makes a link, 0x9b is a one-byte
# CSI, U+202E turns the text around; the rest are formulas a spreadsheet would run.
ATTACKS = (
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m",
    "\u202egnp.exe",
)
FORMULAS = ('=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)")
# Whatever a terminal could act on: C0 controls but tab and newline, DEL, C1, bidi overrides.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def command(ctx: Context, *words: str) -> int:
    """`companion WORDS` on `ctx`, as typed in a terminal: its handler's exit status."""
    return handle(ctx, parse(words))


def fill(ctx: Context, folder: Path, now: datetime) -> None:
    """Hostile text in through `log`, a JSON import, a CSV import, a planted journal line and a
    planted archive document; everything that is a valid call is stored (its text cleaned)."""
    quiet = io.StringIO()
    with redirect_stdout(quiet), redirect_stderr(quiet):
        for n, text in enumerate((*ATTACKS, *FORMULAS)):
            at = (now - timedelta(minutes=50 - n)).isoformat()
            command(ctx, "log", "no", f"--note={text} note {n}", f"--at={at}")
        events = [
            {
                "id": f"json-{n}",
                "at": (now - timedelta(minutes=30 - n)).isoformat(),
                "kind": "outcome",
                "outcome": "meeting",
                "note": text,
            }
            for n, text in enumerate((*ATTACKS, *FORMULAS))
        ]
        (folder / "hostile.json").write_text(json.dumps(events))
        command(ctx, "import", str(folder / "hostile.json"))
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["timestamp", "outcome", "reason", "note", "session", "hard", "story"])
        for n, text in enumerate((*ATTACKS, *FORMULAS)):
            stamp = (now - timedelta(minutes=20 - n)).replace(tzinfo=None).isoformat(timespec="seconds")
            writer.writerow([stamp, "no", text, text, "", "yes", text])  # hard no's: in the resume
        (folder / "hostile.csv").write_text(rows.getvalue())
        command(ctx, "import", str(folder / "hostile.csv"))
        # The day around the block: a no two days old (due), its review, wins, today's focus.
        for note, days in ((f"{ATTACKS[0]} {ATTACKS[4]} old", 2), (f"{ATTACKS[2]} older", 3)):
            command(ctx, "log", "no", f"--note={note}", f"--at={(now - timedelta(days=days)).isoformat()}")
        older = next(e for e in ctx.store.all_events()[0] if e.note and e.note.endswith(" older"))
        # A lesson, a win or a focus with an escape in it is refused whole (exit 2); formulas
        # and markup are words like any other, stored as typed.
        for text in ATTACKS:
            for words in (
                ("review", older.id, f"--lesson={text} lesson", "--felt=2"),
                ("win", "--", f"{text} win"),
                ("warmup", f"--focus={text} focus"),
            ):
                try:
                    command(ctx, *words)
                except CompanionError:
                    continue
                raise AssertionError(f"{text!r} was taken in by companion {words[0]}")
        command(ctx, "review", older.id, f"--lesson={FORMULAS[0]} [bold]lesson[/bold]", "--felt=2")
        for n, text in enumerate(FORMULAS):
            command(ctx, "win", "--", f"{text} win {n}")
        command(ctx, "warmup", f"--focus={FORMULAS[1]} focus")
    # Lines and documents that never pass the validator: skipped, counted, kept aside.
    doc = {"v": 1, "id": "planted", "at": now.isoformat(), "kind": "outcome", "outcome": "no"}
    planted = encode_raw({**doc, "reason": ATTACKS[0]})
    with ctx.store.journal.open("ab") as journal:
        journal.write(planted)


def encode_raw(doc: dict[str, object]) -> bytes:
    return (json.dumps(doc, ensure_ascii=False) + "\n").encode()


def assert_safe(output: str, where: str) -> None:
    """Nothing in `output` can act on a terminal."""
    found = UNSAFE.search(output)
    if found is not None:
        around = output[max(found.start() - 40, 0) : found.end() + 40]
        raise AssertionError(f"{where}: {found.group()!r} reached the output: {around!r}")


def assert_no_formula(text: str, where: str) -> None:
    """No cell of a CSV starts as a formula would, read as CSV or split on any locale's list
    separator (a German or French sheet splits on `;`, past our commas and quotes)."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"{where}: the cell {cell!r} would run as a formula"
    for line in text.splitlines():
        for mark in (",", ";", "\t"):
            for field in line.split(mark):
                assert not field.lstrip(' "').startswith(FORMULA_START), (
                    f"{where}: split on {mark!r}, the field {field!r} would run as a formula"
                )
