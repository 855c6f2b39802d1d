"""The day around the block: the 24-hour review of a no, the rejection resume, wins, and the
warm-up's numbers. Pure rules over a Ledger and a moment; the session and the commands decide
which days to read.

- A no with a note, or tagged as a skill gap, is *reviewable*. It is due exactly 24 hours after
  the call (elapsed time: across midnight and a clock change alike), and stays due until it is
  answered (a review: how it feels now and one line of lesson) or dismissed, for REVIEW_DAYS.
- The resume holds every noted, hard or reviewed no that was not dismissed, newest first.
- A win is a meeting (with its note) or one the rep added by hand.
- The warm-up sets today's expectation from the rep's own 28 days before today: how many
  other dials came with each meeting (numbers.nos_per_yes) and how many no's, and so how many
  no's today's meetings target brings; and proposes one skill from the skill-gap no's
  of the last 7 days, or, with none, the curiosity question as the day's practice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from companion.core.calendar import Zone, day_bounds, day_of, instant, local, seven_days_ending
from companion.core.due import SKILL_GAP
from companion.core.events import Event, EventKind
from companion.core.ideas import Coached, Idea
from companion.core.ledger import Ledger
from companion.core.numbers import Targets, nos_per_yes
from companion.core.outcomes import Outcome
from companion.core.tags import CAUSE_LABELS, reason_label
from companion.core.words import amount, nos, others, plural, whole

RATE_DAYS = 28  # the warm-up's rates: the 28 days before today
# The rule of thumb with no meeting of the rep's own to go on. The 19 is the first article's
# (200 dials and 10 meetings a week: 5%, 19 other dials for each meeting). The 4 is the second's
# close rate (one deal in five, four no's for each) applied to meetings: our adaptation.
SEED_NOS_PER_YES = 19.0
SEED_NOS_PER_MEETING = 4.0
RESUME_AGE_MONTHS = 6  # unread resume entries this old are worth a word, once

# The practice the warm-up proposes when no objection stood out as a skill gap last week: the
# one thing from the sources a rep can use on the call itself (each fits a 60-column panel).
CURIOSITY_PRACTICE = Coached(Idea.CURIOSITY, "If they pass, ask lightly: timing, or something else?")

# One skill to practise for the objection a rep most often could not handle: the product's own
# sales advice, not the sources' (the README says so).
SKILLS: dict[str | None, Coached] = {
    "budget": Coached(Idea.OURS, "Price: ask what the problem costs before any number"),
    "timing": Coached(Idea.OURS, "Timing: find out what waiting costs them"),
    "stakeholders": Coached(Idea.OURS, "Ask early who else decides, and invite them in"),
    "fear-of-change": Coached(Idea.OURS, "Make the first step small and safe to say yes to"),
    "not-interested": Coached(Idea.OURS, "The opener: earn the next thirty seconds"),
    "hung-up": Coached(Idea.OURS, "First ten seconds: who you are, why them, a question"),
    "competitor": Coached(Idea.OURS, "Ask what they would change about what they use now"),
    "other": Coached(Idea.OURS, "Ask one question before you answer an objection"),
    None: CURIOSITY_PRACTICE,
}

# The warm-up's words, the app's and `companion warmup`'s alike. Headings are plain; the lines
# under them carry the ideas.
WINS_HEADING = "Your last wins"
EXPECT_HEADING = "The no's to expect today"
PRACTICE_HEADING = "Today's practice"
WINS_KEPT = Coached(Idea.WINS_STAY, "hang-ups fade; these stay")  # beside WINS_HEADING
OWN_RATE = Coached(Idea.TRACK_NUMBERS, "Last 28 days: {dials} and {nos} per meeting.")
SEED_DIALS = Coached(
    Idea.MATH, "No meeting in your last 28 days. Rule of thumb: at 5% of dials booked, {dials} per meeting."
)
SEED_NOS = Coached(Idea.TRACK_NUMBERS, "At 1 conversation in 5 booked, {nos} per meeting.")
EXPECT_TODAY = Coached(Idea.WARMUP, "Today's target of {meetings}: expect about {nos}.")
NOT_A_VERDICT = Coached(Idea.NOT_YOUR_WORTH, "They come with the job's numbers. None is about you.")
SKILL_HEADING = Coached(Idea.WARMUP, "One skill to practise: yes or no, each call is a rep")


# What, besides no's and meetings, the rules below look at.
_KINDS = frozenset(
    {
        EventKind.TAG,
        EventKind.VOID,
        EventKind.REVIEW,
        EventKind.DISMISS,
        EventKind.WIN,
        EventKind.FOCUS,
        EventKind.READ_BACK,
        EventKind.NUDGE,
    }
)


def concerns(event: Event) -> bool:
    """Whether `event` can change what the day around the block shows: a no (it may be noted
    or tagged later), a meeting (a win), a tag or a void, or one of its own kinds. A
    voicemail, a gatekeeper, a block's start or a reset's end cannot."""
    if event.kind is EventKind.OUTCOME:
        return event.outcome in (Outcome.NO, Outcome.MEETING)
    return event.kind in _KINDS


@dataclass(frozen=True, slots=True)
class ResumeEntry:
    """A rejection worth keeping: the no (tags applied) and its review, if it had one."""

    no: Event
    review: Event | None

    @property
    def felt_then(self) -> int | None:
        return self.no.felt

    @property
    def felt_now(self) -> int | None:
        return self.review.felt if self.review is not None else None

    @property
    def lesson(self) -> str | None:
        return self.review.lesson if self.review is not None else None

    def feelings(self, out_of: str = "/") -> str:
        """`felt 4/5, 2/5 on review`, as much of it as is known ("" for none); with
        `out_of=" of "`, `felt 4 of 5`, as a screen reader should say it."""
        parts = []
        if self.felt_then is not None:
            parts.append(f"felt {self.felt_then}{out_of}5")
        if self.felt_now is not None:
            now = f"{self.felt_now}{out_of}5 on review"
            parts.append(now if parts else f"felt {now}")
        return ", ".join(parts)


def labels(no: Event) -> list[str]:
    """A no's marks as the rep reads them (`hard`, `budget`, `skill gap`), those it has."""
    found = [
        "hard" if no.hard else "",
        reason_label(no.reason) if no.reason else "",
        CAUSE_LABELS.get(no.cause or "", ""),
    ]
    return [label for label in found if label]


