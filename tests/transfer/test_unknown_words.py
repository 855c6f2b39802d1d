"""Words an import does not know: every row read, each word counted (as `spoken` compares them,
shown as first written), the most rows first, the whole file refused after the last row; the
rep's own words read as theirs. Memory stays bounded however many words a file holds."""

from __future__ import annotations

import pytest

from companion.core.outcomes import OWN_WORD_MAX_CHARS, Outcome, OutcomeWords
from companion.transfer.reading import BadImportError, UnknownWordsError, read_import
from companion.transfer.reading import unknown_words as unknown_module
from companion.transfer.reading.unknown_words import UnknownWords
from tests.transfer.import_helpers import NOW, TZ


def unknown(rows: list[str], words: OutcomeWords | None = None) -> UnknownWordsError:
    text = "timestamp,outcome\n" + "".join(
        f"2026-11-20T09:{n % 60:02d},{word}\n" for n, word in enumerate(rows)
    )
    with pytest.raises(UnknownWordsError) as raised:
        read_import(text, TZ, NOW, words=words)
    return raised.value


def test_each_word_is_named_with_its_rows_the_most_first() -> None:
    error = unknown(
        ["no", "DNC", "Interested - send info", "interested_send info", "Busy", "INTERESTED SEND INFO"]
    )
    assert error.unknown.counts() == [("Interested - send info", 3), ("DNC", 1)]
    assert error.unknown.said() == '3 rows say "Interested - send info", 1 row says "DNC"'
    assert error.line == 3  # the first row that says one


def test_a_bad_row_after_an_unknown_word_is_still_the_first_thing_said() -> None:
    text = "timestamp,outcome,felt\n2026-11-20T09:00,DNC,\n2026-11-20T09:01,no,9\n"
    with pytest.raises(BadImportError) as raised:
        read_import(text, TZ, NOW)
    assert not isinstance(raised.value, UnknownWordsError)
    assert "felt must be a whole number from 1 to 5" in str(raised.value)


def test_an_unknown_word_s_row_has_its_other_cells_checked() -> None:
    text = "timestamp,outcome\n2026-11-20T09:00,no\nyesterday,DNC\n"
    with pytest.raises(BadImportError, match="line 3: bad time 'yesterday'") as raised:
        read_import(text, TZ, NOW)
    assert not isinstance(raised.value, UnknownWordsError)


def test_the_rep_s_own_words_read_as_theirs() -> None:
    words = OutcomeWords([("DNC", Outcome.NO), ("Interested - send info", Outcome.CALLBACK)])
    text = "timestamp,outcome\n2026-11-20T09:00, dnc \n2026-11-20T09:01,Interested-Send-Info\n"
    assert [e.outcome for e in read_import(text, TZ, NOW, words=words)] == [Outcome.NO, Outcome.CALLBACK]


def test_past_ten_words_the_rest_are_counted_together() -> None:
    rows = [f"word {n}" for n in range(12) for _ in range(12 - n)]  # word 0 on 12 rows ... word 11 on 1
    said = unknown(rows).unknown.said()
    assert said.startswith('12 rows say "word 0", 11 rows say "word 1"')
    assert '3 rows say "word 9", 3 more rows with other words' in said
    assert "word 10" not in said


def test_the_words_counted_by_name_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unknown_module, "WORDS_KEPT", 3)
    error = unknown([f"word {n}" for n in range(8)])
    assert len(error.unknown.counts()) == 3 and error.unknown.rows == 8
    assert error.unknown.said().endswith('1 row says "word 2", 5 more rows with other words')


def test_a_very_long_word_is_kept_by_its_start_so_a_hostile_file_stays_small() -> None:
    """A quoted cell can hold 100k characters; a thousand of them must not take a gigabyte."""
    unknown = UnknownWords()
    for n in range(3):
        unknown.add(f"{n}" + "x" * 100_000, n + 2)
    [(word, count), *_] = unknown.counts()
    assert len(word) == OWN_WORD_MAX_CHARS + 1 and word.endswith("…") and count == 1
    assert sum(len(w) for w, _ in unknown.counts()) <= 3 * (OWN_WORD_MAX_CHARS + 1)
    assert unknown.rows == 3
