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
from companion.errors import reason as errors_reason

if TYPE_CHECKING:
    from companion.context import Context
    from companion.core.clock import Clock


APP_FLAGS = {"--demo", "--reduced-motion"}  # words that still open the app
# What a dialer's hook or a status bar runs over and over: once its work is done and said, the
# process ends without tearing the interpreter down (see _leave).
REPEATED = {"log", "dial", "status"}


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run Companion with `argv` (the process's own arguments when None) and return the exit
    status. `clock` is for tests, which call this in process with a frozen one: a command reads
    the time from it (the app opens on the real clock). A command's exit status:
    _command_line."""
    words = sys.argv[1:] if argv is None else list(argv)
    if not set(words) <= APP_FLAGS:  # a command, --help, --version or a bad word
        code = _command_line(words, clock, process=argv is None)
        if argv is None and words[0] in REPEATED:
            _leave(code)
        return code
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


def _leave(code: int) -> None:
    """End the process with `code` now, skipping the interpreter's teardown (freeing every
    module and object: about a tenth of `companion status`). Only once everything is said:
    what was stored is stored already (fsync), no thread or atexit handler of ours is left,
    and stdout and stderr are flushed here; when a flush fails, the ordinary exit does it."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # (None: closed when the process started)
                stream.flush()
    except Exception:  # the ordinary exit says what it says about a stream that fails
        return
    os._exit(code)


def _command_line(words: list[str], clock: Clock | None, process: bool) -> int:
    """A command (anything but the app): its streams Guarded (companion.cli.output) while it
    runs, so no write can raise, then its exit status from what it stored and said. A command's
    exit status (the README's "From the command line"): 0 done, and whenever something was
    stored, whatever came after (stdout full or closed, a reader that went away: said on stderr
    if stderr can take it); 1 nothing was stored and stdout could not take the output; 2 bad
    input or nothing was saved (one line); 130 interrupted before anything was stored."""
    from companion.cli.output import SAID, Guarded, fill_closed_descriptors

    if process:
        fill_closed_descriptors()  # `>&-`: no file of ours may take stdout's number
    streams = (sys.stdout, sys.stderr)
    for stream in streams:
        # A command's output goes to pipes and files as well as terminals: a character the
        # encoding cannot hold is written as an escape, never a traceback.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    SAID.reset()
    sys.stdout, sys.stderr = Guarded(streams[0], "stdout"), Guarded(streams[1], "stderr")
    try:
        code = _command(words, clock)
        sys.stdout.flush()  # a full device or a closed pipe is found here, not at exit
        sys.stderr.flush()
        return _said(code)
    finally:
        sys.stdout, sys.stderr = streams


def _command(words: list[str], clock: Clock | None) -> int:
    """The command `words` name, its errors each one line and an exit status (SAID knows
    whether anything was stored)."""
    from companion.cli.output import SAID

    try:
        from companion.cli.plain import plain

        args = plain(words)  # a plain log or status, without argparse; else the whole grammar
        if args is None:
            from companion.cli.grammar import parse

            try:
                args = parse(words)
            except SystemExit as stop:  # --help, --version, or argparse's one line for a bad word
                return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
        return _run(args, clock)
    except (CompanionError, OSError, OverflowError) as error:
        if SAID.stored:  # what came after the store failed: the store itself holds
            warn(f"saved, but then: {_why(error)}")
            return 0
        if isinstance(error, OSError):
            # A full disk or a folder we may not write: nothing was stored, and the user is told why.
            warn(f"nothing was saved: {_why(error)}")
        elif isinstance(error, OverflowError):
            warn(f"a date or time is out of range ({error})")
        else:
            warn(str(error))
        return 2
    except KeyboardInterrupt:
        return 0 if SAID.stored else 130


def _why(error: BaseException) -> str:
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}"
    return str(error)


def _said(code: int) -> int:
    """The exit status once stdout has had its say: a line stdout could not take never turns
    a stored call into a failure (it is said on stderr, if stderr can take it); with nothing
    stored, output that did not arrive is a failure (1) unless the command had failed already."""
    from errno import EPIPE

    from companion.cli.output import SAID

    if SAID.lost is None:
        return code
    why = "the reader went away" if SAID.lost.errno == EPIPE else errors_reason(SAID.lost)
    if SAID.stored:
        line = f": {SAID.unsaid[0]}" if SAID.unsaid else ""
        warn(f"saved, but stdout could not take its line ({why}){line}")
        return 0
    if SAID.lost.errno != EPIPE and SAID.unsaid:
        warn(f"stdout could not take the output ({why})")
    return code if code != 0 else 1


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
