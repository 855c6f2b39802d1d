"""Every benchmark of the design's performance table, each as rows against a baseline measured
in the same run. A benchmark that crashes becomes error rows; the others still run."""

from __future__ import annotations

import asyncio
import compileall
import csv
import importlib.util
import json
import os
import statistics
import subprocess
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from textual.app import App

from companion.core.calendar import local, zone
from companion.core.clock import SystemClock
from companion.core.events import EventKind, make_event
from companion.core.outcomes import Outcome
from companion.store.journal import encode
from tests.bench import processes, session, terminal
from tests.bench.homes import REPO, ZONE, Homes, build_homes, companion, label, make_home, open_context, store
from tests.bench.report import Row, Unit, failed, ms

MB = 1024 * 1024
# The per-key rows of tests.bench.keys: a row's name, and the steps (by label) it is the worst of.
KEY_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("any key of a session", ()),  # every step
    ("`e` summary", ("e summary", "e summary, enter new block")),
    ("`?` help", ("? help",)),
    ("`h` history", ("h history", "pgdn history")),
    ("`l` rejection resume", ("l resume", "end resume")),
    ("`w` wins", ("w wins", "+ add a win")),
    (
        "the reset (n, tags, note, steps, Dial, N)",
        (
            "n no: the reset opens",
            "1 z reason, cause (reset)",
            "t note (reset)",
            "the reset's steps (ticks)",
            "enter at Dial",
            "n no, s s skip",
            "N hard no: the long reset",
            "s s skip the long reset",
        ),
    ),
    ("call keys and undo", ("v a g (calls)", "m b f (calls)", "u undo")),
)
Spec = tuple[str, Unit, float]  # what, unit, target


@dataclass(frozen=True, slots=True)
class Settings:
    """How much to measure. The defaults are the real benchmark (a few minutes); `tiny` only
    proves the code still runs."""

    events: int = 100_000
    journal_events: int = 10_000  # a few months of hook logging
    appends: int = 300
    cli_runs: int = 7
    paint_runs: int = 15
    presses: int = 100
    session_s: float = 5.0
    session_runs: int = 3
    key_runs: int = 2  # sessions of every key (tests.bench.keys), each twice through
    key_rounds: int = 2
    stall_s: float = 3.0
    breathe_s: int = 6  # the 3 s stall must fit inside Breathe with room for a slow key press
    warmup: bool = True
    import_timeout_s: float = 120.0
    csv_rows: int = 1_000_000  # a dialer's export of years of calls
    hook_events: int = 100  # a burst of calls logged with a hook slower than they come
    hook_events_more: int = 300  # the same, to show the memory does not grow with the burst
    hook_s: float = 0.1

    @classmethod
    def tiny(cls) -> Settings:
        return cls(
            events=500,
            journal_events=200,
            appends=10,
            cli_runs=2,
            paint_runs=1,
            presses=3,
            session_s=0.2,
            session_runs=1,
            key_runs=1,
            key_rounds=1,
            stall_s=0.3,
            breathe_s=3,  # room for the stall even when a loaded machine is slow to open the reset
            warmup=False,
            import_timeout_s=60.0,
            csv_rows=2_000,
            hook_events=5,
            hook_events_more=12,
            hook_s=0.02,
        )


@dataclass(frozen=True, slots=True)
class Bench:
    """One benchmark: the rows it promises (what, unit, target) and how to measure them."""

    rows: tuple[Spec, ...]
    measure: Callable[[tuple[Spec, ...]], list[Row]]


