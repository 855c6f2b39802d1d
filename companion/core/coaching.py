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
    Coached(Idea.PERSPECTIVE, "Not your health, nor the health of anyone close to you."),
    Coached(Idea.PERSPECTIVE, "Not the people at home, the roof, what's in the fridge."),
    Coached(Idea.PERSPECTIVE, "Not your job, your pay, your pension or your money."),
    Coached(Idea.STRANGERS_DAY, "What happened: a stranger, maybe on a bad day, said no."),
    Coached(Idea.CRAFT, "Calling well is a craft. You're a pro, not a nuisance."),
)

# So what (the long reset): the call at three horizons, shown one after another.
SO_WHAT_ASK = Coached(Idea.SO_WHAT, "So what?")
SO_WHAT_HORIZONS: tuple[tuple[str, Coached], ...] = (
    ("In a week", Coached(Idea.FRIDAY_TEST, "will it cross your mind on Friday afternoon?")),
    ("In a month", Coached(Idea.TREND, "one dot in a rate you can move.")),
    ("In a career", Coached(Idea.ZERO_IMPACT, "nothing, unless you carry it into the next call.")),
)

# Story (the long reset): a story is a story; the day's data sits beside it.
STORY_ASK = Coached(Idea.THE_STORY, "What story are you telling yourself about that call?")
STORY_HINT = Coached(Idea.THE_STORY, "Name it in one line, and see it beside the day's data.")
STORY_SEEN = Coached(Idea.THE_STORY, "That's the story. Here's the data beside it.")

# The post-rejection checklist, asked from Reframe on: one question, three one-key answers (the
# cause tags), and what each answer means once given.
CHECKLIST_ASK = Coached(Idea.CHECKLIST, "What was that no?")
CHECKLIST_ANSWERS: dict[str, str] = {"skill-gap": "skill gap", "poor-fit": "not a fit", "process": "process"}
CHECKLIST_MEANS: dict[str, Coached] = {
    "skill-gap": Coached(Idea.CHECKLIST, "Skill gap: one to close. It's back in tomorrow's review."),
    "poor-fit": Coached(Idea.CHECKLIST, "Not a fit: that no just saved you time."),
    "process": Coached(Idea.CHECKLIST, "Process: a step to fix, not a question of talent."),
}

# The curiosity question: words to try on the call itself, next time someone passes.
CURIOSITY_WHEN = Coached(Idea.CURIOSITY, "Next time someone passes, try:")
CURIOSITY_ASK = Coached(
    Idea.CURIOSITY, "“Thanks for being straight with me. Was it something in particular, or more the timing?”"
)

# Dial: now, and fresh.
DIAL_NOW = Coached(Idea.DIAL_NOW, "Pick up the phone and dial. Now, before anything else.")
DIAL_FRESH = Coached(Idea.BLANK_SLATE, "The next person you call never heard that one.")
