"""Text is data at every exit: after hostile text came in every way it can, no output of the
command line carries a byte a terminal would act on, and no CSV cell runs as a formula."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.context import Context
from tests.cli.conftest import Companion
from tests.conftest import START
from tests.hostile import ATTACKS, assert_no_formula, assert_safe, fill

OUTPUTS = [
    ["export"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["summary", "--date", "2026-11-23"],
    ["summary", "--date", "2026-11-23", "--json"],
    ["summary", "--date", "2026-11-23", "--week"],
    ["log", "no", "--note", f"{ATTACKS[0]} {ATTACKS[3]} {ATTACKS[4]}", "--at", "2026-11-23T09:00"],
    ["review"],
    ["resume"],
    ["warmup"],
]


@pytest.fixture
def hostile(ctx: Context, home: Path, tmp_path: Path) -> Companion:
    fill(ctx, tmp_path, START)
    return Companion(home)


@pytest.mark.parametrize("args", OUTPUTS, ids=[" ".join(a[:3]) for a in OUTPUTS])
def test_no_output_carries_an_escape(hostile: Companion, args: list[str]) -> None:
    result = hostile.run(*args)
    assert result.returncode == 0, result.describe()
    assert_safe(result.stdout, f"stdout of {args}")
    assert_safe(result.stderr, f"stderr of {args}")
    if args == ["export"]:
        assert_no_formula(result.stdout, "the CSV export")
        assert result.stdout.count("\n") > 20  # every hostile call is there, as data


def test_the_csv_export_reads_back_to_the_same_text(hostile: Companion, tmp_path: Path) -> None:
    out = tmp_path / "calls.csv"
    hostile.ok("export", "-o", str(out))
    again = Companion(tmp_path / "again")
    again.home.mkdir()
    again.config.write_bytes(hostile.config.read_bytes())
    again.ok("import", str(out))
    again_csv = again.ok("export").stdout
    assert again_csv == out.read_text()  # guarded on the way out, restored on the way in


@pytest.mark.parametrize("name", [f"{ATTACKS[1]}.csv", "calls-\udcff.csv", f"{ATTACKS[2]}.json"])
def test_a_hostile_file_name_is_shown_not_run(hostile: Companion, tmp_path: Path, name: str) -> None:
    path = str(tmp_path) + "/" + name
    for args in (["import", path], ["export", "-o", str(tmp_path / "missing" / name)]):
        result = hostile.run(*args)
        assert result.returncode == 2, result.describe()
        assert "Traceback" not in result.stderr
        assert_safe(result.stderr, f"stderr of {args}")
