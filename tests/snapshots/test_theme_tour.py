"""Every screen with a frozen clock: in the default theme and plain mode at 60x24 (beside a
dialer) and 120x40, and in each other built-in theme at 120x40; reduced motion's one change at
both sizes. A theme changes
colours only, never what is laid out, and the wide screen holds every region the narrow one
does (the legend, the counters, the reset's bands) plus the charts: the other themes at 60x24
would repeat the same colours on fewer widgets (their contrast is computed for every pair in
tests/unit/test_theme_contrast.py). One app run per tour takes
each screen's picture in turn (a run per picture would cost the suite minutes); at 120x40 one
tour shows each screen in every built-in theme in turn (a run per theme gave the very same
pictures in four times the time). Each picture is
compared with its own stored SVG, as snap_compare does (`--snapshot-update` rewrites them).
The tour is the snapshot of the session mid-block, help, each step of the reset, the long
reset, history, review, resume, wins, the warm-up and the summary; the other files keep only
states it does not pass through (a fresh day, the long reset's later steps, a tagged reset
with a locked key, history at 200 columns).

Reduced motion changes one thing a picture shows: the reset's breath is words, not a moving
shape (the cursor's blink, which it also stops, is in tests/tui/test_session_look.py). Its
tour stops at that step and keeps that picture: its other twelve were the default theme's,
byte for byte, at both sizes.

The 60x24 pictures of the session screen are also read for the outcome legend: none of them
may miss an outcome key."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from pytest_textual_snapshot import SVGImageExtension
from textual.pilot import Pilot

from companion.config import DEFAULT_THEME
from companion.context import Context
from companion.core.clock import FrozenClock
from companion.core.events import EventKind
from companion.core.outcomes import Outcome
from companion.themes import load_themes
from companion.tui.app import CompanionApp
from companion.tui.screens.history import HistoryScreen
from companion.tui.widgets.countdown import big_digits
from tests.snapshots.conftest import SIZES, app_for
from tests.tui.conftest import drawn, past, past_no, ready, settle, tick, until

BUILT_IN = load_themes(None).names()
NARROW, WIDE = SIZES
NARROW_SIZE, WIDE_SIZE = (60, 24), (120, 40)  # SIZES' values, typed
assert [NARROW.values[0], WIDE.values[0]] == [NARROW_SIZE, WIDE_SIZE]
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
Step = Callable[[Pilot[int], FrozenClock], Awaitable[None]]


async def keys(pilot: Pilot[int], *names: str) -> None:
    for name in names:
        await pilot.press(name)
        await settle(pilot)


async def session(pilot: Pilot[int], clock: FrozenClock) -> None:
    """Mid-block: four calls, the no tagged with a reason, 25 minutes in."""
    await keys(pilot, "v", "a", "g", "n", "2", "s", "s")
    await tick(pilot, clock, 25 * 60)


async def help_keys(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "question_mark")


async def reset_breathe(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "n")
    await tick(pilot, clock, 3)


async def reset_reframe(pilot: Pilot[int], clock: FrozenClock) -> None:
    await tick(pilot, clock, 9)


async def reset_review(pilot: Pilot[int], clock: FrozenClock) -> None:
    await tick(pilot, clock, 5)


async def reset_dial(pilot: Pilot[int], clock: FrozenClock) -> None:
    await tick(pilot, clock, 23)


async def long_reset(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "enter", "N")
    await tick(pilot, clock, 5)


async def history(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "u")  # the hard no was a mis-key: back to the session
    await keys(pilot, "h")
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, HistoryScreen) and not app.workers)


async def review(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "r")


async def resume(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "l")
    await until(pilot, lambda: not pilot.app.workers)


async def wins(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "w")
    await until(pilot, lambda: not pilot.app.workers)


async def warm_up(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "o")


async def summary(pilot: Pilot[int], clock: FrozenClock) -> None:
    await keys(pilot, "escape", "e")
    await until(pilot, lambda: not pilot.app.workers)


TOUR: list[tuple[str, Step]] = [
    ("session", session),
    ("help", help_keys),
    ("reset-breathe", reset_breathe),
    ("reset-reframe", reset_reframe),
    ("reset-review", reset_review),
    ("reset-dial", reset_dial),
    ("long-reset", long_reset),
    ("history", history),
    ("review", review),
    ("resume", resume),
    ("wins", wins),
    ("warm-up", warm_up),
    ("summary", summary),
]


# The one picture reduced motion changes: the breath in words, where a shape would move.
MOVING = "reset-breathe"


def pictures(
    ctx: Context, clock: FrozenClock, size: tuple[int, int], only: str | None = None
) -> dict[str, str]:
    """Run the app once through the tour; an SVG of each screen, by name (or, with `only`,
    the tour up to that screen and its SVG alone)."""
    return pictures_in(ctx, clock, size, (ctx.config.theme,), only)[ctx.config.theme]


def pictures_in(
    ctx: Context, clock: FrozenClock, size: tuple[int, int], themes: tuple[str, ...], only: str | None = None
) -> dict[str, dict[str, str]]:
    """`pictures` in each of `themes`, from one run: at each stop the screen is shown in each
    theme in turn (a theme only colours what the app shows), then the tour goes on in the first."""
    names = [name for name, _ in TOUR]
    stops = TOUR if only is None else TOUR[: names.index(only) + 1]
    past_no(ctx, 25, note="They want to wait for the Q2 budget review", reason="timing", felt=4)
    past(ctx, EventKind.WIN, 50, note="The CFO called me back")
    past(ctx, EventKind.OUTCOME, 75, outcome=Outcome.MEETING, note="Demo with ACME, Thursday 14:00")
    app = app_for(replace(ctx, config=replace(ctx.config, theme=themes[0])))
    shots: dict[str, dict[str, str]] = {theme: {} for theme in themes}

    async def tour(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        for name, step in stops:
            await step(pilot, clock)
            assert isinstance(pilot.app, CompanionApp)
            await pilot.app.workers.wait_for_complete()
            await settle(pilot)
            if only in (None, name):
                for theme in themes:
                    pilot.app.theme = theme
                    await pilot.pause()
                    shots[theme][name] = pilot.app.export_screenshot(title="Companion")
                if pilot.app.theme != themes[0]:
                    pilot.app.theme = themes[0]
                    await pilot.pause()
        pilot.app.exit()

    app.run(headless=True, size=size, auto_pilot=tour)
    for theme in themes:
        assert list(shots[theme]) == ([only] if only else names), "the tour stopped early"
    return shots


def compare(snapshot: Any, shots: dict[str, str]) -> None:
    svg = snapshot.use_extension(SVGImageExtension)
    same = {name: svg(name=name) == picture for name, picture in shots.items()}  # syrupy records on ==
    wrong = [name for name, matched in same.items() if not matched]
    assert not wrong, f"screens that changed: {', '.join(wrong)}"


def test_every_screen_in_the_default_theme_beside_a_dialer(
    snapshot: Any, seeded: Context, clock: FrozenClock
) -> None:
    shots = pictures(seeded, clock, NARROW_SIZE)
    compare(snapshot, {f"{DEFAULT_THEME}-{NARROW.id}][{name}": svg for name, svg in shots.items()})


def test_every_screen_in_every_theme_at_120x40(snapshot: Any, seeded: Context, clock: FrozenClock) -> None:
    """One tour, each screen shown in every built-in theme in turn: a theme only colours what
    the app shows (touring once per theme gave the same pictures, byte for byte, in four times
    the time)."""
    themes = (DEFAULT_THEME, *(t for t in BUILT_IN if t != DEFAULT_THEME))
    shots = pictures_in(seeded, clock, WIDE_SIZE, themes)
    # Named as the other pictures are: "[companion-dusk-120x40][session]".
    named = {
        f"{theme}-{WIDE.id}][{name}": svg for theme, by_name in shots.items() for name, svg in by_name.items()
    }
    compare(snapshot, named)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["plain", "reduced-motion"])
def test_every_screen_in_plain_mode_and_with_reduced_motion(
    snapshot: Any, seeded: Context, clock: FrozenClock, mode: str, size: tuple[int, int]
) -> None:
    """Every screen in plain mode; with reduced motion, the tour up to the breath and its picture
    (the only one that differs from the default theme's)."""
    modes: dict[str, dict[str, Any]] = {"plain": {"plain": True}, "reduced-motion": {"motion": "reduced"}}
    changed = modes[mode]
    ctx = replace(seeded, config=replace(seeded.config, **changed))
    if mode == "plain":
        compare(snapshot, pictures(ctx, clock, size))
    else:
        compare(snapshot, pictures(ctx, clock, size, only=MOVING))


# -- the legend in every picture of the session screen at 60x24 ------------------------------


def svg_text(svg: str) -> str:
    """The characters a picture shows, row by row (its text elements, in order)."""
    return "\n".join(unescape(t).replace("\xa0", " ") for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


# The stored pictures of the session screen at 60x24: in this tour's 60x24 runs (the default
# theme and plain; with and without the warm-up open), and a fresh day's in its own file.
SESSION_AT_60 = (
    "test_theme_tour/*60x24][[]session].svg",
    "test_theme_tour/*60x24][[]warm-up].svg",
    "test_session_snapshots/test_fresh_day[[]60x24].svg",
)


def test_no_picture_of_the_session_screen_at_60x24_misses_an_outcome_key_or_help() -> None:
    """Beside a dialer: every outcome key in the legend, help, pause and history in the footer;
    the counters, Pace and Recent, and no charts (they come from 100 columns)."""
    pictures = [path for pattern in SESSION_AT_60 for path in SNAPSHOTS.parent.glob(pattern)]
    assert len(pictures) == 2 * 2 + 1, [p.name for p in pictures]
    words = {o.key: o.value.replace("-", " ") for o in Outcome} | {"N": "hard no"}
    for path in pictures:
        text = " ".join(svg_text(path.read_text(encoding="utf-8")).split())
        missing = [f"{key} {word}" for key, word in words.items() if f"{key} {word}" not in text]
        missing += [keys for keys in ("? Help", "p Pause", "h History") if keys not in text]
        if "warm-up" not in path.name:  # (the warm-up stands where Pace and Recent are)
            missing += [region for region in ("Dials", "Pace", "Recent") if region not in text]
        assert not missing, f"{path.name} misses {missing}"
        assert "Block: dials against even pace" not in text, f"{path.name} has the chart"


# -- plain mode: every picture in words --------------------------------------------------------


# What each plain picture must say in words, where the default theme draws it (the tour's
# seeded history: its first no due for review felt 3 of 5, one reviewed no felt 3 then 2, the
# meeting and the win the tour adds).
PLAIN_WORDS = {
    "review": ("Felt then 3 of 5",),
    "resume": ("felt 3 of 5, 2 of 5 on review",),
    "wins": ("meeting Demo with ACME, Thursday 14:00", "win The CFO called me back"),
    "warm-up": ("Your last wins", "The CFO called me back", "Dials 23/40 58% · 17 to go"),
    "reset-breathe": ("Step 1 of 4: Breathe", "7 seconds left", "…and out"),
    "reset-reframe": (
        "Step 2 of 4: Reframe",
        "3 seconds left",
        "One data point, nothing more.",
        "Which was it? z skill gap x poor fit c process issue",
    ),
    "reset-review": ("Step 3 of 4: Review target", "3 seconds left", "Still to go today: 4 conversations"),
    "reset-dial": (
        "Step 4 of 4: Dial",
        "waiting 20s",
        "done: Breathe, Reframe, Review target",
        "Next time someone passes",
    ),
    "long-reset": ("Step 1 of 7: Perspective", "15 seconds left"),
    "history": ("Week of 09 Nov: at once 21 · 5 minutes 1",),
    "summary": (
        "Dials 5/22 23 40",
        "Block pace 5 dials, target 22, in 0:25: 1 behind",
    ),  # its own 22
}
# At 120x40 the time to dial by day is on the first page too: the sparkline's figures in words.
PLAIN_WORDS_WIDE = {
    "history": ("28s at first … latest: 13s, 12s, 12s, 11s, 9s, 10s",),
    "summary": ("28s at first … latest: 14s, 12s, 12s, 11s, 9s, 10s",),
}


def test_no_picture_in_plain_mode_draws_a_bar_block_or_line_and_each_says_its_figures() -> None:
    """Plain mode (`[ui] plain = true`, for screen readers and braille displays) on every
    screen of the tour at both sizes; the figures the default theme draws are there in words.
    (The history and the summary paged to their ends at 60x24, the session's chart in words
    at 120x40 and the note box are in tests/tui/test_reports_look.py and test_session_look.py;
    the reset's steps second by second in test_ritual_look.py.)"""
    folder = SNAPSHOTS
    plain = sorted(folder.glob("*[[]plain-*.svg"))
    assert len(plain) == 2 * len(TOUR), [p.name for p in plain]
    names = [path.stem.rsplit("[", 1)[1].rstrip("]") for path in plain]
    assert set(PLAIN_WORDS) <= set(names), sorted(set(PLAIN_WORDS) - set(names))
    for path, name in zip(plain, names, strict=True):
        text = svg_text(path.read_text(encoding="utf-8"))
        assert drawn(text.splitlines()) == [], path.name
        said = " ".join(text.split())
        wide = PLAIN_WORDS_WIDE.get(name, ()) if "120x40" in path.name else ()
        missing = [words for words in (*PLAIN_WORDS.get(name, ()), *wide) if words not in said]
        assert not missing, f"{path.name} misses {missing}"
    # The other side: the same screens in the default theme do draw what plain mode must not.
    for name in ("session", "warm-up", "history"):
        [default] = folder.glob(f"*[[]{DEFAULT_THEME}-60x24][[]{name}].svg")
        assert drawn(svg_text(default.read_text(encoding="utf-8")).splitlines()), default.name


def test_the_reset_counts_down_in_big_digits_taller_on_a_taller_screen() -> None:
    """The default theme's Breathe, 7 seconds left: the count in big digits, three rows beside a
    dialer and five from 40 rows, with the tag keys, the status line and the footer still in
    view, and no progress bar. (Two digits at 60x24, the tightest, are in
    tests/tui/test_ritual_look.py.)"""
    for size, rows in (("60x24", 3), ("120x40", 5)):
        [path] = SNAPSHOTS.glob(f"*[[]{DEFAULT_THEME}-{size}][[]reset-breathe].svg")
        text = svg_text(path.read_text(encoding="utf-8"))
        said = " ".join(text.split())
        missing = [line for line in big_digits("7", rows).split("\n") if line not in text]
        always = ("…and out", "Reason 1 budget", "Cause", "Logged no · 10:25", "Skip (s s)", "Help")
        missing += [words for words in always if words not in said]
        assert not missing, f"{path.name} misses {missing}"
        assert "━━━━━━" not in text, f"{path.name} has a progress bar"
