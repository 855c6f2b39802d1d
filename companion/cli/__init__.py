"""The command line: every command but the app, none of them importing Textual (checked by
import-linter and, in real processes, by tests/cli/test_import_hygiene.py).

Here, the table from each command to its handler, `handler(ctx, args)`. Around it:

- `grammar`: the words: commands, options, their help and one-line errors (exit 2);
- `plain`: the plain forms of `log` and `status`, read without argparse (anything else: grammar);
- `day`: log, dial, status, summary, themes;
- `transfer`: export, import;
- `around`: review, resume, win, warmup;
- `output` and `times`: what the families share: the lines and files they write, and times and
  dates as a rep types them.

A handler's family is imported when its command runs: `companion status` loads its plain
words, this table and the day's family, never the import reader or the reviews."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.errors import CompanionError

if TYPE_CHECKING:
    from argparse import Namespace

    from companion.context import Context
    from companion.core.clock import Clock


class Handler:
    """`name` in companion.cli.`family`: given the context and the parsed arguments, it does
    the command and returns the exit status; bad input raises CompanionError (one line, exit 2).
    (A plain class: a dataclass would add half a millisecond to every command's start.)"""

    __slots__ = ("family", "name")

    def __init__(self, family: str, name: str) -> None:
        self.family = family
        self.name = name

    def __repr__(self) -> str:
        return f"Handler({self.family!r}, {self.name!r})"

    def __call__(self, ctx: Context, args: Namespace) -> int:
        return self.load()(ctx, args)

    def load(self) -> Callable[[Context, Namespace], int]:
        """The handler itself, its family imported on first use."""
        # __import__, not importlib.import_module: the import statement's own way in, the one
        # `python -X importtime` reports, so a family's cost shows where start-up is measured.
        family = __import__(f"companion.cli.{self.family}", fromlist=[self.name])
        found: Callable[[Context, Namespace], int] = getattr(family, self.name)
        return found


HANDLERS: dict[str, Handler] = {
    "log": Handler("day", "log"),
    "dial": Handler("day", "dial"),
    "status": Handler("day", "status"),
    "summary": Handler("day", "summary"),
    "themes": Handler("day", "themes"),
    "export": Handler("transfer", "export"),
    "import": Handler("transfer", "import_"),
    "review": Handler("around", "review"),
    "resume": Handler("around", "resume"),
    "win": Handler("around", "win"),
    "warmup": Handler("around", "warmup"),
}


def run(args: Namespace, clock: Clock | None = None) -> int:
    """The command `args` names, on the home's context; `clock` is for tests (a frozen one)."""
    from companion.context import Context

    # A dialer's hook runs `log` and `dial`: a mistake in config.toml is said, never a lost call.
    forgiving = args.command in ("log", "dial")
    return handle(Context.open(clock=clock, app=False, forgiving=forgiving), args)


def handle(ctx: Context, args: Namespace) -> int:
    """The command `args` names, on `ctx`: its handler's exit status."""
    handler = HANDLERS.get(args.command)
    if handler is None:
        raise CompanionError(f"unknown command {args.command!r}")
    return handler(ctx, args)
