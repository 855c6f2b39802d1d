"""The lines of an import file, read from its bytes a piece at a time in constant memory: each
numbered, decoded as UTF-8 and bounded in length. BadImportError, the one error of a bad import,
lives here because every reader above this one names the line it went wrong on."""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO

from companion.core.tags import NOTE_MAX

# A row of a dialer's CSV or one event of our JSON is far shorter: a note at its longest, in the
# widest characters, with room to spare. A longer line is refused, never held.
MAX_LINE_CHARS = 8 * NOTE_MAX + 4096
READ_BYTES = 1 << 16  # read at call time, so tests can make the pieces tiny

_LINE_END = re.compile(rb"\r\n|\r|\n")  # in bytes, to name the line of a byte that is not UTF-8
# Where a line ends: a newline, a CRLF, or a carriage return alone (old Mac spreadsheets) that
# is not the last character read (it may be half of a CRLF still to come). Found without
# backtracking: a long line costs its length, never its square.
_LINE_END_TEXT = re.compile(r"\r\n|\n|\r(?=.)", re.DOTALL)


class BadImportError(ValueError):
    """A row (or the file) that cannot be imported; `line` is where it starts in the file."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(f"line {line}: {why}")
        self.line = line
        self.why = why


class Lines:
    """The lines of an import as they are read from its bytes, a piece at a time: each
    numbered, decoded as UTF-8 (a bad byte is named by its line) and bounded in length, with the
    first lines looked at before the reading proper starts. A line ends at a newline, a CRLF,
    or a carriage return alone (old Mac spreadsheets)."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._tail = ""  # decoded text after the last line end read
        self._ended = False
        self._ahead: deque[str] = deque()
        self._read_lines = 0  # lines taken from the text so far
        self.number = 0  # the line most recently handed out

    def first_text(self) -> str | None:
        """The first line with any text (kept for the reading proper), or None for a file of
        nothing but white space."""
        seen = 0
        while True:
            while seen < len(self._ahead):
                if self._ahead[seen].strip():
                    return self._ahead[seen]
                seen += 1
            if not self._fill():
                return None

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while not self._ahead:
            if not self._fill():
                raise StopIteration
        self.number += 1
        return self._ahead.popleft()

    def _fill(self) -> bool:
        """Read and decode the next piece of the file into whole lines; False at its end."""
        if self._ended:
            return False
        chunk = self._source.read(READ_BYTES)
        pending = self._decoder.getstate()[0]  # the start of a character cut at the last piece
        try:
            text = self._tail + self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            # Where the bad byte is, counted in the bytes themselves (the decoder's own position
            # leaves out a byte-order mark): the lines before it, from the last one read.
            data = self._tail.encode() + pending + chunk
            try:
                data.decode()
                bad_at = len(data)
            except UnicodeDecodeError as error:
                bad_at = error.start
            line = self._read_lines + 1 + len(_LINE_END.findall(data, 0, bad_at))
            raise BadImportError(
                line,
                'not UTF-8 text; save the file as UTF-8 ("CSV UTF-8" in a spreadsheet) and import it again',
            ) from None
        if not chunk:
            self._ended = True
            self._tail = ""
            if text:
                self._take([text])
            return bool(text)
        ends = [end.end() for end in _LINE_END_TEXT.finditer(text)]
        lines = [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        self._take(lines)
        self._tail = text[ends[-1] :] if ends else text
        if len(self._tail) > MAX_LINE_CHARS:  # a line not ended yet, and already too long
            raise self._too_long()
        return True

    def _take(self, lines: list[str]) -> None:
        for line in lines:
            if len(line) > MAX_LINE_CHARS:
                raise self._too_long()
            self._read_lines += 1
        self._ahead.extend(lines)

    def _too_long(self) -> BadImportError:
        """The line after the last one taken is longer than any call's."""
        too_long = f"a line longer than {MAX_LINE_CHARS:,} characters, which no call is"
        return BadImportError(self._read_lines + 1, f"{too_long}; is this the right file?")
