"""Every setting config.toml may hold, declared once: its section and key, its kind of value
(the check and how it is written), where it goes in Config (whose fields hold the defaults) and
the comment above it in the file a fresh home gets. The allowed keys, the checks and that file
are all made from this table, in its order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import reduce
from pathlib import Path
from typing import Any, NamedTuple

from companion.config.kinds import (
    Breath,
    Choice,
    Command,
    Count,
    Dispositions,
    Flag,
    KeyMap,
    Kind,
    Outcomes,
    Seconds,
    ThemeName,
    ZoneName,
)
from companion.config.model import GATE, MOTION, OUTSIDE, Config
from companion.config.zone import default_zone_name
from companion.core.outcomes import Outcome


# NamedTuples, not dataclasses: a third of the cost to define, on every `companion log`.
class Section(NamedTuple):
    name: str
    part: str = ""  # the part of Config holding its values ("ritual": Config.ritual); "": Config itself
    intro: str = ""  # comment lines under its heading in the new file
    outro: str = ""  # comment lines after its last setting


class Setting(NamedTuple):
    section: str
    key: str | None  # None: the section's every key, read as one table by `kind` ([keys])
    kind: Kind[Any]
    comment: str = ""  # the lines above it in the new file, without their "# "
    shown: bool = True  # False: the new file has it commented out, so the default stays in force
    example: object = None  # what the commented-out line shows instead of the default
    fallback: Callable[[Path], object] | None = None  # the value when the file has none, checked
    field: str = ""  # its Config field, when not its section's part plus its key

    @property
    def name(self) -> str:
        """Where it sits, as the messages say it: "[ritual] breath"."""
        return f"[{self.section}]" if self.key is None else f"[{self.section}] {self.key}"

    @property
    def into(self) -> str:
        """Its place in Config: "ritual.after", "block_minutes"."""
        if self.field:
            return self.field
        part = SECTION[self.section].part
        return f"{part}.{self.key}" if part else str(self.key)

    @property
    def default(self) -> Any:
        """Config's default for it."""
        return reduce(getattr, self.into.split("."), Config())


SECTIONS = (
    Section(
        "targets",
        part="targets",
        intro="What today should bring. Rejections have no target: they are part of the numbers game.",
    ),
    Section("session"),
    Section(
        "ritual",
        part="ritual",
        outro="Your own reframe lines go in reframes.txt beside this file, one a line.",
    ),
    Section("hooks"),
    Section("ui"),
    Section("keys"),
    Section(
        "dispositions",
        intro="Your dialer's own words for an outcome, for companion log and companion import alike.\n"
        "Case, spaces, dashes and underscores do not count. Busy, Left Voicemail, Not Interested,\n"
        "Appointment Set and other common words work without a line here.",
    ),
)
SECTION = {section.name: section for section in SECTIONS}

SECONDS = Seconds()

