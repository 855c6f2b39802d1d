"""The wheel carries the themes and the installed package loads them from inside itself."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [built] = out.glob("companion-*.whl")
    return built


def test_the_wheel_holds_every_theme(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "themes").glob("*.toml"))
    assert shipped, "the repository ships at least one theme"
    for name in shipped:
        assert f"companion/themes/{name}" in names


def test_an_installed_wheel_loads_its_own_themes(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        timeout=300,
    )
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import companion.themes as t;"
        "print(t.packaged_dir()); print(','.join(t.load_themes(None).names()))"
    )
    # Run from an empty folder so the source tree is not importable.
    done = subprocess.run(
        [sys.executable, "-c", probe, str(site)], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    where, names = done.stdout.strip().splitlines()
    assert where.startswith(str(site))
    assert "companion-calm" in names.split(",")


def test_the_wheel_holds_every_stylesheet(wheel: Path) -> None:
    """Each screen reads its own .tcss when it opens: a missing one would fail only then."""
    names = zipfile.ZipFile(wheel).namelist()
    sheets = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "companion").rglob("*.tcss"))
    assert len(sheets) >= 4
    for sheet in sheets:
        assert sheet in names