def resume(ledger: Ledger) -> tuple[ResumeEntry, ...]:
    """Every noted, hard (with its story) or reviewed no that was not dismissed, newest first."""
    entries = []
    for call in ledger.outcomes:
        if call.outcome is not Outcome.NO:
            continue
        answer = ledger.answers.get(call.id)
        if answer is not None and answer.kind is EventKind.DISMISS:
            continue
        if call.note or call.hard or call.story or answer is not None:
            entries.append(ResumeEntry(call, answer))
    return tuple(reversed(entries))


def by_month(entries: tuple[ResumeEntry, ...], tz: Zone) -> list[tuple[date, list[ResumeEntry]]]:
    """Entries grouped by the month of their call (its first day), in the order given."""
    groups: list[tuple[date, list[ResumeEntry]]] = []
    for entry in entries:
        month = day_of(entry.no.at, tz).replace(day=1)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(entry)
    return groups


def months_before(moment: datetime, months: int, tz: Zone) -> datetime:
    """The same wall time `months` calendar months earlier (the month's last day if shorter)."""
    wall = local(moment, tz)
    year, month0 = divmod(wall.year * 12 + wall.month - 1 - months, 12)  # month0: 0 is January
    following = date(year, month0 + 2, 1) if month0 < 11 else date(year + 1, 1, 1)
    day = date(year, month0 + 1, min(wall.day, (following - timedelta(days=1)).day))
    return instant(datetime.combine(day, wall.time()), tz)


def unread_since(ledger: Ledger) -> datetime | None:
    """When the rep last read the resume back (None: never, as far as the ledger goes)."""
    return ledger.read_backs[-1].at if ledger.read_backs else None


def resume_nudge(ledger: Ledger, now: datetime, tz: Zone) -> ResumeEntry | None:
    """The oldest entry the rep has not read back when it is RESUME_AGE_MONTHS old and the app
    has not said so since the last read-back; else None. The ledger must reach back to the
    last read-back (or the start), or at least past the entries it should weigh."""
    read = unread_since(ledger)
    if any(read is None or nudge.at > read for nudge in ledger.nudges):
        return None
    old = months_before(now, RESUME_AGE_MONTHS, tz)
    unread = [e for e in resume(ledger) if (read is None or e.no.at > read) and e.no.at <= old]
    return unread[-1] if unread else None


# Reading the resume back (its end, on screen, and `companion resume`): the rep is asked what
# they notice now, and may keep one line of it (a READ_BACK event's note).
NOTICE_ASK = Coached(Idea.RESUME, "Reading it back: what do you notice now?")
NOTICE_SMALL = Coached(Idea.RESUME, "Most of these no's may look smaller now than they felt then.")
NOTICE_PATTERNS = Coached(
    Idea.RESUME, "Which patterns keep coming back, and what did the lessons change in your calls?"
)
NOTICED_HEADING = Coached(Idea.RESUME, "What you noticed, reading it back")


def noticings(ledger: Ledger) -> tuple[Event, ...]:
    """What the rep noticed reading the resume back (read-backs with a note), newest first."""
    return tuple(reversed([e for e in ledger.read_backs if e.note]))


@dataclass(frozen=True, slots=True)
class Win:
    """A meeting booked (its note says more) or a win the rep added by hand."""

    id: str
    at: datetime
    text: str | None
    meeting: bool


def wins(ledger: Ledger) -> tuple[Win, ...]:
    """Meetings and hand-added wins, newest first."""
    found = [Win(e.id, e.at, e.note, True) for e in ledger.outcomes if e.outcome is Outcome.MEETING]
    found += [Win(e.id, e.at, e.note, False) for e in ledger.wins]
    return tuple(sorted(found, key=lambda w: (w.at.astimezone(UTC), w.id), reverse=True))


