"""The coaching is true to its sources and in our own words: every idea of the sources has a
line the rep reads, every such line names its idea, the README lists the ideas as the code does,
and nothing of ours holds seven words in a row of a source article."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import companion
from companion.core.ideas import MEANINGS, Coached, Idea
from tests.coaching_sources import RUN, WINDOWS, digest, runs, source_windows, stored_windows

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"  # beside the project on the machine it was built on


def ours() -> list[Path]:
    """Every text file of ours: the code, its styles, the README, the themes, the tests."""
    found = [ROOT / "README.md"]
    kinds = (("companion", "*.py"), ("companion", "*.tcss"), ("themes", "*"), ("tests", "*.py"))
    for folder, pattern in kinds:
        found += [p for p in (ROOT / folder).rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]
    return found


def test_no_file_of_ours_holds_seven_words_in_a_row_of_a_source() -> None:
    sources = stored_windows()
    assert len(sources) > 2000  # the two articles' runs, not an empty file
    copied = {
        str(path.relative_to(ROOT)): run
        for path in ours()
        for run in runs(path.read_text(encoding="utf-8"))
        if digest(run) in sources
    }
    assert copied == {}


def test_a_copied_run_is_found_whatever_its_case_quotes_and_markup() -> None:
    planted = "the quick brown fox didn't jump over the lazy dog"
    hashes = {digest(run) for run in runs(planted)}
    assert len(hashes) == len(planted.split()) - RUN + 1
    retyped = "<p>So: The QUICK brown fox didn\u2019t <b>jump</b> over, twice.</p>"
    assert any(digest(run) in hashes for run in runs(retyped))
    assert not any(digest(run) in hashes for run in runs("the quick brown fox jumped over it"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside this checkout")
def test_the_stored_runs_are_the_articles_own() -> None:
    assert source_windows(SEEDS) == stored_windows(), f"run: python -m tests.coaching_sources {SEEDS}"


def test_the_readme_lists_every_idea_with_its_source_and_meaning() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The coaching and its sources", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z ]+) \| (.+?) \|", section, re.M)
    assert rows == [(idea.value, MEANINGS[idea].source, MEANINGS[idea].meaning) for idea in Idea]


def test_the_windows_file_is_where_the_tests_read_it() -> None:
    assert WINDOWS.is_file()


def coached() -> list[tuple[str, Coached]]:
    """Every Coached line of the product, with the module that holds it: module-level values,
    and those inside module-level tuples, lists, sets and dicts (keys and values)."""
    found: dict[int, tuple[str, Coached]] = {}

    def walk(value: object, where: str, depth: int = 0) -> None:
        if isinstance(value, Coached):
            found.setdefault(id(value), (where, value))
        elif depth < 4 and isinstance(value, tuple | list | set | frozenset):
            for item in value:
                walk(item, where, depth + 1)
        elif depth < 4 and isinstance(value, dict):
            for key, item in value.items():
                walk(key, where, depth + 1)
                walk(item, where, depth + 1)

    for info in pkgutil.walk_packages(companion.__path__, "companion."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            walk(value, info.name)
    return list(found.values())


def test_every_idea_of_the_sources_has_a_line_the_rep_reads() -> None:
    lines = coached()
    assert {line.idea for _, line in lines} == set(Idea)


def test_every_coached_line_is_words_and_said_once() -> None:
    texts = [line.text for _, line in coached()]
    assert all(text.strip() == text and text for text in texts)
    assert len(texts) == len(set(texts)), [t for t in texts if texts.count(t) > 1]
