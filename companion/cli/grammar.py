"""The command line's grammar: commands, options and their one-line errors (exit 2). Each
command's handler is in companion.cli.HANDLERS, under the same name."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from companion import __version__


class _Parser(argparse.ArgumentParser):
    """argparse with one clear line for a bad word, and its own record of what it takes (its
    long options, its commands by name) to say what is valid."""

    def __init__(self, **kwargs: Any) -> None:
        self.long_options: list[str] = []  # set first: argparse's own __init__ adds --help
        self.commands: dict[str, _Parser] = {}
        super().__init__(**kwargs)

    def add_argument(self, *names: str, **kwargs: Any) -> argparse.Action:
        self.long_options += [name for name in names if name.startswith("--") and name != "--help"]
        return super().add_argument(*names, **kwargs)

    def error(self, message: str) -> NoReturn:
        """One clear line, exit 2: no usage dump. An option left without its value (the next
        word is an option too) says how to give a value that starts with '-'."""
        if message.startswith("argument --") and message.endswith("expected one argument"):
            flag = message.split()[1].rstrip(":").split("/")[-1]
            message += f" (for text that starts with -, write {flag}=TEXT)"
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> _Parser:
    """The whole grammar; with `only` (a command's name), the top level and that one command:
    `companion status` builds one sub-parser of eleven (their help words import the outcomes
    and tags, and every argparse parser costs its share of a command's start)."""
    parser = _Parser(
        prog="companion",
        description="A calm companion for outbound calling blocks. With no command it opens the "
        "session screen, resuming today's block if one is open.",
        epilog="Settings live in config.toml: [targets], [session], [ritual] (step lengths, breath, "
        'outside = "reset" or "count" for a no your dialer logs), [ui], [keys] (move any key by its '
        "binding id), [hooks] (on_event: a command run for every stored event) and [dispositions] (your "
        "dialer's own words for outcomes). The README has them all; ? in the app lists every key.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open on a throw-away home with a few weeks of history"
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        help='nothing on screen moves: the breath in words (or [ui] motion = "reduced")',
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (about, options) in COMMANDS.items():
        if only is None or name == only:
            parser.commands[name] = commands.add_parser(name, help=about)
            options(parser.commands[name])
    return parser


def _log(log: _Parser) -> None:
    from companion.core.outcomes import VALID_NAMES
    from companion.core.tags import CAUSES, REASONS

    log.add_argument(
        "outcome",
        metavar="OUTCOME",
        help=f"one of: {', '.join(VALID_NAMES)}; or a dialer's word (Left Voicemail, Busy, or your own"
        " from [dispositions])",
    )
    log.add_argument("--reason", metavar="R", help=f"why a no: one of {', '.join(REASONS)}")
    log.add_argument("--cause", metavar="C", help=f"what to work on after a no: one of {', '.join(CAUSES)}")
    log.add_argument("--note", metavar="TEXT", help="a short note, stored as plain text")
    log.add_argument(
        "--at",
        metavar="TIME",
        help="when it happened: HH:MM today, or ISO-8601 (2026-11-20T14:05); default now",
    )

    log.add_argument("--felt", metavar="N", type=_felt, help="on a no: how bad it felt, 1 (barely) to 5")
    log.add_argument(
        "--hard", action="store_true", help="a no that landed hard: a running app opens the long reset"
    )


def _nothing(_: _Parser) -> None:
    """A command without options."""


def _status(status: _Parser) -> None:
    status.add_argument(
        "--format",
        metavar="F",
        help="a line of {fields}: dials, dials_target, conversations, ... (see README)",
    )
    status.add_argument("--json", action="store_true", help="the fields as JSON for scripts")


def _summary(summary: _Parser) -> None:
    summary.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default today)")
    summary.add_argument("--week", action="store_true", help="the Monday-to-Sunday week holding --date")
    summary.add_argument("--json", action="store_true", help="flat JSON for scripts")


def _export(export: _Parser) -> None:
    export.add_argument("--format", choices=("csv", "json", "md"), default="csv", help="default: csv")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="first day to include (default: all)")
    export.add_argument("--until", metavar="YYYY-MM-DD", help="last day to include (default: all)")
    export.add_argument("-o", "--output", metavar="FILE", help="a new file to write (default: stdout)")


def _import(import_: _Parser) -> None:
    import_.add_argument("file", metavar="FILE", nargs="?", help="the CSV or JSON file to import")
    import_.add_argument(
        "--list", action="store_true", help="the imports so far, newest first, with their ids"
    )
    import_.add_argument(
        "--undo",
        metavar="ID",
        help="undo an import as a whole (its id from --list or its own output; the first characters will do)",
    )
    import_.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="for dates such as 03/04/2026 when the file cannot tell: day first (dmy) or month first (mdy)",
    )
    import_.add_argument(
        "--map",
        metavar="WORD=OUTCOME",
        action="append",
        default=[],
        help='read a dialer\'s own word as an outcome, e.g. --map "Interested - send info=callback";'
        " repeat it for more words (or keep them in [dispositions])",
    )


