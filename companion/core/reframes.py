"""Short lines for the Reframe step: our own words, warm and plain, never preachy. Each line carries
one of the coaching seeds (design.md), so the pool teaches the ideas and nothing else. The first
reset of a run shows the script a rep says to themselves; later lines rotate, never repeating back
to back, with the rep's own lines (reframes.txt) mixed in."""

from __future__ import annotations

import random
from collections.abc import Sequence
from enum import StrEnum

from companion.core.tags import has_control
from companion.core.words import per_meeting


class Seed(StrEnum):
    """The coaching ideas a reframe can carry (design.md, "Who uses it, and why")."""

    BLANK_SLATE = "the next call does not know about the last call"
    ONE_DATA_POINT = "one call is one data point: one approach, one person, one moment"
    NUMBERS_GAME = "it is a numbers game; the math makes no expected"
    PERSPECTIVE = "perspective: so what, and the Friday-afternoon test"
    IDENTITY_AND_TRIAGE = "separate identity from outcome, and triage the no"
    CALLUSES = "mental calluses: recovery time shrinks with practice"
    TWENTY_FOUR_HOURS = "24-hour rule: feel it, note it, review it tomorrow"


# The seed's step-2 script, in the words a rep would say to themselves.
SCRIPT = "That's one call, one data point. I'm on to the next one."

SEEDED: tuple[tuple[Seed, str], ...] = (
    (Seed.ONE_DATA_POINT, SCRIPT),
    (Seed.ONE_DATA_POINT, "One try, with one person, at one moment. That's all that call was."),
    (Seed.ONE_DATA_POINT, "One dot doesn't draw a line. One call doesn't make a pattern."),
    (Seed.BLANK_SLATE, "The next person you dial didn't hear that call. They get a fresh you."),
    (Seed.BLANK_SLATE, "Nobody on the next call knows how the last one went."),
    (Seed.BLANK_SLATE, "Each dial starts clean. This next one owes nothing to the last."),
    (Seed.NUMBERS_GAME, "Some no's were always coming today. That was one of them, right on time."),
    (Seed.NUMBERS_GAME, "Look at the week, not this call. One no barely moves the numbers."),
    (Seed.PERSPECTIVE, "So what? Look around: nothing that matters to you has changed."),
    (Seed.PERSPECTIVE, "Come Friday afternoon, you won't remember this call."),
    (Seed.PERSPECTIVE, "In an hour this call will feel small. Let it be small now."),
    (Seed.IDENTITY_AND_TRIAGE, "They turned down an offer, not a person. You're still you."),
    (Seed.IDENTITY_AND_TRIAGE, "Skill to practise, poor fit, or a skipped step? Name it, then let it go."),
    (Seed.IDENTITY_AND_TRIAGE, "Not a fit? Then that no just gave you time back."),
    (
        Seed.IDENTITY_AND_TRIAGE,
        "Budget, timing, other people, fear of change: most no's are theirs to carry.",
    ),
    (Seed.IDENTITY_AND_TRIAGE, "A skipped step is a process fix, not a talent problem."),
    (Seed.CALLUSES, "It still stings, and that's fine. What's growing is how fast you're back."),
    (Seed.CALLUSES, "Every reset you finish makes the next one a little quicker."),
    (Seed.TWENTY_FOUR_HOURS, "Feel it, jot down what happened, look again tomorrow. For now, dial."),
    (Seed.TWENTY_FOUR_HOURS, "Tomorrow, with fresh eyes, this call will teach you more. Let it wait."),
)
REFRAMES: tuple[str, ...] = tuple(line for _, line in SEEDED)

# A rep's own reframes come from a file they edit: bounds keep a runaway file harmless.
OWN_REFRAME_MAX = 200
OWN_REFRAMES_MAX = 500


class ReframesError(ValueError):
    """A reframes.txt line that cannot be shown, with where it is."""


def rate_line(nos_per_yes: float | None) -> str | None:
    """The numbers-game reframe, when the last 7 days have a meeting to count from: every dial
    that was not a meeting, for each one (never called no's: a voicemail is one of them too)."""
    if nos_per_yes is None or nos_per_yes <= 0:
        return None
    return f"Last 7 days: {per_meeting(nos_per_yes)}. This no was one of them, on the way to a yes."


def next_reframe(
    previous: str | None,
    rng: random.Random,
    nos_per_yes: float | None = None,
    own: Sequence[str] = (),
) -> str:
    """SCRIPT for the first reset of a run (`previous` None); then a line different from
    `previous`, drawn from the pool, the numbers-game line when it exists, and the rep's own."""
    if previous is None:
        return SCRIPT
    pool = [*REFRAMES, *own]
    rate = rate_line(nos_per_yes)
    if rate is not None:
        pool += [rate, rate]  # worth seeing often: it is the math that makes a no expected
    choices = [line for line in pool if line != previous] or pool
    return rng.choice(choices)


def parse_own_reframes(text: str, where: str) -> tuple[str, ...]:
    """The rep's reframes from the text of their reframes.txt: one a line, `#` lines and blank
    lines skipped, duplicates kept once. ReframesError names `where` and the line at fault."""
    kept: dict[str, None] = {}  # ordered, and a duplicate is kept once
    # Split on newlines only: splitlines() would also break on form feeds and other controls,
    # hiding them from the check below.
    for n, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) > OWN_REFRAME_MAX:
            raise ReframesError(
                f"{where}, line {n}: a reframe holds up to {OWN_REFRAME_MAX} characters "
                f"and this one has {len(line):,}"
            )
        if has_control(line):
            raise ReframesError(
                f"{where}, line {n}: this line holds a control character or escape code, "
                "which a reframe cannot show"
            )
        kept[line] = None
        if len(kept) > OWN_REFRAMES_MAX:
            raise ReframesError(
                f"{where}, line {n}: a reframes file holds up to {OWN_REFRAMES_MAX} reframes "
                "and this is one more"
            )
    return tuple(kept)
