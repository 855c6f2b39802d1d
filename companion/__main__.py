"""Entry point. argparse first; textual is imported only when the TUI opens."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from companion import __version__
from companion.errors import CompanionError

if TYPE_CHECKING:
    from companion.context import Context


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One clear line, exit 2: no usage dump."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from companion.core.outcomes import VALID_NAMES
    from companion.core.tags import REASONS

    parser = _Parser(
        prog="companion",
        description="A calm companion for outbound calling blocks. With no command it opens the "
        "session screen, resuming today's block if one is open.",
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open on a throw-away home with a few weeks of history"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    log = commands.add_parser("log", help="record one outcome from another terminal or a hook")
    log.add_argument("outcome", metavar="OUTCOME", help=f"one of: {', '.join(VALID_NAMES)}")
    log.add_argument("--reason", metavar="R", help=f"one of: {', '.join(REASONS)}")
    log.add_argument("--note", metavar="TEXT", help="a short note, stored as plain text")
    log.add_argument(
        "--at",
        metavar="TIME",
        help="when it happened: HH:MM today, or ISO-8601 (2026-11-20T14:05); default now",
    )

    summary = commands.add_parser("summary", help="a day's or a week's numbers")
    summary.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default today)")
    summary.add_argument("--week", action="store_true", help="the Monday-to-Sunday week holding --date")
    summary.add_argument("--json", action="store_true", help="flat JSON for scripts")

    export = commands.add_parser("export", help="write history as CSV, JSON or a Markdown report")
    export.add_argument("--format", choices=("csv", "json", "md"), default="csv", help="default: csv")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="first day to include (default: all)")
    export.add_argument("--until", metavar="YYYY-MM-DD", help="last day to include (default: all)")
    export.add_argument("-o", "--output", metavar="FILE", help="a new file to write (default: stdout)")

    import_ = commands.add_parser(
        "import", help="add calls from our CSV or JSON, a timestamp,outcome CSV or a dialer's CSV export"
    )
    import_.add_argument("file", metavar="FILE", help="the CSV or JSON file to import")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        parser.error(_unknown_options(parser, args.command, extras))
    try:
        return _run(args)
    except CompanionError as error:
        print(f"companion: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): whatever was to be stored is stored; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        # A full disk or a folder we may not write: nothing was stored, and the user is told why.
        where = f" ({error.filename})" if error.filename else ""
        print(f"companion: nothing was saved: {error.strerror or error}{where}", file=sys.stderr)
        return 2
    except OverflowError as error:
        print(f"companion: a date or time is out of range ({error})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _unknown_options(parser: argparse.ArgumentParser, command: str | None, extras: list[str]) -> str:
    """'unknown option --month for summary; valid: --date, --week, --json'."""
    target = parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            target = action.choices[command]
    valid = [o for a in target._actions for o in a.option_strings if o.startswith("--") and o != "--help"]
    where = f" for {command}" if command else ""
    return f"unknown option {' '.join(extras)}{where}; valid: {', '.join(valid)}"


def _run(args: argparse.Namespace) -> int:
    from companion.context import Context

    if args.demo:
        if args.command:
            raise CompanionError("--demo opens the app; use it without a command")
        from companion.demo import run_demo

        return run_demo()
    if args.command is None:
        return open_app(Context.open())
    ctx = Context.open()
    from companion import cli

    if args.command == "log":
        return cli.log(ctx, args.outcome, args.reason, args.note, args.at)
    if args.command == "summary":
        return cli.summary(ctx, args.date, args.week, args.json)
    if args.command == "export":
        from companion.transfer_cli import export_command

        return export_command(ctx, args.format, args.since, args.until, args.output)
    if args.command == "import":
        from companion.transfer_cli import import_command

        return import_command(ctx, args.file)
    raise CompanionError(f"unknown command {args.command!r}")


def open_app(ctx: Context) -> int:
    from companion.tui.app import CompanionApp

    app = CompanionApp(ctx)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