def _review(review: _Parser) -> None:
    review.add_argument("id", metavar="ID", nargs="?", help="the no to answer (its first characters will do)")
    review.add_argument("--lesson", metavar="TEXT", help="what you take from it, in one line")
    review.add_argument("--felt", metavar="N", type=_felt, help="how bad it feels now, 1 (barely) to 5")
    review.add_argument("--dismiss", action="store_true", help="it needs no review (and leaves the resume)")
    review.add_argument("--json", action="store_true", help="the due list as JSON for scripts")


def _resume(resume: _Parser) -> None:
    resume.add_argument("-o", "--output", metavar="FILE", help="a new file to write (default: stdout)")
    resume.add_argument("--notice", metavar="TEXT", help="keep one line of what you notice, reading it back")


def _win(win: _Parser) -> None:
    win.add_argument("text", metavar="TEXT", help='what went well, e.g. "the CFO asked for a proposal"')


def _warmup(warmup: _Parser) -> None:
    warmup.add_argument("--json", action="store_true", help="flat JSON for scripts")
    warmup.add_argument("--focus", metavar="TEXT", help="set the one skill to practise today")


# Every command, in the order --help lists them: what it does, and its options.
COMMANDS: dict[str, tuple[str, Callable[[_Parser], None]]] = {
    "log": ("record one outcome from another terminal or a hook", _log),
    "dial": (
        "mark dialling now for the reset waiting at Dial, as Enter does (for a call-started hook)",
        _nothing,
    ),
    "status": ("today in one line, for a prompt or a status bar", _status),
    "summary": ("a day's or a week's numbers", _summary),
    "export": ("write history as CSV, JSON or a Markdown report", _export),
    "import": ("add calls from our CSV or JSON, a timestamp,outcome CSV or a dialer's CSV export", _import),
    "review": ("the no's due for their 24-hour review; or answer one with --lesson or --dismiss", _review),
    "resume": ("your rejection resume (noted and reviewed no's) as Markdown", _resume),
    "win": ("add a win worth remembering", _win),
    "warmup": ("the warm-up: last wins, today's expected no's, one skill", _warmup),
    "themes": ("the colour themes by name, the one in use marked ([ui] theme picks one)", _nothing),
}


def _felt(text: str) -> int:
    """1 to 5, or argparse's one line (exit 2)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 5") from None
    if not 1 <= value <= 5:
        raise argparse.ArgumentTypeError(f"{value} is not from 1 (barely) to 5")
    return value


def _unknown_options(parser: _Parser, command: str | None, extras: list[str]) -> str:
    """'unknown option --month for summary; valid: --date, --week, --json'."""
    target = parser.commands.get(command, parser) if command else parser
    where = f" for {command}" if command else ""
    return f"unknown option {' '.join(extras)}{where}; valid: {', '.join(target.long_options)}"


def _dashed_values(parser: _Parser, words: Sequence[str]) -> list[str]:
    """`words` with a value that starts with '-' but is no option (`--note -1+1`, `--lesson
    "-ish"`) joined to its option as `--note=-1+1`, the form argparse takes whatever the value
    looks like. A known option after an option that wants a value stays an option (argparse's
    line then says to write `--note=TEXT`)."""
    scope: _Parser = parser
    joined: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":  # the rest are values already
            joined += words[i:]
            break
        if scope is parser and word in parser.commands:
            scope = parser.commands[word]
        wants = scope._option_string_actions.get(word)  # exact names only, never a prefix
        if (
            wants is not None
            and isinstance(wants, argparse._StoreAction | argparse._AppendAction)
            and i + 1 < len(words)
            and _is_value(scope, words[i + 1])
        ):
            joined.append(f"{word}={words[i + 1]}")
            i += 2
            continue
        joined.append(word)
        i += 1
    return joined


def _is_value(scope: _Parser, word: str) -> bool:
    """A word after an option that wants one, starting with '-', that is no option of `scope`
    (nor the start of one: argparse takes `--fel` for `--felt`)."""
    if not word.startswith("-") or word == "-":
        return False
    name = word.split("=", 1)[0]
    if name in scope._option_string_actions:
        return False
    return not (name.startswith("--") and any(o.startswith(name) for o in scope._option_string_actions))


def parse(words: Sequence[str]) -> argparse.Namespace:
    """The parsed `words`, or argparse's exit (help, version, one line for a bad word). A
    command's own words need only its own grammar; anything else (no command, an option first,
    a word that is no command) builds the whole, which its help and errors list."""
    parser = build_parser(words[0] if words and words[0] in COMMANDS else None)
    args, extras = parser.parse_known_args(_dashed_values(parser, words))
    if extras:
        parser.error(_unknown_options(parser, args.command, extras))
    return args
