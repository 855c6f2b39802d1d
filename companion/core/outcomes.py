"""The outcomes of a dial, their keys, and which of them are conversations."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """What happened on one dial, in the rep's words."""

    NO = "no"
    MEETING = "meeting"
    CALLBACK = "callback"
    NOT_FIT = "not-fit"
    GATEKEEPER = "gatekeeper"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no-answer"

    @property
    def key(self) -> str:
        """The session-screen key that logs this outcome."""
        return OUTCOME_KEYS[self]

    @property
    def is_conversation(self) -> bool:
        """True when the rep spoke with the decision maker."""
        return self in CONVERSATIONS

    @classmethod
    def parse(cls, text: str) -> Outcome:
        """The outcome named by `text` (case and `_`/`-` forgiving); ValueError naming the valid ones."""
        cleaned = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        for outcome in cls:
            if cleaned in (outcome.value, outcome.value.replace("-", "")):
                return outcome
        raise ValueError(f"unknown outcome {text!r}; valid outcomes: {', '.join(VALID_NAMES)}")


OUTCOME_KEYS: dict[Outcome, str] = {
    Outcome.NO: "n",
    Outcome.MEETING: "m",
    Outcome.CALLBACK: "b",
    Outcome.NOT_FIT: "f",
    Outcome.GATEKEEPER: "g",
    Outcome.VOICEMAIL: "v",
    Outcome.NO_ANSWER: "a",
}
OUTCOME_FOR_KEY: dict[str, Outcome] = {key: outcome for outcome, key in OUTCOME_KEYS.items()}
CONVERSATIONS = frozenset({Outcome.NO, Outcome.MEETING, Outcome.CALLBACK, Outcome.NOT_FIT})
VALID_NAMES: tuple[str, ...] = tuple(outcome.value for outcome in Outcome)