class Suite:
    """The benchmarks over one set of temporary homes under `root`, built on first use."""

    def __init__(self, root: Path, settings: Settings, progress: Callable[[str], None] = lambda _: None):
        self.root = root
        self.s = settings
        self.progress = progress
        self.big = label(settings.events)

    @cached_property
    def homes(self) -> Homes:
        self.progress(f"building a {self.big}-event history")
        return build_homes(self.root, self.s.events, self.s.journal_events)

    def benches(self) -> list[Bench]:
        big, stall, jl = self.big, self.s.stall_s, label(self.s.journal_events)
        hooks = self.s.hook_events
        in_flight = "memory of everything in flight"
        return [
            Bench(((f"durable record of one outcome, {big} history", "ms", 2.0),), self.durable_record),
            Bench(
                (
                    (f"companion log wall time, {big} vs empty", "x", 1.2),
                    (f"companion log wall time, {jl}-line journal vs empty", "x", 1.2),
                ),
                self.log_wall_time,
            ),
            Bench(((f"companion summary --week wall time, {big} vs empty", "x", 1.5),), self.summary_time),
            Bench(
                (
                    (f"companion status wall time vs companion log, {big}", "x", 1.0),
                    (f"companion log wall time vs python3 -c pass, {big}", "x", 5.0),
                    (f"companion status wall time vs python3 -c pass, {big}", "x", 5.0),
                ),
                self.status_time,
            ),
            Bench(
                (
                    (f"a burst of {hooks} hook events with a slow hook: {in_flight}", "MB", 100.0),
                    (f"the same, a burst of {self.s.hook_events_more} hook events", "MB", 100.0),
                ),
                self.hook_memory,
            ),
            Bench(
                (
                    ("first paint of the session screen, empty vs hello", "x", 1.3),
                    (f"first paint of the session screen, {big} vs hello", "x", 1.3),
                    ("day's counters on screen, empty vs hello", "x", 1.3),
                    (f"day's counters on screen, {big} vs hello", "x", 1.3),
                ),
                self.first_paint,
            ),
            Bench(((f"key press to repainted counter, {big} history", "ms", 16.0),), self.key_press),
            Bench(((f"longest event-loop block in a session, {big} history", "ms", 33.0),), self.loop_block),
            Bench(
                (
                    *((f"longest event-loop block, {what}, {big} home", "ms", 33.0) for what, _ in KEY_ROWS),
                    (f"longest garbage collection in a session of every key, {big} home", "ms", 33.0),
                ),
                self.key_blocks,
            ),
            Bench(((f"peak memory, {big} history vs empty", "x", 1.3),), self.peak_memory),
            Bench(((f"companion import of {big} events", "s", 30.0),), self.import_time),
            Bench(
                (
                    (f"companion import of a {label(self.s.csv_rows)}-row dialer CSV", "s", 20.0),
                    ("peak resident memory of that import", "MB", 200.0),
                ),
                self.csv_import,
            ),
            Bench(((f"ritual countdown error after a {stall:g} s loop stall", "s", 1.0),), self.ritual_error),
        ]

    def run(self, only: str | None = None) -> list[Row]:
        # Bytecode as an installed wheel has it (pip compiles on install). Without it, a machine
        # with PYTHONDONTWRITEBYTECODE set would compile every module of ours on every start,
        # which no rep's install does, while Textual's own bytecode is there for the baseline.
        compileall.compile_dir(str(REPO / "companion"), quiet=1)
        rows: list[Row] = []
        for bench in self.benches():
            if only and not any(only.lower() in what.lower() for what, _, _ in bench.rows):
                continue
            self.progress(bench.rows[0][0])
            try:
                rows += bench.measure(bench.rows)
            except Exception as error:
                traceback.print_exc()
                rows += [failed(what, unit, target, error) for what, unit, target in bench.rows]
        return rows

    # -- 1. durable record -------------------------------------------------------------

    def durable_record(self, specs: tuple[Spec, ...]) -> list[Row]:
        """Store.append of one outcome, beside a raw append+fsync of the same bytes on the same
        disk and an append to an empty home, interleaved."""
        big = store(self.homes.copy_big("append-big"))
        empty = store(make_home(self.root, "append-empty"))
        raw_path = self.root / "raw.jsonl"
        tz = zone(ZONE)
        times: dict[str, list[float]] = {"raw": [], "empty": [], "big": []}
        for _ in range(self.s.appends):
            now = local(SystemClock().now(), tz)
            event = make_event(EventKind.OUTCOME, now, outcome=Outcome.VOICEMAIL, source="bench")
            line = encode(event)
            started = time.perf_counter()
            fd = os.open(raw_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.write(fd, line)
            os.fsync(fd)
            os.close(fd)
            times["raw"].append(time.perf_counter() - started)
            for name, home_store in (("empty", empty), ("big", big)):
                started = time.perf_counter()
                home_store.append([event])
                times[name].append(time.perf_counter() - started)
        raw, empty_s, big_s = (statistics.median(times[k]) for k in ("raw", "empty", "big"))
        what, unit, target = specs[0]
        note = f"median of {self.s.appends}; raw append+fsync {ms(raw)}, empty home {ms(empty_s)}"
        return [Row(what, big_s * 1000, unit, target, baseline=note, floor=raw * 1000)]

    # -- 2, 3. command-line wall time --------------------------------------------------

    def _cli_ratio(self, args: list[str], specs: tuple[Spec, ...], homes: dict[str, Path]) -> list[Row]:
        """Each home's median wall time against the empty home's, one row per home."""
        every = {"empty": self.homes.empty, **homes}
        times = processes.interleaved(args, every, self.s.cli_runs, self.s.warmup)
        empty = statistics.median(times["empty"])
        rows = []
        for (what, unit, target), name in zip(specs, homes, strict=True):
            figure = statistics.median(times[name])
            note = f"median of {self.s.cli_runs}; empty {ms(empty)}, {name} {ms(figure)}"
            rows.append(Row(what, figure / empty, unit, target, baseline=note))
        return rows

    def log_wall_time(self, specs: tuple[Spec, ...]) -> list[Row]:
        journal = f"{label(self.homes.journal_events)}-line journal"
        homes = {self.big: self.homes.big, journal: self.homes.journal}
        return self._cli_ratio(["log", "voicemail"], specs, homes)

    def summary_time(self, specs: tuple[Spec, ...]) -> list[Row]:
        return self._cli_ratio(["summary", "--week", "--json"], specs, {self.big: self.homes.big})

    def status_time(self, specs: tuple[Spec, ...]) -> list[Row]:
        """`status` against `log` on the same big home, and each against the bare interpreter's
        start (`python -c pass`, the venv's own), in rounds of the three back to back (and both
        commands on the empty home, for the note): a status bar runs `status` every few
        seconds and a dialer's hook `log` on every call, so each must cost little more than
        starting Python, and `status` no more than logging a call."""
        (what, unit, target), (log_what, log_unit, log_target), (st_what, st_unit, st_target) = specs
        h = self.homes
        runs: dict[str, Callable[[], float]] = {
            "pass": lambda: processes.bare_start(h.empty),
            "log": lambda: processes.run(["log", "voicemail"], h.big),
            "status": lambda: processes.run(["status"], h.big),
            "log empty": lambda: processes.run(["log", "voicemail"], h.empty),
            "status empty": lambda: processes.run(["status"], h.empty),
        }
        if self.s.warmup:
            for once in runs.values():
                once()
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(self.s.cli_runs):
            for name, once in runs.items():
                times[name].append(once())
        m = {name: statistics.median(found) for name, found in times.items()}
        each = f"median of {self.s.cli_runs}, interleaved"
        note = f"{each}; log {ms(m['log'])}, status {ms(m['status'])}"
        bare = (
            f"{each} with `python -c pass` {ms(m['pass'])}, log {ms(m['log'])}, status {ms(m['status'])}; "
            f"empty home: log {ms(m['log empty'])} ({m['log empty'] / m['pass']:.2f}x), "
            f"status {ms(m['status empty'])} ({m['status empty'] / m['pass']:.2f}x)"
        )
        return [
            Row(what, m["status"] / m["log"], unit, target, baseline=note),
            Row(log_what, m["log"] / m["pass"], log_unit, log_target, baseline=bare),
            Row(st_what, m["status"] / m["pass"], st_unit, st_target, baseline=bare),
        ]

    def hook_memory(self, specs: tuple[Spec, ...]) -> list[Row]:
        """A burst of `companion log` with a hook slower than the calls: the memory of
        everything in flight (processes.hook_burst), at two sizes of burst, each on a fresh
        home. The bench fails (an error row) unless every stored event reached the hook once,
        in the order stored."""
        rows = []
        sizes = (self.s.hook_events, self.s.hook_events_more)
        for (what, unit, target), events in zip(specs, sizes, strict=True):
            home = make_home(self.root, f"hooks-{events}")
            burst = processes.hook_burst(home, events, self.s.hook_s)
            if not burst.delivered_in_order:
                raise RuntimeError(f"{what}: the hook did not get every stored event once, in order")
            note = (
                f"{burst.events} events of back-to-back `companion log`, hook `sleep {self.s.hook_s:g}; "
                f"cat`: each delivered once, in order; at most {burst.peak_processes} processes and "
                f"{burst.peak_queued} queued events at once; {burst.seconds:.0f} s"
            )
            rows.append(Row(what, burst.peak_mb, unit, target, baseline=note))
        return rows

    # -- 4, 7. start-up on a terminal: first paint and peak memory ---------------------

    @cached_property
    def starts(self) -> dict[str, list[terminal.Started]]:
        """Starts of the hello app and of Companion on each home, interleaved."""
        h = self.homes
        variants = {
            "hello": (terminal.hello_argv(), None, ["Hello"]),
            "empty": (companion(), h.empty, ["Recent", "Dials"]),
            "big": (companion(), h.big, ["Recent", "Dials"]),
        }
        if self.s.warmup:
            for argv, home, markers in variants.values():
                terminal.start(argv, home, markers)
        found: dict[str, list[terminal.Started]] = {name: [] for name in variants}
        for _ in range(self.s.paint_runs):
            for name, (argv, home, markers) in variants.items():
                found[name].append(terminal.start(argv, home, markers))
        return found

    def first_paint(self, specs: tuple[Spec, ...]) -> list[Row]:
        """Each round starts the hello app, then Companion on each home, back to back; the
        figure is the median of the rounds' own ratios, so a machine that drifts (a busy
        neighbour on a shared host) moves the baseline and the figure together."""
        starts = self.starts

        def median(name: str, marker: str) -> float:
            return statistics.median(run.seen[marker] for run in starts[name])

        hello = median("hello", "Hello")
        columns, lines = terminal.SIZE
        shown = {"empty": "empty", "big": self.big}
        rows = []
        # "Recent" is composed with the screen; "Dials" appears once the day has loaded.
        measured = (("empty", "Recent"), ("big", "Recent"), ("empty", "Dials"), ("big", "Dials"))
        for (what, unit, target), (name, marker) in zip(specs, measured, strict=True):
            ratios = [
                run.seen[marker] / base.seen["Hello"]
                for run, base in zip(starts[name], starts["hello"], strict=True)
            ]
            figure = median(name, marker)
            note = (
                f"median of {self.s.paint_runs} paired rounds on a {columns}x{lines} pty; "
                f"hello {ms(hello)}, {shown[name]} {ms(figure)} (ratio of medians {figure / hello:.2f}x)"
            )
            rows.append(Row(what, statistics.median(ratios), unit, target, baseline=note))
        return rows

    def peak_memory(self, specs: tuple[Spec, ...]) -> list[Row]:
        rss = {name: statistics.median(r.max_rss_bytes for r in runs) for name, runs in self.starts.items()}
        what, unit, target = specs[0]
        note = (
            f"peak RSS once the day shows: hello {rss['hello'] / MB:.0f} MB, "
            f"empty {rss['empty'] / MB:.0f} MB, {self.big} {rss['big'] / MB:.0f} MB"
        )
        return [Row(what, rss["big"] / rss["empty"], unit, target, baseline=note)]

    # -- 5, 6. a running session -------------------------------------------------------

    def _app(self, home: Path) -> App[int]:
        from companion.tui.app import CompanionApp

        return CompanionApp(open_context(home))

    def key_press(self, specs: tuple[Spec, ...]) -> list[Row]:
        app = self._app(self.homes.copy_big("keys-big"))
        samples = asyncio.run(session.press_to_paint(app, self.s.presses))
        base = asyncio.run(session.press_to_paint(session.Counter(), self.s.presses))
        figure, floor = statistics.median(samples), statistics.median(base)
        what, unit, target = specs[0]
        note = f"median of {self.s.presses} `v`; bare Textual app {ms(floor)}; worst {ms(max(samples))}"
        return [Row(what, figure * 1000, unit, target, baseline=note, floor=floor * 1000)]

    def loop_block(self, specs: tuple[Spec, ...]) -> list[Row]:
        """The median over a few sessions of each session's longest block: one descheduling of
        this process by a busy machine then moves the figure less than a real stall would."""
        blocks, bases = [], []
        for n in range(self.s.session_runs):
            home = self.homes.copy_big(f"session-big-{n}")
            app = self._app(home)
            elsewhere = session.start_elsewhere(home)
            try:
                blocks.append(asyncio.run(session.longest_block(app, self.s.session_s, elsewhere=elsewhere)))
            finally:
                if elsewhere.poll() is None:
                    elsewhere.kill()
                    elsewhere.wait()
            bases.append(asyncio.run(session.longest_block(session.Counter(), self.s.session_s)))
        figure = statistics.median(b.worst_s for b in blocks)
        floor = statistics.median(b.worst_s for b in bases)
        worst = max(blocks, key=lambda b: b.worst_s)
        base_worst = max(bases, key=lambda b: b.worst_s)
        what, unit, target = specs[0]
        note = (
            f"median of {self.s.session_runs} sessions of {self.s.session_s:g} s of keys, a `companion log` "
            f"and a reload; worst {ms(worst.worst_s)} during `{worst.during}`, longest GC "
            f"{ms(max(b.longest_gc_s for b in blocks))}; bare Textual app with a help screen {ms(floor)} "
            f"(worst {ms(base_worst.worst_s)} during `{base_worst.during}`)"
        )
        return [Row(what, figure * 1000, unit, target, baseline=note, floor=floor * 1000)]

    def key_blocks(self, specs: tuple[Spec, ...]) -> list[Row]:
        """Every key of a session (tests.bench.keys) on copies of the big home: the worst block
        per key, against the bare Textual app's `?` (a modal list of keys) in the same run."""
        from tests.bench import keys

        found, bare = keys.measure(self.homes.big, self.root, self.s.key_runs, self.s.key_rounds)
        self.progress("\n" + keys.table(found, bare))
        floor = bare.worst_s.get("? help (bare)", 0.0)
        base = f"bare Textual app's `?` {ms(floor)}"
        rows = []
        for (what, unit, target), (_, labels) in zip(specs, KEY_ROWS, strict=False):
            mine = {k: v for k, v in found.worst_s.items() if k in labels or (not labels and k != "idle")}
            if not mine:
                rows.append(Row(what, None, unit, target, note="no such step measured"))
                continue
            label = max(mine, key=lambda k: mine[k])
            in_it = ms(found.gc_s.get(label, 0.0))
            note = f"worst of {self.s.key_runs}x{self.s.key_rounds} during `{label}` (its longest GC {in_it})"
            if not labels:
                worst = sorted(mine, key=lambda k: -mine[k])[:5]
                note += "; worst steps " + ", ".join(f"{k} {ms(mine[k])}" for k in worst)
            rows.append(
                Row(what, mine[label] * 1000, unit, target, baseline=f"{note}; {base}", floor=floor * 1000)
            )
        gc_what, gc_unit, gc_target = specs[-1]
        longest = max(found.gc_all, default=0.0)
        over = sum(1 for t in found.gc_all if t > gc_target / 1000)
        note = (
            f"{len(found.gc_all)} collections, {over} over {gc_target:g} ms; "
            f"bare app's longest {ms(max(bare.gc_all, default=0.0))}"
        )
        rows.append(Row(gc_what, longest * 1000, gc_unit, gc_target, baseline=note))
        return rows

    # -- 8. import ---------------------------------------------------------------------

    def import_time(self, specs: tuple[Spec, ...]) -> list[Row]:
        what, unit, target = specs[0]
        probe = make_home(self.root, "import-probe")
        if not processes.available("import", probe):
            return [Row(what, None, unit, target, note="not yet available (no `companion import`)")]
        source = self.root / "history-export.json"
        if processes.available("export", probe):
            records = processes.export_history(self.homes.big, source)
            made_by = "companion export"
        else:
            events, _ = store(self.homes.big).all_events()
            source.write_text(json.dumps([e.to_dict() for e in events]), encoding="utf-8")
            records, made_by = len(events), "the bench (event dicts)"
        home = make_home(self.root, "import")
        note = f"{records} records from {made_by}; Store.add in process {self.homes.add_s:.1f} s"
        try:
            seconds = processes.run(["import", str(source)], home, timeout_s=self.s.import_timeout_s)
        except subprocess.TimeoutExpired:
            killed = f"killed after {self.s.import_timeout_s:.0f} s"
            return [Row(what, self.s.import_timeout_s, unit, target, baseline=note, note=killed)]
        return [Row(what, seconds, unit, target, baseline=note, floor=self.homes.add_s)]

    def csv_import(self, specs: tuple[Spec, ...]) -> list[Row]:
        """A dialer's export, streamed in: its time against Python's csv module alone reading
        the same file, and its memory against an interpreter that does nothing."""
        (what, unit, target), (mem_what, mem_unit, mem_target) = specs
        source = self.root / "dialer.csv"
        start = time.time() - self.s.csv_rows * 60 - 86_400
        outcomes = ("No Answer", "Left Voicemail", "Not Interested", "Busy", "Appointment Set")
        with source.open("w", encoding="utf-8") as out:
            out.write("Call Time,Disposition,Notes,Contact\n")
            for n in range(self.s.csv_rows):
                stamp = time.strftime("%Y-%m-%dT%H:%M", time.localtime(start + n * 60))
                note = "call back Tuesday" if n % 10 == 0 else ""
                out.write(f"{stamp},{outcomes[n % len(outcomes)]},{note},Contact {n}\n")
        began = time.perf_counter()
        with source.open(newline="", encoding="utf-8") as read:
            rows = sum(1 for _ in csv.reader(read))
        floor = time.perf_counter() - began
        _, idle_mb = processes.run_measured(["--version"], make_home(self.root, "idle"))
        seconds, peak_mb = processes.run_measured(
            ["import", str(source)], make_home(self.root, "csv-import"), timeout_s=self.s.import_timeout_s * 5
        )
        return [
            Row(
                what,
                seconds,
                unit,
                target,
                baseline=f"csv.reader alone {floor:.2f} s over {rows} lines",
                floor=floor,
            ),
            Row(mem_what, peak_mb, mem_unit, mem_target, baseline=f"`companion --version` {idle_mb:.0f} MB"),
        ]

    # -- 9. ritual ---------------------------------------------------------------------

    def ritual_error(self, specs: tuple[Spec, ...]) -> list[Row]:
        what, unit, target = specs[0]
        if importlib.util.find_spec("companion.core.ritual") is None:
            return [Row(what, None, unit, target, note="not yet available (no companion/core/ritual.py)")]
        home = self.homes.copy_big("ritual-big")
        config = home / "config.toml"
        config.write_text(
            config.read_text(encoding="utf-8") + f"\n[ritual]\nbreathe_s = {self.s.breathe_s}\n",
            encoding="utf-8",
        )
        error = asyncio.run(session.ritual_countdown_error(self._app(home), self.s.stall_s, self.s.breathe_s))
        if error is None:
            return [Row(what, None, unit, target, note="not yet available (no ritual screen opens on `n`)")]
        note = (
            f"Breathe {self.s.breathe_s} s with the stall inside it; a countdown that counted ticks "
            f"would be {self.s.stall_s:g} s off"
        )
        return [Row(what, error, unit, target, baseline=note)]
