"""The coaching ideas every line the rep reads carries, one short id per idea of the two source
articles (../shared/seeds: "bad calls", the mental framework for a bad call; "frameworks", the
mental frameworks for rejection), and OURS for the product's own advice. Each reframe, question,
prompt and tip names its idea in code (a Coached pair), so a test can hold the whole catalogue
against this list: every idea has a line, and no line is without an idea. The README's coaching
section lists the same ids with the same one-line meanings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Idea(StrEnum):
    # From "bad calls"
    MOVE_ON = "move-on"
    PERSPECTIVE = "perspective"
    STRANGERS_DAY = "strangers-day"
    THE_STORY = "the-story"
    TREND = "trend"
    PATTERNS = "patterns"
    BLANK_SLATE = "blank-slate"
    CARRY_OVER = "carry-over"
    CRAFT = "craft"
    PHYSICAL_RESET = "physical-reset"
    ON_TRACK = "on-track"
    SO_WHAT = "so-what"
    MATH = "math"
    ZERO_IMPACT = "zero-impact"
    CALLUSES = "calluses"
    SCRIPT = "script"
    REVIEW_TARGET = "review-target"
    DIAL_NOW = "dial-now"
    FRIDAY_TEST = "friday-test"
    WINS_STAY = "wins-stay"
    NOT_YOUR_WORTH = "not-your-worth"
    # From "frameworks"
    REAL_PAIN = "real-pain"
    IDENTITY = "identity"
    ONE_APPROACH = "one-approach"
    CHECKLIST = "checklist"
    TRACK_NUMBERS = "track-numbers"
    TWENTY_FOUR_HOURS = "24-hours"
    SELF_DISQUALIFIED = "self-disqualified"
    OUTSIDE_CONTROL = "outside-control"
    CURIOSITY = "curiosity"
    RESUME = "resume"
    WARMUP = "warmup"
    # Not from the sources: the product's own advice, said as such in the README.
    OURS = "ours"

    @property
    def meaning(self) -> str:
        return MEANINGS[self].meaning

    @property
    def source(self) -> str:
        return MEANINGS[self].source


@dataclass(frozen=True, slots=True)
class Meaning:
    source: str  # "bad calls", "frameworks", or "ours"
    meaning: str  # one line, our words


BAD_CALLS = "bad calls"
FRAMEWORKS = "frameworks"

MEANINGS: dict[Idea, Meaning] = {
    Idea.MOVE_ON: Meaning(
        BAD_CALLS, "a bad call is part of the day: dwelling on it is a choice, so is the next dial"
    ),
    Idea.PERSPECTIVE: Meaning(
        BAD_CALLS, "what a bad call leaves alone: your health, the people close to you, pay, home, money"
    ),
    Idea.STRANGERS_DAY: Meaning(
        BAD_CALLS, "the plain facts: someone you do not know, with a day of their own, said no"
    ),
    Idea.THE_STORY: Meaning(BAD_CALLS, "the sting is the story told about the no, not the no itself"),
    Idea.TREND: Meaning(BAD_CALLS, "one call, even one day, says little: the trend over time does"),
    Idea.PATTERNS: Meaning(BAD_CALLS, "read the week's patterns, not each rejection"),
    Idea.BLANK_SLATE: Meaning(BAD_CALLS, "the next call does not know about the last one"),
    Idea.CARRY_OVER: Meaning(
        BAD_CALLS, "a no carried into the next call is heard there, and one no becomes two"
    ),
    Idea.CRAFT: Meaning(
        BAD_CALLS, "a call done well is skilled work that most people value, not an intrusion"
    ),
    Idea.PHYSICAL_RESET: Meaning(BAD_CALLS, "reset the body first: stand, stretch, three deep breaths"),
    Idea.ON_TRACK: Meaning(BAD_CALLS, "look at the week's numbers: on track or not, make the next call"),
    Idea.SO_WHAT: Meaning(BAD_CALLS, "so what? a week, a month, a career from now"),
    Idea.MATH: Meaning(BAD_CALLS, "the math makes no's expected: at 5%, 19 other dials for each meeting"),
    Idea.ZERO_IMPACT: Meaning(
        BAD_CALLS, "a bad call leaves the rest of your life as it was, unless you let it in"
    ),
    Idea.CALLUSES: Meaning(
        BAD_CALLS, "it still stings, but the time it holds you shrinks: a morning, an hour, minutes, none"
    ),
    Idea.SCRIPT: Meaning(BAD_CALLS, "the reset's script: one call, one data point, on to the next"),
    Idea.REVIEW_TARGET: Meaning(BAD_CALLS, "look at today's goal: the next call is for that number"),
    Idea.DIAL_NOW: Meaning(BAD_CALLS, "dial straight away: no phone, no coffee, no waiting"),
    Idea.FRIDAY_TEST: Meaning(BAD_CALLS, "on Friday afternoon, will you remember this call?"),
    Idea.WINS_STAY: Meaning(BAD_CALLS, "the calls you keep are the wins, not the hang-ups"),
    Idea.NOT_YOUR_WORTH: Meaning(BAD_CALLS, "a no is part of the job: not personal, not your worth"),
    Idea.REAL_PAIN: Meaning(FRAMEWORKS, "a no hurts like real pain: feeling it is human, not weak"),
    Idea.IDENTITY: Meaning(FRAMEWORKS, "a call is a performance, not who you are"),
    Idea.ONE_APPROACH: Meaning(
        FRAMEWORKS, "the no was to one attempt, at one time, with one person: any of the three can change"
    ),
    Idea.CHECKLIST: Meaning(FRAMEWORKS, "after a no: a skill gap, a poor fit, or a process step skipped?"),
    Idea.TRACK_NUMBERS: Meaning(
        FRAMEWORKS, "track the numbers so a no is predictable: at 20%, about 4 no's for each yes"
    ),
    Idea.TWENTY_FOUR_HOURS: Meaning(
        FRAMEWORKS, "feel it for a while, write down what happened, look again tomorrow; no forced cheer"
    ),
    Idea.SELF_DISQUALIFIED: Meaning(FRAMEWORKS, "a no is often the prospect ruling themselves out"),
    Idea.OUTSIDE_CONTROL: Meaning(
        FRAMEWORKS, "most no's turn on what you do not control: budget, timing, the other people"
    ),
    Idea.CURIOSITY: Meaning(
        FRAMEWORKS, "when they pass, ask without pushing what did not line up, or if it is timing"
    ),
    Idea.RESUME: Meaning(
        FRAMEWORKS, "keep a rejection resume, read it back after six months: small no's, real lessons"
    ),
    Idea.WARMUP: Meaning(
        FRAMEWORKS, "before the day: your last three wins, today's no's expected, one skill"
    ),
    Idea.OURS: Meaning("ours", "the product's own advice, not the sources'"),
}


@dataclass(frozen=True, slots=True)
class Coached:
    """One line the rep reads, with the idea it carries."""

    idea: Idea
    text: str
