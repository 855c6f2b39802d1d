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
    Coached(Idea.BLANK_SLATE, "The next person you dial didn't hear that call. They get a fresh you."),
    Coached(Idea.BLANK_SLATE, "Each dial starts clean. This next one owes nothing to the last."),
    Coached(
        Idea.ONE_APPROACH, "That approach, with that person, today, didn't land. Any of the three can change."
    ),
    Coached(Idea.MATH, "Some no's were always coming today. That was one of them, right on time."),
    Coached(Idea.TRACK_NUMBERS, "Counted, a no stops being a surprise: your numbers had room for it."),
    Coached(Idea.FRIDAY_TEST, "By Friday afternoon this call will have slipped your mind."),
    Coached(Idea.SO_WHAT, "So what? Look around: nothing that matters to you has changed."),
    Coached(Idea.IDENTITY, "They turned down an offer, not a person. You're still you."),
    Coached(Idea.NOT_YOUR_WORTH, "A no is part of the work. It says nothing about what you're worth."),
    Coached(Idea.SELF_DISQUALIFIED, "Often a no is them ruling themselves out, not you falling short."),
    Coached(
        Idea.OUTSIDE_CONTROL, "Budget, timing, other people, fear of change: most no's are theirs to carry."
    ),
    Coached(
        Idea.CALLUSES, "It still stings, and that's allowed. How soon you're back is the skill: it's timed."
    ),
    Coached(Idea.TWENTY_FOUR_HOURS, "Feel it, jot down what happened, look again tomorrow. For now, dial."),
    Coached(Idea.TWENTY_FOUR_HOURS, "Tomorrow, with fresh eyes, this call will teach you more. Let it wait."),
    Coached(Idea.REAL_PAIN, "A no lands in the body like a knock. That's wiring, not weakness."),
    Coached(Idea.CARRY_OVER, "Carry this no into the next call and it costs you twice. Leave it here."),
    Coached(Idea.TREND, "One dot doesn't draw a line. One call doesn't make a trend."),
    Coached(Idea.PATTERNS, "Look at the week, not this call. Patterns show in the numbers, not in one no."),
    Coached(Idea.MOVE_ON, "Bad calls come with the job. You can chew on this one, or you can dial."),
    Coached(Idea.ZERO_IMPACT, "This call changes nothing in your life, unless you let it follow you."),
    Coached(Idea.CRAFT, "Calling well is a skill people respect. You're a professional, not a bother."),
    Coached(Idea.STRANGERS_DAY, "A stranger, maybe in the middle of a rough day, said no. That's all."),
    Coached(Idea.DIAL_NOW, "No phone check, no coffee run: the next dial is the last step of this reset."),
    Coached(Idea.CHECKLIST, "Not a fit? Then that no just gave you time back."),
    Coached(Idea.CHECKLIST, "A skipped step is a process fix, not a talent problem."),
)
REFRAMES: tuple[str, ...] = tuple(line.text for line in POOL)
# The numbers-game line, from the rep's own last 7 days.
RATE = Coached(Idea.MATH, "Last 7 days: {per_meeting}. A no like this one is part of that math.")

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
