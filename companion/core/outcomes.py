"""The outcomes of a dial, their keys, which of them are conversations, and the one parser of the
words that name them (ours, the dialers' we know, the rep's own), for `companion log` and imports."""

from __future__ import annotations

from collections.abc import Iterable
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
        found = _OURS.get(spoken(text))
        if found is not None:
            return found
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


# Dialers' own words for how a call ended, as `spoken` writes them (lower case, single spaces):
# the outcome, and the reason a no came with when the word says it. Ours are read first; the
# rep's own words ([dispositions], --map) before these. One table: the tests read it whole.
DIALER_WORDS: dict[str, tuple[Outcome, str | None]] = {
    "busy": (Outcome.NO_ANSWER, None),
    "no pickup": (Outcome.NO_ANSWER, None),
    "unanswered": (Outcome.NO_ANSWER, None),
    "left voicemail": (Outcome.VOICEMAIL, None),
    "left vm": (Outcome.VOICEMAIL, None),
    "vm": (Outcome.VOICEMAIL, None),
    "voice mail": (Outcome.VOICEMAIL, None),
    "left message": (Outcome.VOICEMAIL, None),
    "no answer left message": (Outcome.VOICEMAIL, None),
    "answering machine": (Outcome.VOICEMAIL, None),
    "not interested": (Outcome.NO, "not-interested"),
    "rejected": (Outcome.NO, None),
    "declined": (Outcome.NO, None),
    "hung up": (Outcome.NO, "hung-up"),
    "do not call": (Outcome.NO, None),
    "meeting booked": (Outcome.MEETING, None),
    "meeting set": (Outcome.MEETING, None),
    "appointment set": (Outcome.MEETING, None),
    "appointment": (Outcome.MEETING, None),
    "demo booked": (Outcome.MEETING, None),
    "call back": (Outcome.CALLBACK, None),
    "call back later": (Outcome.CALLBACK, None),
    "callback requested": (Outcome.CALLBACK, None),
    "follow up": (Outcome.CALLBACK, None),
    "wrong number": (Outcome.NOT_FIT, None),
    "bad number": (Outcome.NOT_FIT, None),
    "wrong person": (Outcome.NOT_FIT, None),
    "not a fit": (Outcome.NOT_FIT, None),
    "bad fit": (Outcome.NOT_FIT, None),
    "receptionist": (Outcome.GATEKEEPER, None),
}
DIALER_HINT = "dialer words such as Busy, Left Voicemail, Not Interested and Appointment Set work too"
MAP_HINT = "map your dialer's own with [dispositions] in config.toml"
OWN_WORDS_MAX = 500  # entries in [dispositions] (or --map flags)
OWN_WORD_MAX_CHARS = 100


def spoken(text: str) -> str:
    """A word as every outcome word is compared: case (casefolded, so "ß" is "SS"), `-`, `_` and
    runs of spaces do not count ("Left_Voicemail", "left - voicemail" and "LEFT VOICEMAIL" are one
    word)."""
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def quoted(word: str, longest: int = 60) -> str:
    """`word` in double quotes for a message: shortened, control characters escaped."""
    short = word if len(word) <= longest else word[: longest - 1] + "…"
    escaped = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in short)
    return '"' + escaped.replace('"', '\\"') + '"'


class OwnWordError(ValueError):
    """One of the rep's own words that cannot be taken; `word` is it (None: the whole table),
    the message says why without saying where (the caller names the file and key, or the flag)."""

    def __init__(self, word: str | None, why: str) -> None:
        super().__init__(why)
        self.word = word


def own_words(entries: Iterable[tuple[str, object]]) -> tuple[tuple[str, Outcome], ...]:
    """The rep's own words for outcomes ([dispositions], --map), each checked: a word with text,
    short, without control characters, not one of ours meaning another outcome, not twice with
    two outcomes; an outcome of ours (in any case). OwnWordError at the first that is not."""
    taken: dict[str, tuple[str, Outcome]] = {}
    for word, said in entries:
        outcome = _own_outcome(word, said)
        ours = _OURS.get(spoken(word))
        if ours is not None and ours is not outcome:
            mean = f"it cannot mean {outcome.value}"
            raise OwnWordError(word, f"is Companion's own outcome {ours.value}; {mean}")
        earlier = taken.get(spoken(word))
        if earlier is not None and earlier[1] is not outcome:
            same = f"is the word {quoted(earlier[0])} again (case, spaces and dashes do not count)"
            raise OwnWordError(word, f"{same}, with another outcome")
        taken.setdefault(spoken(word), (word, outcome))
        if len(taken) > OWN_WORDS_MAX:
            raise OwnWordError(None, f"holds more than {OWN_WORDS_MAX} words")
    return tuple(taken.values())


def _own_outcome(word: str, said: object) -> Outcome:
    if not spoken(word):
        raise OwnWordError(word, "is an empty word")
    if len(word) > OWN_WORD_MAX_CHARS:
        raise OwnWordError(word, f"is longer than {OWN_WORD_MAX_CHARS} characters")
    if not word.isprintable():
        raise OwnWordError(word, "holds a control character")
    valid = f"valid outcomes: {', '.join(VALID_NAMES)}"
    if not isinstance(said, str):
        raise OwnWordError(word, f'must be an outcome such as "callback" (got {repr(said)[:60]}); {valid}')
    found = _OURS.get(spoken(said))
    if found is None or not said.isprintable():
        raise OwnWordError(word, f"maps to an unknown outcome {quoted(said)}; {valid}")
    return found


class UnknownOutcomeError(ValueError):
    """A word no table knows; `word` is it as written (stripped)."""

    def __init__(self, word: str) -> None:
        self.word = word
        super().__init__(
            f"unknown outcome {quoted(word)}; valid outcomes: {', '.join(VALID_NAMES)} "
            f"({DIALER_HINT}; {MAP_HINT})"
        )


class OutcomeWords:
    """Every word that names an outcome, for `companion log` and an import alike: ours (in any
    case, with spaces, `-` or `_`), the rep's own (`own`: [dispositions], --map), then the
    dialers' words we know. A dialer writes a handful of words a million times, so each text is
    read once."""

    __slots__ = ("_known", "_own")

    def __init__(self, own: Iterable[tuple[str, Outcome]] = ()) -> None:
        self._own = {spoken(word): outcome for word, outcome in own}
        self._known: dict[str, tuple[Outcome, str | None]] = {}

    def read(self, text: str) -> tuple[Outcome, str | None]:
        """The outcome `text` names and the reason its word says (a dialer's "Hung Up"), or
        UnknownOutcomeError; ValueError for an empty text."""
        known = self._known.get(text)
        if known is not None:
            return known
        found = self._read(text)
        if len(self._known) < 1024 and len(text) <= 2 * OWN_WORD_MAX_CHARS:  # a dialer's words are short
            self._known[text] = found
        return found

    def _read(self, text: str) -> tuple[Outcome, str | None]:
        raw = text.strip()
        if not raw:
            raise ValueError(f"no outcome; valid outcomes: {', '.join(VALID_NAMES)}")
        word = spoken(raw)
        ours = _OURS.get(word)
        if ours is not None:
            return ours, None
        own = self._own.get(word)
        if own is not None:
            return own, None
        said = DIALER_WORDS.get(word)
        if said is not None:
            return said
        raise UnknownOutcomeError(raw)


# Ours as `spoken` writes them, and without the space ("noanswer", as Outcome.parse takes).
_OURS: dict[str, Outcome] = {
    **{spoken(o.value): o for o in Outcome},
    **{o.value.replace("-", ""): o for o in Outcome},
}
