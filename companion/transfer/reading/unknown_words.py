"""The outcome words of an import that no table knows (ours, the rep's own, the dialers' we
know), tallied while the file is read so the rep is told every one with its row count, not the
first alone. Kept in bounded memory: a column of free text read as outcomes must not grow it."""

from __future__ import annotations

from companion.core.outcomes import OWN_WORD_MAX_CHARS, quoted, spoken
from companion.core.words import plural
from companion.transfer.reading.lines import BadImportError

WORDS_KEPT = 1000  # distinct words counted by name; the rest only as "more"
WORDS_NAMED = 10  # words a message names


class UnknownWords:
    """Each unknown word (as `spoken` compares them; shown as first written) and its rows."""

    __slots__ = ("_counts", "_shown", "first_line", "rows")

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._shown: dict[str, str] = {}
        self.rows = 0
        self.first_line = 0

    def add(self, word: str, line: int) -> None:
        self.rows += 1
        self.first_line = self.first_line or line
        if len(word) > OWN_WORD_MAX_CHARS:  # too long to map anyway: kept as its start, and short
            word = word[:OWN_WORD_MAX_CHARS] + "…"
        key = spoken(word)
        if key in self._counts:
            self._counts[key] += 1
        elif len(self._counts) < WORDS_KEPT:
            self._counts[key] = 1
            self._shown[key] = word

    def counts(self) -> list[tuple[str, int]]:
        """The words as first written, with their row counts, the most rows first (then in
        the order the file met them)."""
        ranked = sorted(self._counts.items(), key=lambda item: -item[1])
        return [(self._shown[key], count) for key, count in ranked]

    def said(self) -> str:
        """'2 rows say "Interested - send info", 1 row says "DNC"' (and how many more)."""
        counts = self.counts()
        named = [
            f"{plural(count, 'row')} {'says' if count == 1 else 'say'} {quoted(word)}"
            for word, count in counts[:WORDS_NAMED]
        ]
        rest = self.rows - sum(count for _, count in counts[:WORDS_NAMED])
        if rest:
            named.append(f"{plural(rest, 'more row')} with other words")
        return ", ".join(named)


class UnknownWordsError(BadImportError):
    """The file read through, and some rows name an outcome no table knows: `unknown` tells
    which and how often. `line` is the first such row."""

    def __init__(self, unknown: UnknownWords) -> None:
        super().__init__(unknown.first_line, f"outcome words Companion does not know: {unknown.said()}")
        self.unknown = unknown
