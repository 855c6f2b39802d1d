"""Entry point: the app with no arguments, else the command line (companion.cli: its grammar,
then the command's handler). Every error ends here as one line and an exit status. Textual is
imported only when the TUI opens."""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from companion.errors import CompanionError, warn

if TYPE_CHECKING:
    from companion.context import Context
    from companion.core.clock import Clock


APP_FLAGS = {"--demo", "--reduced-motion"}  # words that still open the app


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run Companion with `argv` (the process's own arguments when None) and return the exit
    status. `clock` is for tests, which call this in process with a frozen one: a command reads
    the time from it (the app opens on the real clock)."""
    words = sys.argv[1:] if argv is None else list(argv)
    args: Any
    if set(words) <= APP_FLAGS:
        # The app is opening: no collector runs until its first frame is drawn (imports and
        # the first screen make many objects and no garbage); the app turns it back on.
        gc.disable()
    if words:
        from companion.cli.grammar import parse

        args = parse(words)
    else:  # the everyday start: straight to the app, without argparse and the CLI's parser
        args = SimpleNamespace(command=None, demo=False, reduced_motion=False)
    if args.command is not None:
        # A command's output goes to pipes and files as well as terminals: a character the
        # encoding cannot hold is written as an escape, never a traceback.
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(errors="backslashreplace")
    try:
        code = _run(args, clock)
        sys.stdout.flush()  # a closed pipe is found here, not at exit after the handlers
        return code
    except CompanionError as error:
        warn(str(error))
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): whatever was to be stored is stored; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        os.close(devnull)
        return 0
    except OSError as error:
        # A full disk or a folder we may not write: nothing was stored, and the user is told why.
        where = f" ({error.filename})" if error.filename else ""
        warn(f"nothing was saved: {error.strerror or error}{where}")
        return 2
    except OverflowError as error:
        warn(f"a date or time is out of range ({error})")
        return 2
    except KeyboardInterrupt:
        return 130


def _run(args: Any, clock: Clock | None = None) -> int:
    """The command `args` names (its handler, from companion.cli's table), else the app."""
    for flag, given in (("--demo", args.demo), ("--reduced-motion", args.reduced_motion)):
        if given and args.command:
            raise CompanionError(f"{flag} opens the app; use it without a command")
    if args.command is not None:
        from companion.cli import run

        return run(args, clock)
    if args.demo:
        from companion.demo import demo_home

        with demo_home() as ctx:
            return open_app(ctx, args.reduced_motion)
    from companion.context import Context

    return open_app(Context.open(), args.reduced_motion)


def open_app(ctx: Context, reduced_motion: bool = False) -> int:
    from dataclasses import replace

    from companion.config import with_own_reframes
    from companion.tui.app import CompanionApp
    from companion.tui.keymap import check_keymap

    if ctx.config.keys:  # (reads every screen's keys: only when there is a keymap to check)
        check_keymap(dict(ctx.config.keys), ctx.paths.config_file)  # one line and exit 2, before a screen
    config = with_own_reframes(ctx.config, ctx.paths)
    if reduced_motion:
        config = replace(config, motion="reduced")
    app = CompanionApp(replace(ctx, config=config))
    with app.ending_on_signals():  # a closed window, `kill`, `kill -INT`: as ctrl+q
        app.open_day_now()
        app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
