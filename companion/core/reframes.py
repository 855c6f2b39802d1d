"""Short lines for the Reframe step: our own words, warm and plain, never preachy.
They rotate and never repeat back to back."""

from __future__ import annotations

import random

from companion.core.words import whole

REFRAMES: tuple[str, ...] = (
    "One call. One data point. Not a verdict on you.",
    "One approach, with one person, at one moment. The next call is all new.",
    "The next prospect has no idea how that call went.",
    "So what? Nothing in your life changed in the last minute.",
    "On Friday afternoon, will you remember this call? Almost surely not.",
    "They said no to an offer, at a bad time for them. Not to you.",
    "Budget, timing, politics, fear of change: most no's start on their side of the desk.",
    "A no is information. Take the lesson, leave the sting.",
    "You made the call. That part was yours, and you did it.",
    "Rejection still stings. Getting back up faster is the skill, and you're doing it now.",
    "Hard calls build the calluses that make the next one easier.",
    "Was it a skill to sharpen, a poor fit, or a step skipped? Tag it, then let it go.",
    "A clear no beats a maybe that drags on for weeks.",
    "Your tone on the next call belongs to the next call.",
    "Breathe out the last call. Bring only your curiosity to the next one.",
    "Every yes you've ever had was surrounded by no's.",
    "Someone on today's list needs exactly what you offer.",
    "Weekly patterns matter; single calls don't. Zoom out.",
    "Feel it, note it, review it tomorrow. For now: next call.",
    "The best reps hear as many no's as anyone. They just don't carry them.",
    "Clean slate. Shoulders down. You know your opener.",
    "You are not your results on one call. You are the rep who keeps dialling.",
)


def rate_line(nos_per_yes: float | None) -> str | None:
    """The numbers-game reframe, when this week has a rate to quote."""
    if nos_per_yes is None or nos_per_yes <= 0:
        return None
    return (
        f"At this week's rate a meeting costs about {whole(nos_per_yes)} no's. "
        "This one just brought the next yes closer."
    )


def next_reframe(previous: str | None, rng: random.Random, nos_per_yes: float | None = None) -> str:
    """A line different from `previous`; sometimes the numbers-game line when it exists."""
    pool = list(REFRAMES)
    rate = rate_line(nos_per_yes)
    if rate is not None:
        pool += [rate, rate]  # worth seeing often: it is the math that makes a no expected
    choices = [line for line in pool if line != previous]
    return rng.choice(choices)
