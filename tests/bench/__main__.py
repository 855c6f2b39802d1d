"""`python -m tests.bench` (`make bench`): every performance target of the design, measured
against a baseline from the same run, printed as a table.

Exit status 0 whatever the figures say (a slow machine is not a failure); 1 only when a
benchmark itself crashed."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.report import table
from tests.bench.suite import Settings, Suite


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tiny history and few repetitions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary homes and print where")
    parser.add_argument(
        "--only", metavar="WORDS", help="run only the benchmarks whose name holds WORDS (e.g. 'first paint')"
    )
    args = parser.parse_args(argv)
    settings = Settings.tiny() if args.quick else Settings()
    started = time.perf_counter()

    def progress(step: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {step}", file=sys.stderr, flush=True)

    root = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    try:
        rows = Suite(root, settings, progress).run(args.only)
    finally:
        if args.keep:
            print(f"homes kept in {root}", file=sys.stderr)
        else:
            _remove(root)
    print(
        f"Companion benchmarks · Python {platform.python_version()} · {os.cpu_count()} CPUs · "
        f"{platform.system()} {platform.release()}"
    )
    print(table(rows))
    print(
        f"\n{time.perf_counter() - started:.0f} s in all. Verdicts: ok (within target), OVER, "
        "machine (the baseline alone misses it), n/a (not built yet), ERROR (the benchmark crashed)."
    )
    return 1 if any(row.error for row in rows) else 0


def _remove(root: Path) -> None:
    import shutil

    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
