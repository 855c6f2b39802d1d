"""The Reframe step's words. Every reset opens on the script (SCRIPT, the mantra: said on every
reset, since a mantra works by being said again), and one line under it rotates: never the
script, never the same line twice running, drawn from the pool below, the rate line of the last
7 days and the rep's own lines (reframes.txt). Every pool line is ours, warm and plain, never
preachy, and names the idea of the sources it carries (core.ideas)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from companion.core.ideas import Coached, Idea
from companion.core.tags import has_control
from companion.core.words import per_meeting

# The step-2 script, in the words a rep says to themselves: on every reset.
SCRIPT = Coached(Idea.SCRIPT, "One data point, nothing more. I'm on to the next call.")

POOL: tuple[Coached, ...] = (
    Coached(Idea.BLANK_SLATE, "Each dial starts clean: it owes the last one nothing."),
    Coached(Idea.ONE_APPROACH, "The pitch, the person, the hour: any of them can change."),
    Coached(Idea.MATH, "Some no's were always coming today. This was one."),
    Coached(Idea.TRACK_NUMBERS, "Once you count them, no's stop surprising you."),
    Coached(Idea.FRIDAY_TEST, "Come Friday afternoon, this call will be long forgotten."),
    Coached(Idea.SO_WHAT, "So what? A month from now, will it matter at all?"),
    Coached(Idea.IDENTITY, "They said no to an offer, not to you."),
    Coached(Idea.NOT_YOUR_WORTH, "A no is part of the work, not a measure of you."),
    Coached(Idea.SELF_DISQUALIFIED, "Often a no means they ruled themselves out."),
    Coached(Idea.OUTSIDE_CONTROL, "Budget, timing, who else signs: often not yours to fix."),
    Coached(Idea.CALLUSES, "It may still sting. Getting back fast is the skill."),
    Coached(Idea.TWENTY_FOUR_HOURS, "Today it may sting. A note brings it back tomorrow."),
    Coached(Idea.TWENTY_FOUR_HOURS, "No need to feel fine right now. Give it a day."),
    Coached(Idea.REAL_PAIN, "A no can hurt like a knock. That's wiring, not weakness."),
    Coached(Idea.CARRY_OVER, "Bring it along and the next call pays for it too."),
    Coached(Idea.CARRY_OVER, "Carry it and you go flat, rush, half-listen, fold early."),
    Coached(Idea.TREND, "A trend takes weeks. One call can't tell you much."),
    Coached(Idea.PATTERNS, "Judge the week, not this call. Patterns live in numbers."),
    Coached(Idea.MOVE_ON, "Replaying it changes nothing. The next call might."),
    Coached(Idea.ZERO_IMPACT, "Outside this desk, your life is as it was a minute ago."),
    Coached(Idea.CRAFT, "People who get a good call are often glad of it."),
    Coached(Idea.DIAL_NOW, "No phone, no coffee: dialling is the reset's last step."),
    Coached(Idea.WINS_STAY, "The calls you'll remember are the yeses, not this one."),
)
REFRAMES: tuple[str, ...] = tuple(line.text for line in POOL)
# The numbers-game line, from the rep's own last 7 days.
RATE = Coached(Idea.MATH, "Last 7 days: {per_meeting}. This was one.")

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
    return RATE.text.format(per_meeting=per_meeting(nos_per_yes))


def next_reframe(
    previous: str | None,
    rng: random.Random,
    nos_per_yes: float | None = None,
    own: Sequence[str] = (),
) -> str:
    """The line under the script: different from `previous` and never the script itself, drawn
    from the pool, the numbers-game line when it exists, and the rep's own."""
    pool = [*REFRAMES, *own]
    rate = rate_line(nos_per_yes)
    if rate is not None:
        pool += [rate, rate]  # worth seeing often: it is the math that makes a no expected
    choices = [line for line in pool if line not in (previous, SCRIPT.text)] or pool
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
