"""What the product's words are held against: every run of seven words in the two source articles
(../shared/seeds), kept only as a hash, so the repository holds none of their text. A file of
ours with a run of seven words in a row from a source has copied a sentence (shorter runs are
the named ideas themselves: "one call, one data point", the Friday-afternoon test).

    python -m tests.coaching_sources ../shared/seeds     # writes tests/data/seeds/windows.txt
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 7
WINDOWS = Path(__file__).parent / "data" / "seeds" / "windows.txt"
_TAG = re.compile(r"<[^>]+>")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """The words of `text`, lower case, HTML tags and entities and typographic quotes undone."""
    text = html.unescape(_TAG.sub(" ", text)).lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text)


def runs(text: str) -> Iterator[str]:
    """Every run of RUN words in a row, as one string."""
    found = words(text)
    for start in range(len(found) - RUN + 1):
        yield " ".join(found[start : start + RUN])


def digest(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def source_windows(folder: Path) -> set[str]:
    """The hashes of every run of the articles in `folder` (their front matter left out)."""
    found: set[str] = set()
    for article in sorted(folder.glob("0*.txt")):
        found.update(digest(run) for run in runs(_FRONT_MATTER.sub("", article.read_text())))
    return found


def stored_windows() -> set[str]:
    return {line for line in WINDOWS.read_text().split() if not line.startswith("#")}


if __name__ == "__main__":
    hashes = sorted(source_windows(Path(sys.argv[1])))
    WINDOWS.parent.mkdir(parents=True, exist_ok=True)
    WINDOWS.write_text("\n".join(hashes) + "\n")
    print(f"{len(hashes)} runs of {RUN} words hashed into {WINDOWS}")
