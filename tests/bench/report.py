"""One row per benchmark figure, its same-run baseline, the design target and a verdict word.

A slow machine never fails the suite: figures are compared with the target and printed, and a
figure whose own baseline already misses the target is called "machine" rather than "OVER"."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Unit = Literal["ms", "s", "x", "MB"]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table. `figure` is None when the thing measured does not exist yet."""

    what: str
    figure: float | None
    unit: Unit
    target: float
    baseline: str = ""
    # The same quantity measured on something that cannot be slower than the machine (a raw
    # fsync, a bare Textual app); when it alone misses the target the verdict blames the machine.
    floor: float | None = None
    note: str = ""
    error: str | None = None

    @property
    def verdict(self) -> str:
        if self.error is not None:
            return "ERROR"
        if self.figure is None:
            return "n/a"
        if self.figure <= self.target:
            return "ok"
        if self.floor is not None and self.floor > self.target:
            return "machine"
        return "OVER"


def fmt(value: float, unit: Unit) -> str:
    """A figure in its unit, with as many digits as are worth reading."""
    if not math.isfinite(value):
        return str(value)
    if unit == "x":
        return f"{value:.2f}x"
    if value >= 100:
        return f"{value:.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def ms(seconds: float) -> str:
    return fmt(seconds * 1000, "ms")


def failed(what: str, unit: Unit, target: float, error: BaseException) -> Row:
    """The row for a benchmark that crashed: the first line of what went wrong."""
    text = str(error).strip().splitlines()
    message = f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")
    return Row(what, None, unit, target, error=message)


def table(rows: list[Row]) -> str:
    """The rows as fixed-width text, errors and notes spelled out under their row."""
    what_w = max(len("what"), *(len(r.what) for r in rows))
    figures = ["-" if r.figure is None else fmt(r.figure, r.unit) for r in rows]
    fig_w = max(len("figure"), *(len(f) for f in figures))
    targets = [f"<= {fmt(r.target, r.unit)}" for r in rows]
    tgt_w = max(len("target"), *(len(t) for t in targets))
    verdict_w = max(len("verdict"), *(len(r.verdict) for r in rows))

    def line(what: str, figure: str, target: str, verdict: str, detail: str) -> str:
        return f"{what:<{what_w}}  {figure:>{fig_w}}  {target:<{tgt_w}}  {verdict:<{verdict_w}}  {detail}"

    header = line("what", "figure", "target", "verdict", "baseline (same run)")
    lines = [header, "-" * len(header)]
    for row, figure, target in zip(rows, figures, targets, strict=True):
        detail = row.error or row.note or row.baseline
        if row.figure is not None and row.note:
            detail = f"{row.baseline}; {row.note}" if row.baseline else row.note
        lines.append(line(row.what, figure, target, row.verdict, detail))
    return "\n".join(lines)