@dataclass(frozen=True, slots=True)
class Warmup:
    """Two minutes before the first call: wins to recall, no's to expect, one skill."""

    wins: tuple[Win, ...]  # the last three, newest first
    # Every dial that was not a meeting, for each meeting (numbers.nos_per_yes): the rep's over
    # the 28 days before today, or the seed's 19. Not no's: voicemails are among them.
    nos_per_yes: float
    from_seed: bool  # no meeting in those 28 days: the seed's figures stand in
    nos_per_meeting: float  # the logged no's (rejections) for each meeting, same window
    expected_nos: int  # the no's today's meetings target brings, at that rate
    meetings_target: int
    focus: str | None  # what the rep picked for today
    proposal: str  # what the app proposes
    proposed_from: str | None  # the reason most often tagged a skill gap in the last 7 days

    def expected(self) -> str:
        """`Last 28 days: 18 other dials and 3.5 no's per meeting. Today's target of 2
        meetings: expect about 7 no's.`; with no meeting in those days, the rule of thumb."""
        them = amount(self.nos_per_meeting)
        per = f"{them} no" if them == "1" else f"{them} no's"
        if self.from_seed:
            cost = f"{SEED_DIALS.text.format(dials=others(self.nos_per_yes))} {SEED_NOS.text.format(nos=per)}"
        else:
            cost = OWN_RATE.text.format(dials=others(self.nos_per_yes), nos=per)
        if not self.meetings_target:
            return cost
        today = EXPECT_TODAY.text.format(
            meetings=plural(self.meetings_target, "meeting"), nos=nos(self.expected_nos)
        )
        return f"{cost} {today}"

    def expectation(self) -> str:
        """What `expected` says, and that those no's are the math, not a verdict: expected, so
        no cheer is needed to meet them."""
        return f"{self.expected()} {NOT_A_VERDICT.text}"

    def as_dict(self, tz: Zone) -> dict[str, object]:
        """The flat JSON of `companion warmup --json`."""
        return {
            "wins": [
                {"at": local(w.at, tz).isoformat(), "text": w.text, "meeting": w.meeting} for w in self.wins
            ],
            "nos_per_yes": self.nos_per_yes,  # kept for scripts; the same as the next key
            "other_dials_per_meeting": self.nos_per_yes,
            "nos_per_yes_from_seed": self.from_seed,
            "nos_per_meeting": self.nos_per_meeting,
            "expected_nos": self.expected_nos,
            "meetings_target": self.meetings_target,
            "focus": self.focus or self.proposal,
            "focus_chosen": self.focus is not None,
            "focus_proposed_from": self.proposed_from,
        }


def warmup(
    ledger: Ledger, today: date, tz: Zone, targets: Targets, earlier_wins: tuple[Win, ...] = ()
) -> Warmup:
    """The warm-up for `today`. The ledger must hold the RATE_DAYS days before it;
    `earlier_wins` are wins from before what it holds, for a rep with few recent ones."""
    start = day_bounds(today - timedelta(days=RATE_DAYS), tz)[0]
    counts = ledger.counts_between(start, day_bounds(today, tz)[0])
    rate = nos_per_yes(counts.dials, counts.meetings)
    from_seed = rate is None
    per_yes = SEED_NOS_PER_YES if rate is None else rate
    # The logged no's for each meeting, in the same window (the rule of thumb's 4 without one).
    per_meeting = SEED_NOS_PER_MEETING if rate is None else round(counts.rejections / counts.meetings, 1)
    recent = {w.id: w for w in (*wins(ledger), *earlier_wins)}
    last_three = sorted(recent.values(), key=lambda w: (w.at.astimezone(UTC), w.id), reverse=True)[:3]
    # The objection most often not handled; a skill gap tagged without a reason says less.
    gaps = Counter(
        call.reason
        for call in ledger.outcomes_between(*seven_days_ending(today, tz))
        if call.outcome is Outcome.NO and call.cause == SKILL_GAP and call.reason
    )
    proposed_from = min(gaps, key=lambda r: (-gaps[r], r or "")) if gaps else None
    return Warmup(
        wins=tuple(last_three),
        nos_per_yes=per_yes,
        from_seed=from_seed,
        expected_nos=whole(per_meeting * targets.meetings),
        nos_per_meeting=per_meeting,
        meetings_target=targets.meetings,
        focus=focus_on(ledger, today, tz),
        proposal=SKILLS.get(proposed_from, SKILLS[None]).text,
        proposed_from=proposed_from,
    )


def focus_on(ledger: Ledger, day: date, tz: Zone) -> str | None:
    """The skill the rep picked to practise on `day`: the latest pick of that day."""
    start, end = day_bounds(day, tz)
    picked = [e.note for e in ledger.focuses if start <= e.at < end and e.note]
    return picked[-1] if picked else None
