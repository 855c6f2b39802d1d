"""What the reset's steps say, as Content to paint: the Reframe step's script and rotating line,
the long reset's Perspective walk and So what horizons (revealed in turns through the step),
the Story set beside the day's data, the Dial step's words with the curiosity question, and the
post-rejection checklist in the tag lines. The words are core.coaching's and core.reframes';
here only how they are laid out, to fit the reset's body at 60 columns."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from companion.core.coaching import (
    CHECKLIST_ASK,
    CHECKLIST_MEANS,
    CURIOSITY_ASK,
    CURIOSITY_WHEN,
    DIAL_FRESH,
    DIAL_NOW,
    DIAL_TIMES,
    PERSPECTIVE_ASK,
    PERSPECTIVE_WALK,
    SO_WHAT_ASK,
    SO_WHAT_HORIZONS,
    STORY_HINT,
    STORY_SEEN,
)
from companion.core.tags import CAUSE_LABELS, CAUSES
from companion.core.view import DayView
from companion.core.words import LAST_7_DAYS, per_meeting
from companion.session.state import RitualView
from companion.tui.tag_keys import reason_lines, tag_keys, tag_keys_text
from companion.tui.text import balanced, quoted, wrap

MUTED = "$text-muted"
LABEL_W = 10  # "The story " / "The data  ": the Story step's two columns


def in_turns(progress: float, turns: int) -> int:
    """How many of `turns` lines show `progress` (0..1) through a step: the first at once, the
    last with a quarter of its share still to go, so it is read before the step ends."""
    return max(1, min(turns, 1 + int(progress * turns + 0.25)))


def perspective(progress: float) -> tuple[Content, Content]:
    """The question, then what the call left alone, what did happen, and what calling is, one
    line more each turn. The lines still to come are blank, so the block keeps its height and
    its place from the first turn to the last."""
    shown = in_turns(progress, len(PERSPECTIVE_WALK))
    lines = [
        Content.styled(line.text, MUTED if n < 3 else "") if n < shown else Content("")
        for n, line in enumerate(PERSPECTIVE_WALK)
    ]
    return Content.styled(PERSPECTIVE_ASK.text, "bold"), Content("\n").join(lines)


def so_what(progress: float, width: int) -> tuple[Content, Content]:
    """The three horizons, one at a time, as one block (centred as a whole, as wide and as tall
    from the first turn as at the last, so nothing moves as a horizon appears); a horizon wider
    than `width` wraps under its own words."""
    shown = in_turns(progress, len(SO_WHAT_HORIZONS))
    rows: list[tuple[bool, list[tuple[str, str]]]] = []
    for n, (when, what) in enumerate(SO_WHAT_HORIZONS):
        label = f"{when}: "
        text = what.text if len(label) + len(what.text) <= width else balanced(what.text, len(what.text) - 1)
        first, *more = text.split("\n")
        rows.append((n < shown, [(label, "bold $accent"), (first, "")]))
        rows += [(n < shown, [(" " * len(label) + line, "")]) for line in more]
    widest = max(sum(len(text) for text, _ in row) for _, row in rows)
    lines = [
        Content.assemble(*row).pad_right(widest - sum(len(t) for t, _ in row))
        if seen
        else Content(" " * widest)
        for seen, row in rows
    ]
    return Content.styled(SO_WHAT_ASK.text, "bold"), Content("\n").join(lines)


def balanced_lines(content: Content, width: int) -> Content:
    """`content` with each line wider than `width` split in two of about the same length, so
    no word is left alone on a line of its own (styles kept)."""
    lines = []
    for line in content.split("\n", allow_blank=True):
        two = balanced(line.plain, width)
        if "\n" in two:
            cut = two.index("\n")
            line = Content("\n").join([line[:cut], line[cut + 1 :]])
        lines.append(line)
    return Content("\n").join(lines)


def day_data(day: DayView) -> list[str]:
    """The data a story is set beside: today's conversations and meetings against their
    targets, and the last 7 days' other dials for each meeting."""
    c, t = day.counts, day.targets
    today = f"Today {c.conversations}/{t.conversations} conversations · {c.meetings}/{t.meetings} meetings"
    rate = day.nos_per_yes
    week = f"Last 7 days: {per_meeting(rate)}" if rate is not None else f"No meeting in {LAST_7_DAYS} yet"
    return [today, week]


def story(kept: str | None, day: DayView, width: int) -> Content:
    """Before a story is named, how to name it; once named, the story as a story. Either way
    the day's data beside it, as one block (the story's words and the data's, left-aligned)."""
    block: list[Content] = []
    if kept:
        head = Content.styled(STORY_SEEN.text, MUTED)
        said = wrap(quoted(kept) or "", width - LABEL_W, " " * LABEL_W).lstrip(" ")
        block.append(Content.assemble(("The story ", "bold"), (said, "$accent")))
    else:
        head = Content.styled(
            balanced(STORY_HINT.text, width) + "\nOne line: Enter keeps it, Esc gives the keys back.", MUTED
        )
    first, *more = day_data(day)
    block.append(Content.assemble(("The data  ", "bold"), first))
    block += [Content(" " * LABEL_W + line) for line in more]
    widest = max(line.cell_length for row in block for line in row.split("\n"))
    lines = [line.pad_right(widest - line.cell_length) for row in block for line in row.split("\n")]
    return Content("\n").join([head, Content(""), *lines])


def reframe(mantra: str, line: str, width: int) -> Content:
    """The script, bold, on every reset; the rotating line under it."""
    return Content.assemble((balanced(mantra, width), "bold $accent"), "\n\n", balanced(line, width))


def dial(enter: str, width: int) -> tuple[Content, Content]:
    """Dial now, fresh; how to time it; the words to try next time someone passes."""
    detail = Content.assemble(
        (enter, "bold $accent"),
        f" {DIAL_TIMES.text}\n",
        (DIAL_FRESH.text, MUTED),
        "\n\n",
        (CURIOSITY_WHEN.text, "bold"),
        "\n",
        (balanced(CURIOSITY_ASK.text, width), "$accent"),
    )
    return Content.styled(DIAL_NOW.text, "bold"), detail


def tag_lines(ritual: RitualView, keymap: Mapping[str, str], width: int) -> Content:
    """The tag keys in `width` cells. From Reframe on, the cause keys are the checklist's
    question, asked until answered; once a cause is given, what it means, in one line (its keys
    still change it)."""
    if ritual.cause is None and not ritual.asks_checklist:
        return tag_keys_text(keymap)
    keys = tag_keys(keymap)
    parts = [*reason_lines(keys, note=True), "\n"]
    means = CHECKLIST_MEANS.get(ritual.cause or "")
    if means is not None:
        return Content.assemble(*parts, (means.text, "$accent"))
    answers: list[str | tuple[str, str]] = []
    for cause in CAUSES:
        answers += ["  ", (keys[f"cause-{cause}"], "bold $accent"), f" {CAUSE_LABELS[cause]}"]
    asked = Content.assemble((CHECKLIST_ASK.text, "bold"), *answers)
    if asked.cell_length > width:  # the rep's own keys are long: the answers go under the question
        asked = Content.assemble((CHECKLIST_ASK.text, "bold"), "\n", *answers[1:])
    return Content.assemble(*parts, asked)
