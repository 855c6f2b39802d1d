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

from companion import around_cli, cli
from companion.context import Context
from companion.errors import CompanionError
from companion.transfer_cli import import_command

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


def fill(ctx: Context, folder: Path, now: datetime) -> None:
    """Hostile text in through `log`, a JSON import, a CSV import, a planted journal line and a
    planted archive document; everything that is a valid call is stored (its text cleaned)."""
    quiet = io.StringIO()
    with redirect_stdout(quiet), redirect_stderr(quiet):
        for n, text in enumerate((*ATTACKS, *FORMULAS)):
            cli.log(ctx, "no", None, f"{text} note {n}", (now - timedelta(minutes=50 - n)).isoformat())
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
        import_command(ctx, str(folder / "hostile.json"))
        rows = io.StringIO()
        writer = csv.writer(rows)
        writer.writerow(["timestamp", "outcome", "reason", "note", "session", "hard", "story"])
        for n, text in enumerate((*ATTACKS, *FORMULAS)):
            stamp = (now - timedelta(minutes=20 - n)).replace(tzinfo=None).isoformat(timespec="seconds")
            writer.writerow([stamp, "no", text, text, "", "yes", text])  # hard no's: in the resume
        (folder / "hostile.csv").write_text(rows.getvalue())
        import_command(ctx, str(folder / "hostile.csv"))
        # The day around the block: a no two days old (due), its review, wins, today's focus.
        cli.log(ctx, "no", None, f"{ATTACKS[0]} {ATTACKS[4]} old", (now - timedelta(days=2)).isoformat())
        cli.log(ctx, "no", None, f"{ATTACKS[2]} older", (now - timedelta(days=3)).isoformat())
        older = next(e for e in ctx.store.all_events()[0] if e.note and e.note.endswith(" older"))
        # A lesson, a win or a focus with an escape in it is refused whole (exit 2); formulas
        # and markup are words like any other, stored as typed.
        for text in ATTACKS:
            for way_in, args in (
                (around_cli.review, (ctx, older.id, f"{text} lesson", 2, False, False)),
                (around_cli.win, (ctx, f"{text} win")),
                (around_cli.warmup_command, (ctx, False, f"{text} focus")),
            ):
                try:
                    way_in(*args)
                except CompanionError:
                    continue
                raise AssertionError(f"{text!r} was taken in by {way_in.__name__}")
        around_cli.review(ctx, older.id, f"{FORMULAS[0]} [bold]lesson[/bold]", 2, False, False)
        for n, text in enumerate(FORMULAS):
            around_cli.win(ctx, f"{text} win {n}")
        around_cli.warmup_command(ctx, False, f"{FORMULAS[1]} focus")
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
    """No cell of a CSV starts as a formula would."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"{where}: the cell {cell!r} would run as a formula"