SETTINGS = (
    Setting("targets", "dials", Count()),
    Setting("targets", "conversations", Count()),
    Setting("targets", "meetings", Count()),
    Setting(
        "targets",
        "week_dials",
        Count(),
        "The week's (Monday to Sunday), for the reset's \"on track?\". Left out, each is five working\n"
        "days of the day's: 40 dials a day make 200 a week.",
        shown=False,
        example=200,
    ),
    Setting("targets", "week_conversations", Count(), shown=False, example=50),
    Setting("targets", "week_meetings", Count(), shown=False, example=10),
    Setting("session", "block_minutes", Count(minimum=1), "Length of one calling block, in minutes."),
    Setting(
        "session",
        "blocks_per_day",
        Count(minimum=1),
        "How many blocks you plan a day. A block's dial target is the day's dials still needed when\n"
        "it starts, shared over the blocks left today.",
    ),
    Setting(
        "session",
        "timezone",
        ZoneName(),
        'Your time zone (an IANA name such as "Europe/Berlin"); a day is a calendar day here.\n'
        "Leave it out to use this computer's zone.",
        shown=False,
        example="America/New_York",
        fallback=default_zone_name,  # TZ, or this computer's zone
    ),
    Setting(
        "session",
        "warmup",
        Flag(),
        "Open the two-minute warm-up (your last wins, today's expected no's, one skill) beside the\n"
        "counters on the day's first start, before any call; Esc closes it, a call too. The o key\n"
        "opens it any time. warmup = false leaves it to o.",
    ),
    Setting(
        "ritual",
        "breathe_s",
        SECONDS,
        "Seconds for each step of the reset after a bad call; the Dial step waits for you.",
    ),
    Setting("ritual", "reframe_s", SECONDS),
    Setting("ritual", "review_s", SECONDS),
    Setting("ritual", "after", Outcomes(), "Which outcomes start the reset. after = [] turns it off."),
    Setting(
        "ritual",
        "perspective_s",
        SECONDS,
        "The long reset after a hard no (N, or companion log no --hard) puts three steps first:\n"
        'perspective, "so what" at a week, a month and a career, and naming the story.',
    ),
    Setting("ritual", "so_what_s", SECONDS),
    Setting("ritual", "story_s", SECONDS),
    Setting(
        "ritual",
        "breath",
        Breath(),
        "Your breathing pattern in the Breathe step: seconds in, seconds out. It sets how long the\n"
        "out-breath is against the in-breath; breaths sets how many fill breathe_s.",
    ),
    Setting(
        "ritual",
        "breaths",
        Count(maximum=20),
        "Whole breaths in the Breathe step, each ending on a breath out (3 deep breaths in 10 s by\n"
        "default). 0: as many of the breath pattern as fit.",
    ),
    Setting(
        "ritual",
        "outside",
        Choice(OUTSIDE),
        'A no your dialer logs (companion log no) for now: "reset" opens the reset in the open app,\n'
        '"count" only counts it.',
    ),
    Setting(
        "ritual",
        "gate",
        Choice(GATE),
        'A call logged while the reset\'s timed steps run: "hold" keeps it out until Dial (the steps\n'
        'are locked); "let-through" (power dialers) logs it and ends the reset as cut short.',
    ),
    Setting(
        "hooks",
        "on_event",
        Command(),
        "A command run for every event this app or `companion log` stores, with the event as one JSON\n"
        "line on its stdin. It never delays a call; failures go to hooks.log in the data folder.",
        shown=False,
        example="tee -a ~/companion-events.jsonl",
    ),
    Setting("hooks", "timeout_s", Seconds(least=1), shown=False, field="hook_timeout_s"),
    Setting(
        "ui",
        "theme",
        ThemeName(),
        "Colour theme: `companion themes` lists them. Your own go in the themes/ folder beside this file.",
    ),
    Setting(
        "ui",
        "bell",
        Flag(),
        "A terminal bell on each step change. Off by default: a beep can leak into a live call.",
    ),
    Setting(
        "ui",
        "motion",
        Choice(MOTION),
        '"reduced": nothing on screen moves; the breath is shown in words (also: --reduced-motion).',
    ),
    Setting(
        "ui",
        "plain",
        Flag(),
        "true: words and plain characters only, no bars, blocks or box lines (for screen readers).",
    ),
    Setting("keys", None, KeyMap(), field="keys"),  # any binding id: the app knows them
    Setting(
        "dispositions",
        None,
        Dispositions(),
        shown=False,
        example=(("Interested - send info", Outcome.CALLBACK),),
        field="dispositions",
    ),
)


def allowed_keys(section: str) -> frozenset[str] | None:
    """The keys `section` may hold; None when it takes any key."""
    mine = [setting.key for setting in SETTINGS if setting.section == section]
    return None if None in mine else frozenset(key for key in mine if key is not None)


def checking_order() -> list[Setting]:
    """The settings in the order their values are checked, which decides the one message a file
    with several mistakes gets: those whose check asks outside the file first, then Config's
    field order."""
    places = _config_places()
    return sorted(SETTINGS, key=lambda s: (not s.kind.asks_outside, places.index(s.into)))


def _config_places() -> list[str]:
    defaults = Config()
    places = []
    for part in fields(Config):
        value = getattr(defaults, part.name)
        inner = fields(value) if is_dataclass(value) else ()
        places += [f"{part.name}.{f.name}" for f in inner] or [part.name]
    return places
