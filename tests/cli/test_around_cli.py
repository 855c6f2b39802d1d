"""`companion review`, `resume`, `win`, `warmup` and `log no --felt`: the 24-hour
review of a no, the rejection resume, wins and the warm-up's numbers. Calls are back-dated with
`log --at` relative to the real clock, so a no is more or less than 24 hours old."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.core.events import Event, EventKind, make_event
from companion.core.outcomes import Outcome
from tests.cli.conftest import BASE_CONFIG, Companion, Result, snapshot
from tests.conftest import ZONE

BERLIN = ZoneInfo(ZONE)
HOSTILE = "[bold]loud[/bold] 5 * 3 \x1b]0;pwn\x07 done"


def ago(**delta: float) -> datetime:
    """A moment that long ago in elapsed time (right across a clock change), on Berlin's clock."""
    return (datetime.now(UTC) - timedelta(**delta)).astimezone(BERLIN).replace(microsecond=0)


def log_no(companion: Companion, at: datetime, *extra: str) -> dict[str, Any]:
    """Log a no at `at` and return the event stored for it."""
    companion.ok("log", "no", "--at", at.isoformat(), *extra)
    stored: dict[str, Any] = companion.journal_lines()[-1]
    assert stored["kind"] == "outcome", stored
    return stored


def refused(companion: Companion, *args: str) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, nothing written."""
    before = snapshot(companion.data)
    result = companion.run(*args)
    assert result.returncode == 2, result.describe()
    assert len(result.stderr_lines) == 1, result.describe()
    assert "Traceback" not in result.stderr
    assert snapshot(companion.data) == before, f"something was written: {result.describe()}"
    return result.stderr_lines[0]


def due(companion: Companion) -> dict[str, Any]:
    data: dict[str, Any] = companion.ok("review", "--json").json()
    return data


def warmup(companion: Companion, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = companion.ok("warmup", "--json", *args).json()
    return data


# -- review: the list ------------------------------------------------------------------------


def test_review_lists_only_nos_at_least_24_hours_old(companion: Companion) -> None:
    noted = log_no(companion, ago(hours=25), "--note", "they want Q2", "--reason", "timing", "--felt", "4")
    gap = log_no(companion, ago(hours=26), "--cause", "skill-gap")
    young = log_no(companion, ago(hours=2), "--note", "too fresh")
    plain = log_no(companion, ago(hours=30))  # no note, no skill gap: nothing to review
    assert noted["felt"] == 4  # log no --felt is stored on the call

    text = companion.ok("review").stdout
    assert noted["id"][:8] in text and gap["id"][:8] in text
    assert young["id"][:8] not in text and plain["id"][:8] not in text
    assert "they want Q2" in text
    assert "1 more after 24 hours" in text

    listed = due(companion)
    assert listed["waiting"] == 1
    assert [item["id"] for item in listed["due"]] == [gap["id"], noted["id"]]  # oldest first
    first, second = listed["due"]
    assert set(second) >= {"id", "at", "due_at", "reason", "cause", "note", "felt"}
    assert datetime.fromisoformat(second["at"]) == datetime.fromisoformat(noted["at"])
    assert datetime.fromisoformat(second["due_at"]) - datetime.fromisoformat(second["at"]) == timedelta(
        hours=24
    )
    assert (second["reason"], second["cause"], second["note"], second["felt"]) == (
        "timing",
        None,
        "they want Q2",
        4,
    )
    assert (first["cause"], first["note"], first["felt"]) == ("skill-gap", None, None)


# -- review: answering -------------------------------------------------------------------------


def test_answering_a_review_stores_one_event_and_it_is_no_longer_due(companion: Companion) -> None:
    first = log_no(companion, ago(hours=25), "--note", "asked for a discount")
    second = log_no(companion, ago(hours=26), "--note", "wrong person")
    before = len(companion.journal_lines())

    companion.ok("review", first["id"][:6], "--lesson", "  ask what\tit costs\nthem first ", "--felt", "2")
    added = companion.journal_lines()[before:]
    assert [line["kind"] for line in added] == ["review"]
    assert added[0]["target"] == first["id"]
    assert added[0]["lesson"] == "ask what it costs them first"
    assert added[0]["felt"] == 2
    assert [item["id"] for item in due(companion)["due"]] == [second["id"]]

    again = refused(companion, "review", first["id"][:8], "--lesson", "once more")
    assert "reviewed already" in again

    companion.ok("review", second["id"], "--dismiss")
    [dismissed] = companion.journal_lines()[before + 1 :]
    assert (dismissed["kind"], dismissed["target"]) == ("dismiss", second["id"])
    assert "dismissed already" in refused(companion, "review", second["id"][:8], "--dismiss")
    assert due(companion) == {"due": [], "waiting": 0}


@pytest.fixture(scope="module")
def two_nos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Companion, dict[str, str]]:
    """One home shared by the refusals below (each checks that it wrote nothing): a no due for
    review and one logged two hours ago."""
    home = tmp_path_factory.mktemp("refusals") / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(BASE_CONFIG, encoding="utf-8")
    companion = Companion(home)
    old = log_no(companion, ago(hours=25), "--note", "old enough")
    young = log_no(companion, ago(hours=2), "--note", "too fresh")
    young_due = datetime.fromisoformat(young["at"]) + timedelta(hours=24)
    return companion, {
        "due": old["id"][:8],
        "young": young["id"][:8],
        "young_due": f"{young_due.astimezone(BERLIN):%a %d %b %H:%M}",
    }


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(("review", "zzzz9999", "--dismiss"), "no review due has ID", id="unknown-id"),
        pytest.param(("review", "{due3}", "--dismiss"), "too short", id="prefix-of-3"),
        pytest.param(("review", "{due}", "--lesson", "ok", "--felt", "0"), "1 (barely) to 5", id="felt-0"),
        pytest.param(("review", "{due}", "--lesson", "ok", "--felt", "6"), "1 (barely) to 5", id="felt-6"),
        pytest.param(("review", "{due}", "--lesson", "ok", "--felt", "x"), "not a whole number", id="felt-x"),
        pytest.param(("review", "{due}", "--lesson", "   "), "--lesson is empty", id="lesson-blank"),
        pytest.param(
            ("review", "{due}", "--lesson", "\r\n\t "), "--lesson is empty", id="lesson-spaces-only"
        ),
        pytest.param(
            ("review", "{due}", "--lesson", "ok \x1b]8;;http://x\x07link"),
            "--lesson holds control characters",
            id="lesson-with-an-escape",
        ),
        pytest.param(
            ("review", "{due}", "--lesson", "ok", "--dismiss"),
            "--dismiss takes no --lesson",
            id="lesson-and-dismiss",
        ),
        pytest.param(("review", "{due}"), "say what you learned with --lesson", id="id-alone"),
        pytest.param(("review", "--lesson", "ok"), "give its ID first", id="lesson-without-id"),
        pytest.param(
            ("review", "{young}", "--lesson", "ok"), "due for review from {young_due}", id="younger-than-24h"
        ),
        pytest.param(
            ("review", "{due}", "--lesson", "word " * 401), "2,000 characters", id="lesson-too-long"
        ),
        pytest.param(("win", " \t "), "a win needs a few words", id="win-blank"),
        pytest.param(("win", "got \x1b[2J through"), "the win holds control characters", id="win-escape"),
        pytest.param(("warmup", "--focus", "\u202eesrever"), "--focus holds control", id="focus-bidi"),
        pytest.param(("log", "voicemail", "--felt", "3", "--at", "{now}"), "--felt", id="felt-on-voicemail"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    two_nos: tuple[Companion, dict[str, str]], args: tuple[str, ...], says: str
) -> None:
    companion, ids = two_nos
    fill = ids | {"due3": ids["due"][:3], "now": ago(minutes=1).isoformat()}
    line = refused(companion, *(arg.format(**fill) if "{" in arg else arg for arg in args))
    assert says.format(**fill) in line, line
    assert line.startswith("companion"), line


# -- resume ----------------------------------------------------------------------------------


def test_resume_is_markdown_newest_month_first_with_feelings_and_lessons(
    companion: Companion, tmp_path: Path
) -> None:
    old_at = ago(days=45)  # always an earlier calendar month than the no of yesterday
    log_no(companion, old_at, "--note", "an old one", "--felt", "3")
    hostile = log_no(companion, ago(hours=25), "--note", HOSTILE, "--felt", "4")
    dropped = log_no(companion, ago(hours=26), "--note", "not worth keeping")
    companion.ok("review", hostile["id"][:8], "--lesson", "slow down *before* the price", "--felt", "2")
    companion.ok("review", dropped["id"][:8], "--dismiss")
    before = len(companion.journal_lines())

    text = companion.ok("resume").stdout
    assert text.startswith("# Rejection resume")
    new_month = f"## {datetime.fromisoformat(hostile['at']):%B %Y}"
    old_month = f"## {old_at:%B %Y}"
    assert new_month in text and old_month in text
    assert text.index(new_month) < text.index(old_month)
    assert text.index("pwn") < text.index("an old one")
    assert "felt 4/5, 2/5 on review" in text
    assert "felt 3/5)" in text
    assert "Lesson: slow down \\*before\\* the price" in text
    assert "not worth keeping" not in text
    for raw in ("\x1b", "\x07", "[bold]", "[/bold]", "5 * 3", "*before*"):
        assert raw not in text, f"{raw!r} appears raw in the resume"
    assert "\\[bold\\]loud\\[/bold\\] 5 \\* 3" in text
    assert [line["kind"] for line in companion.journal_lines()[before:]] == ["read-back"]

    written = tmp_path / "resume.md"
    result = companion.ok("resume", "-o", str(written))
    assert str(written) in result.stdout
    assert written.read_text(encoding="utf-8").rstrip("\n") == text.rstrip("\n")
    assert [line["kind"] for line in companion.journal_lines()[before:]] == ["read-back", "read-back"]

    taken = tmp_path / "taken.md"
    taken.write_text("mine\n", encoding="utf-8")
    assert "already exists" in refused(companion, "resume", "-o", str(taken))
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_resume_says_the_share_outside_your_control_and_asks_what_you_notice(companion: Companion) -> None:
    """Over the resume's whole span (from its oldest entry's day): every no with a reason, noted
    or not; then `--notice` keeps a line, which the next read shows above the question."""
    first = ago(days=40)
    log_no(companion, first, "--note", "the first one", "--reason", "timing")
    log_no(companion, ago(days=41), "--reason", "budget")  # before the oldest entry: outside the span
    for reason in ("budget", "budget", "stakeholders", "hung-up"):
        log_no(companion, ago(days=3), "--reason", reason)
    log_no(companion, ago(days=2))  # no reason: counted nowhere

    text = companion.ok("resume").stdout
    assert (
        f"Since {first:%a %d %b %Y}: 4 of 5 no's with a reason (80%) were outside your"
        " control: budget 2, timing 1, stakeholders 1; 1 more had no reason tagged."
    ) in text
    ask = text.index("## Reading it back: what do you notice now?")
    assert "Most of these no's may look smaller now than they felt then." in text[ask:]
    assert "patterns keep coming back, and what did the lessons change" in text[ask:]
    assert "What you noticed" not in text

    before = len(companion.journal_lines())
    result = companion.ok("resume", "--notice", "  the timing ones\tstill sting ")
    assert result.stdout == "Kept at the end of your resume: what you notice now.\n"
    [kept] = companion.journal_lines()[before:]
    assert (kept["kind"], kept["note"]) == ("read-back", "the timing ones still sting")
    again = companion.ok("resume").stdout
    noticed = again.index("## What you noticed, reading it back")
    assert noticed < again.index("## Reading it back") and "the timing ones still sting" in again[noticed:]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(("resume", "--notice", " "), "--notice is empty", id="blank"),
        pytest.param(("resume", "--notice", "a \x1b[2J b"), "--notice holds control", id="escape"),
        pytest.param(("resume", "--notice", "x", "-o", "r.md"), "leave out -o", id="with-output"),
    ],
)
def test_a_bad_notice_is_one_line_exit_2_and_nothing_written(
    companion: Companion, args: tuple[str, ...], says: str
) -> None:
    log_no(companion, ago(days=2), "--note", "an entry")
    assert says in refused(companion, *args)


def test_a_notice_on_an_empty_resume_is_refused(companion: Companion) -> None:
    log_no(companion, ago(days=2))  # a no without a note: no entry
    assert "no entries yet" in refused(companion, "resume", "--notice", "nothing to see")


# -- win and warm-up ---------------------------------------------------------------------------


def test_a_win_and_a_focus_are_stored_and_shown_in_the_warmup(companion: Companion) -> None:
    companion.ok("win", "  the CFO\tasked for [bold]a proposal[/bold] ")
    [stored] = companion.journal_lines()
    assert (stored["kind"], stored["note"]) == ("win", "the CFO asked for [bold]a proposal[/bold]")

    chosen = warmup(companion, "--focus", "ask who else decides")
    assert [(line["kind"], line["note"]) for line in companion.journal_lines()[1:]] == [
        ("focus", "ask who else decides")
    ]
    again = warmup(companion)
    assert again == chosen
    assert (again["focus"], again["focus_chosen"]) == ("ask who else decides", True)
    assert [(w["text"], w["meeting"]) for w in again["wins"]] == [
        ("the CFO asked for [bold]a proposal[/bold]", False)
    ]


def test_warmup_without_a_meeting_expects_the_seed_rate(companion: Companion) -> None:
    log_no(companion, ago(days=3))
    found = warmup(companion)
    assert found["nos_per_yes"] == 19.0
    assert found["nos_per_yes_from_seed"] is True
    # The rule of thumb's 4 no's for each meeting (the close rate put to meetings), not the 19 dials.
    assert (found["meetings_target"], found["nos_per_meeting"], found["expected_nos"]) == (2, 4.0, 8)
    assert found["focus_chosen"] is False and found["focus"]


def test_warmup_in_words_sets_the_nos_as_the_math_and_proposes_the_curiosity_question(
    companion: Companion,
) -> None:
    """As the app's panel: each heading with its lines under it; the no's expected, no cheer;
    with no skill gap to go on, the practice is the curiosity question."""
    log_no(companion, ago(days=3))
    lines = companion.ok("warmup").stdout.splitlines()
    expect = lines.index("The no's to expect today")
    assert lines[expect + 1 : expect + 3] == [
        "  No meeting in your last 28 days. Rule of thumb: at 5% of dials booked, 19 other dials per"
        " meeting. At 1 conversation in 5 booked, 4 no's per meeting."
        " Today's target of 2 meetings: expect about 8 no's.",
        "  They come with the job's numbers. None is about you.",
    ]
    skill = lines.index("One skill to practise: yes or no, each call is a rep")
    assert lines[skill + 1] == "  If they pass, ask lightly: timing, or something else?"
    assert (
        lines[skill + 2] == '  Make it yours with companion warmup --focus "...", or o, then y, in the app.'
    )
    assert lines[1 : lines.index("The no's to expect today")] == [
        "",
        "Your last wins · hang-ups fade; these stay",
        "  None yet: meetings land here, and so does companion win.",
        "",
    ]


def test_warmup_rate_is_the_28_days_ending_yesterday(companion: Companion, tmp_path: Path) -> None:
    three_days_ago = datetime.now(BERLIN).date() - timedelta(days=3)
    noon = datetime(three_days_ago.year, three_days_ago.month, three_days_ago.day, 12, tzinfo=BERLIN)
    calls = tmp_path / "calls.csv"
    rows = [f"{(noon + timedelta(minutes=m)).isoformat()},no" for m in range(9)]
    rows.append(f"{(noon + timedelta(minutes=9)).isoformat()},meeting")
    calls.write_text("timestamp,outcome\n" + "\n".join(rows) + "\n", encoding="utf-8")
    companion.ok("import", str(calls))

    found = warmup(companion)
    assert (found["nos_per_yes"], found["nos_per_yes_from_seed"], found["expected_nos"]) == (9.0, False, 18)
    assert [w["meeting"] for w in found["wins"]] == [True]

    companion.ok("log", "meeting")  # today: not in the 28 days ending yesterday
    today = warmup(companion)
    assert (today["nos_per_yes"], today["nos_per_yes_from_seed"], today["expected_nos"]) == (9.0, False, 18)
    assert [w["meeting"] for w in today["wins"]] == [True, True]


# -- export and import ---------------------------------------------------------------------------


def test_new_events_survive_an_export_and_import_into_a_fresh_home(
    companion: Companion, tmp_path: Path
) -> None:
    # Every kind of the day around the block, stored as the commands above store them (each
    # is tested there), so this test is about the round trip alone.
    def stored(kind: EventKind, at: datetime, **fields: Any) -> Event:
        event = make_event(kind, at.astimezone(BERLIN), source="cli", **fields)
        companion.store().append([event])
        return event

    reviewed = stored(
        EventKind.OUTCOME, ago(hours=25), outcome=Outcome.NO, note="[bold]loud[/bold] 5 * 3", felt=5
    )
    left = stored(EventKind.OUTCOME, ago(hours=26), outcome=Outcome.NO, cause="skill-gap", felt=3)
    dropped = stored(EventKind.OUTCOME, ago(hours=27), outcome=Outcome.NO, note="dismiss me")
    stored(EventKind.OUTCOME, ago(hours=1), outcome=Outcome.NO, note="still waiting")
    stored(EventKind.REVIEW, ago(hours=0.5), target=reviewed.id, lesson="breathe, then ask", felt=1)
    stored(EventKind.DISMISS, ago(hours=0.4), target=dropped.id)
    stored(EventKind.WIN, ago(hours=0.3), note="booked the pilot")
    stored(EventKind.FOCUS, ago(hours=0.2), note="name the cost of waiting")
    stored(EventKind.READ_BACK, ago(hours=0.1), note="budget [keeps] coming up")  # what was noticed
    old_resume = companion.ok("resume").stdout
    assert "budget \\[keeps\\] coming up" in old_resume
    old_due = due(companion)
    assert [item["id"] for item in old_due["due"]] == [left.id] and old_due["waiting"] == 1

    exported = tmp_path / "all.json"
    companion.ok("export", "--format", "json", "-o", str(exported))
    fresh_home = tmp_path / "fresh"
    fresh_home.mkdir(mode=0o700)
    (fresh_home / "config.toml").write_text(BASE_CONFIG, encoding="utf-8")
    fresh = Companion(fresh_home)
    fresh.ok("import", str(exported))

    kinds = {"review", "dismiss", "win", "focus", "read-back"}
    old = sorted((e.id, e.kind.value, e.target, e.lesson, e.felt, e.note) for e in companion.all_events())
    new = sorted((e.id, e.kind.value, e.target, e.lesson, e.felt, e.note) for e in fresh.all_events())
    assert new == old
    assert {row[1] for row in new} >= kinds
    assert due(fresh) == old_due
    new_resume: Result = fresh.ok("resume")
    assert new_resume.stdout == old_resume
