"""What other processes do while a rep works: run beside a benchmarked session, it waits for a
line on stdin, then a dialer hook runs `companion log` and an import elsewhere adds an event
to the archive, so the app both picks up a journal line and reloads its window.

Started before the session is timed, so the cost of spawning it never lands on the app's loop.
    python -m tests.bench.elsewhere HOME"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from tests.bench.homes import REPO, companion, env, store

POLL_GAP_S = 0.6  # longer than the app's journal poll, so each change is seen on its own


def main(argv: list[str]) -> int:
    home = Path(argv[0])
    if not sys.stdin.readline():
        return 1
    subprocess.run(
        companion("log", "voicemail"), env=env(home), cwd=REPO, check=True, stdout=subprocess.DEVNULL
    )
    time.sleep(POLL_GAP_S)
    event = make_event(EventKind.OUTCOME, datetime.now(UTC), outcome=Outcome.NO_ANSWER, source="bench")
    store(home).add([event])
    time.sleep(POLL_GAP_S)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
