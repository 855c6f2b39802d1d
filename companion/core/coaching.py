"""The reset's own words, step by step: what the body does in Breathe, the long reset's walk
through what a bad call leaves alone, "so what" at three horizons, the story set beside the
data, the post-rejection checklist asked after a no, the words to try next time someone passes,
and the Dial step's. Ours, short and plain; each names the idea of the sources it carries
(core.ideas). The Reframe step's lines are in core.reframes. Each line fits 56 columns (the
reset's body at 60), or says where it wraps."""

from __future__ import annotations

from companion.core.ideas import Coached, Idea

# Breathe: the body first.
BODY_CUE = Coached(Idea.PHYSICAL_RESET, "Stand up, stretch, and let your shoulders drop.")

# Perspective (the long reset): what that call left alone, in turns, then what did happen and
# what calling is.
PERSPECTIVE_ASK = Coached(Idea.PERSPECTIVE, "What did that call actually change?")
PERSPECTIVE_WALK: tuple[Coached, ...] = (
    Coached(Idea.PERSPECTIVE, "Not your health, or the health of anyone close to you."),
    Coached(Idea.PERSPECTIVE, "Not the people at home, the roof, what's in the fridge."),
    Coached(Idea.PERSPECTIVE, "Not your job, your pay, your pension or your money."),
    Coached(Idea.STRANGERS_DAY, "It was a stranger, busy with their own day, saying no."),
    Coached(Idea.CRAFT, "Good calling is skilled work; most people can tell."),
)

# So what (the long reset): the call at three horizons, shown one after another under a
# question of its own (the step's heading already says "So what").
SO_WHAT_ASK = Coached(Idea.SO_WHAT, "Will it still matter later on?")
SO_WHAT_HORIZONS: tuple[tuple[str, Coached], ...] = (
    ("In a week", Coached(Idea.FRIDAY_TEST, "will you even remember it?")),
    ("In a month", Coached(Idea.TREND, "one dot on a long line.")),
    ("In a career", Coached(Idea.ZERO_IMPACT, "nothing, unless it stops you calling.")),
)

# Story (the long reset): a story is a story; the day's data sits beside it.
STORY_ASK = Coached(Idea.THE_STORY, "What story are you telling yourself about that call?")
STORY_HINT = Coached(Idea.THE_STORY, "Name it in one line, and see it beside the day's data.")
STORY_SEEN = Coached(Idea.THE_STORY, "That's the story. Here's the data beside it.")
STORY_EXAMPLE = Coached(Idea.THE_STORY, "e.g. “I always blow the opener”")

# The post-rejection checklist, asked from Reframe on: one question, three one-key answers (the
# cause tags, named by core.tags.CAUSE_LABELS as everywhere else), and what each answer means
# once given, opening on that same name.
CHECKLIST_ASK = Coached(Idea.CHECKLIST, "Which was it?")
CHECKLIST_MEANS: dict[str, Coached] = {
    "skill-gap": Coached(Idea.CHECKLIST, "Skill gap: one to practise. It's in tomorrow's review."),
    "poor-fit": Coached(Idea.CHECKLIST, "Poor fit: better to hear it now than in a month."),
    "process": Coached(Idea.CHECKLIST, "Process issue: mend the routine, not yourself."),
}

# The curiosity question: words to try on the call itself, next time someone passes. Short:
# Dial is read in a glance, and its wait is timed.
CURIOSITY_WHEN = Coached(Idea.CURIOSITY, "Next time someone passes, try:")
CURIOSITY_ASK = Coached(Idea.CURIOSITY, "“Fair enough. Was it timing, or something else?”")

# Dial: now, and fresh; the key that marks it times the recovery (after the key's name).
DIAL_NOW = Coached(Idea.DIAL_NOW, "Pick up the phone and dial. Now, before anything else.")
DIAL_TIMES = Coached(Idea.CALLUSES, "as you dial: that times your recovery.")
DIAL_FRESH = Coached(Idea.BLANK_SLATE, "The next person you call never heard that one.")
