"""The core stays pure: no textual, no store, no file or OS access of its own."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import companion.core

CORE_DIR = Path(companion.core.__file__).parent
CORE_MODULES = sorted(f"companion.core.{info.name}" for info in pkgutil.iter_modules([str(CORE_DIR)]))
# Modules whose presence in sys.modules after importing the core would mean it reached outside.
NOT_IN_CORE = ("textual", "companion.tui", "companion.store", "tinydb", "platformdirs")
# What the core must not import itself (pendulum may use os inside; the core may not).
FORBIDDEN_IMPORTS = {"os", "pathlib", "io", "shutil", "subprocess", "socket", "tempfile", "glob", "sqlite3"}
FORBIDDEN_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "system", "popen"}

PROBE = """
import importlib, json, sys
leaks = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    leaks[name] = sorted(m for m in sys.modules if m.split(".")[0] in PREFIXES or m.startswith(PREFIXED))
print(json.dumps(leaks))
"""


def test_the_core_package_has_its_modules() -> None:
    assert {"companion.core.ledger", "companion.core.events", "companion.core.view"} <= set(CORE_MODULES)


def test_importing_the_core_does_not_import_textual_or_the_store() -> None:
    roots = {n for n in NOT_IN_CORE if "." not in n}
    dotted = tuple(n for n in NOT_IN_CORE if "." in n)
    script = f"PREFIXES = {roots!r}\nPREFIXED = {dotted!r}\n" + PROBE
    result = subprocess.run(
        [sys.executable, "-c", script, *CORE_MODULES], capture_output=True, text=True, check=True, timeout=60
    )
    leaks = json.loads(result.stdout)
    assert set(leaks) == set(CORE_MODULES)
    assert {name: found for name, found in leaks.items() if found} == {}


def imports_and_calls(path: Path) -> tuple[set[str], set[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    imported: set[str] = set()
    called: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                called.add(func.id)
            elif isinstance(func, ast.Attribute):
                called.add(func.attr)
    return imported, called


def test_the_core_source_never_touches_files_or_the_os_itself() -> None:
    offences: dict[str, list[str]] = {}
    for path in sorted(CORE_DIR.glob("*.py")):
        imported, called = imports_and_calls(path)
        text = path.read_text(encoding="utf-8")
        found = sorted(imported & FORBIDDEN_IMPORTS) + sorted(f"{c}()" for c in called & FORBIDDEN_CALLS)
        found += [phrase for phrase in ("import os", "open(") if phrase in text]
        if found:
            offences[path.name] = found
    assert offences == {}


def test_the_checker_would_catch_an_offence(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os.path\nfrom pathlib import Path\nopen('x')\nPath('y').read_text()\n")
    imported, called = imports_and_calls(sample)
    assert imported & FORBIDDEN_IMPORTS == {"os", "pathlib"}
    assert called & FORBIDDEN_CALLS == {"open", "read_text"}
