"""The reset's steps in one line: where the rep is at a glance. Done ✓, now ● in bold on a band
of the accent (body text on it, which stays readable down to 16 colours), to come ○ muted; in
plain mode the same in words, for screen readers and braille displays."""

from __future__ import annotations

from textual.content import Content

from companion.core.ritual import RitualStep
from companion.session.state import RitualView

NOW = "bold $foreground on $accent 20%"
DONE = "$success"
TO_COME = "$text-muted"


def step_line(ritual: RitualView, width: int, plain: bool = False) -> Content:
    """Every step of this reset in `width` cells. When the names do not fit (the long reset at
    60 columns), only the current step keeps its name."""
    steps = ritual.steps or tuple(RitualStep)
    now = steps.index(ritual.step) if ritual.step in steps else 0
    if plain:
        return _in_words(steps, now, width)
    full = Content("   ").join(
        Content.styled(f" ● {step.heading} ", NOW)
        if n == now
        else Content.assemble(_mark(n, now), (f" {step.heading}", TO_COME))
        for n, step in enumerate(steps)
    )
    if full.cell_length <= width - 2:
        return full
    short = [
        Content.styled(f"● {step.heading}", NOW) if n == now else _mark(n, now)
        for n, step in enumerate(steps)
    ]
    return Content.assemble(Content(" ").join(short), (f"  {now + 1} of {len(steps)}", TO_COME))


def _mark(n: int, now: int) -> Content:
    return Content.styled("✓", DONE) if n < now else Content.styled("○", TO_COME)


def _in_words(steps: tuple[RitualStep, ...], now: int, width: int) -> Content:
    """The steps in words ("Step 2 of 4: Reframe · done: Breathe · next: Review target, Dial"),
    shortened until they fit: the step and where it stands first, as a screen reader reads from
    the start."""
    where = Content.assemble((f"Step {now + 1} of {len(steps)}: ", TO_COME), (steps[now].heading, NOW))
    done = ", ".join(step.heading for step in steps[:now])
    to_come = [step.heading for step in steps[now + 1 :]]
    tries = [
        [f"done: {done}" if done else "", f"next: {', '.join(to_come)}" if to_come else ""],
        [f"{now} done" if now else "", f"next: {to_come[0]}" if to_come else ""],
        [f"next: {to_come[0]}" if to_come else ""],
    ]
    for parts in tries:
        line = Content.assemble(where, *((f" · {part}", TO_COME) for part in parts if part))
        if line.cell_length <= width - 2:
            return line
    return where
