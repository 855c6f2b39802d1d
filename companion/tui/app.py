"""The Textual app: wiring only. Screens post commands; the session runner hands them to the
controller, stores what it decides, and gives back one ViewState, which the app hands to every
screen on the stack. The reset and the summary are on screen exactly while the state has them.

Data flows one way: key -> Do(command) -> controller -> store (durable) -> ViewState -> widgets."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import random
import shutil
import signal
import sys
import termios
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, NoReturn

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from companion.context import Context
from companion.core.outcomes import Outcome
from companion.errors import CompanionError, reason
from companion.session.commands import LogOutcome, Quit, Say, Tick
from companion.session.controller import Effect, SessionController
from companion.session.runner import SessionRunner
from companion.session.state import ViewState
from companion.themes import ThemeSpec
from companion.tui import styles
from companion.tui.collector import QuietCollector
from companion.tui.look import Look
from companion.tui.messages import Do, ExportToday, OpenHistory, OpenResume, OpenReview, OpenWins
from companion.tui.outcome_keys import CALL_BINDINGS, CALL_IDS, key_words, screen_keys
from companion.tui.screens.live import LiveScreen
from companion.tui.screens.session import WIDE as WIDE_SIZE
from companion.tui.screens.session import SessionScreen
from companion.tui.styles import read_styles
from companion.tui.terminal import terminal_alive, watched_fd
from companion.tui.text import QUIT_HELP, shown_key
from companion.tui.textual_seams import use_theme_before_start

if TYPE_CHECKING:
    from companion.core.insights import PastFigures

POLL_S = 0.5  # a call logged elsewhere shows within a second
TICK_S = 0.25  # the block clock shows seconds; countdowns, fading lines and midnight follow it
TERMINAL_CHECK_S = 0.5  # a cheap look (tcgetattr); a closed window is noticed quickly
# The window closed (SIGHUP), `kill` (SIGTERM), `kill -INT` or ctrl+c sent from outside
# (SIGINT; in the app ctrl+c is a key): each ends the app as ctrl+q does.
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
# A second signal while the app ends gives it this long more, then ends the process: a closed
# window often sends two hangups at once (the shell passes its own on, then the kernel's comes),
# and the first one's quit is usually done well within it. A third ends it at once.
SECOND_SIGNAL_GRACE_S = 2.0
# Ended by a signal or a lost terminal, once everything is stored: the process ends within this
# even if Textual's goodbye to the terminal cannot be written (a window that is gone can leave
# its writer waiting for good; seen with a note box open when tmux went away).
GONE_AFTER_STORED_S = 3.0
# Until the first frame is drawn, a thread waiting for the GIL gets it within this (Python's
# default is 5 ms): Textual's writer thread, handed the first frame, waited a whole default
# interval while the event loop went on with the start, and the counters reached the terminal
# that much later (median 5.6 ms -> 0.4 ms from handing over to writing, on a 60x24 pty).
FIRST_FRAME_SWITCH_S = 0.0002


def to_theme(spec: ThemeSpec) -> Theme:
    c = spec.colors.get
    return Theme(
        name=spec.name,
        primary=spec.colors["primary"],
        secondary=c("secondary"),
        accent=c("accent"),
        foreground=c("foreground"),
        background=c("background"),
        surface=c("surface"),
        panel=c("panel"),
        boost=c("boost"),
        success=c("success"),
        warning=c("warning"),
        error=c("error"),
        dark=spec.dark,
        variables=spec.variables,
    )


def first_frame_styles(look: Look) -> list[Path]:
    """What the first frame needs read with app.tcss: plain mode's rules, and the wide layout
    when the terminal is wide already (else it is read after the first frame)."""
    found = [styles.PLAIN] if look.plain else []
    columns, lines = shutil.get_terminal_size((0, 0))
    if columns >= WIDE_SIZE[0] and lines >= WIDE_SIZE[1]:
        found.append(styles.WIDE)
    return found


class CompanionApp(App[int]):
    TITLE = "Companion"
    BINDINGS = [*CALL_BINDINGS]  # on every screen: a call can end whatever is in front

    def __init__(
        self,
        ctx: Context,
        *,
        rng: random.Random | None = None,
        poll_s: float | None = POLL_S,
        tick_s: float = TICK_S,
        warm: bool = True,
    ) -> None:
        """`poll_s=None` leaves polling to the caller (tests call `runner.poll()` themselves);
        `warm=False` leaves each screen's modules and styles to its first opening."""
        look = Look(plain=ctx.config.plain, still=ctx.config.motion == "reduced")
        super().__init__(css_path=[styles.APP, *first_frame_styles(look)])
        self.ctx = ctx
        self.keys_in_force: dict[str, str] = dict(ctx.config.keys)  # [keys], checked at start
        self._poll_s = poll_s
        self._tick_s = tick_s
        controller = SessionController(ctx.config, ctx.tz, rng)
        self.runner = SessionRunner(
            ctx, controller, publish=self._publish, effect=self._effect, failed=self._failed
        )
        self.runner.wait_for_first_frame()
        self.state = controller.state(ctx.clock.now())
        for spec in ctx.themes.themes.values():
            self.register_theme(to_theme(spec))
        use_theme_before_start(self, ctx.config.theme)
        self.look = look
        self.set_class(self.look.plain, "-plain", update=False)  # for the stylesheets: no box lines
        if self.look.still:
            self.animation_level = "none"  # no scroll or fade animates
        self._session = SessionScreen(self.state)
        self._leaving = False
        self._quitting = False  # ctrl+q's way out has begun: what is typed is on its way
        self._ended_by: int | None = None  # the signal that ends the app, once one came
        self._hurried: threading.Timer | None = None  # a second signal's deadline
        self._terminal_gone = False  # the terminal went away: nothing can be drawn any more
        self._gone: threading.Timer | None = None  # the last word once stored (_gone_soon)
        self._loop_running: asyncio.AbstractEventLoop | None = None  # set at the first frame
        self._terminal_before: tuple[int, list[Any]] | None = None  # its mode before the app
        self._switch_before: float | None = None  # the GIL's switch interval, until the first frame
        self._collector = QuietCollector()
        self._warm = warm

    def get_default_screen(self) -> SessionScreen:
        """The session screen is the first and only base screen: nothing modal on start."""
        return self._session

    def open_day_now(self) -> None:
        """Before `run`: read the day now, so the first frame shows today's counters (see
        SessionRunner.open_now). Without it the day opens just after the first frame."""
        if self.runner.open_now():
            self.state = self.runner.controller.state(self.ctx.clock.now())
            self._session.show(self.state)

    def on_mount(self) -> None:
        if self.look.still:  # reduced motion: the palette's cursor does not blink either
            self.screen_change_signal.subscribe(self, self._steady_cursors)
        if self.keys_in_force:
            self.set_keymap(self.keys_in_force)  # checked before the app was made (tui.keymap)
        self.call_after_refresh(self._keep_what_lasts)
        self.runner.start()
        # Time passes whatever screen is on top (help, history, the palette): the app keeps the
        # session's clock; the reset's screen asks for more frames only to animate.
        self.set_interval(self._tick_s, self._tick)
        if self.ctx.themes.failures:
            self.runner.send(Say(" · ".join(self.ctx.themes.failures), error=True))
        if self._poll_s is not None:
            self.set_interval(self._poll_s, self.runner.poll)
        if not self.is_headless and (fd := watched_fd()) is not None:
            self.set_interval(TERMINAL_CHECK_S, lambda: self._check_terminal(fd))

    def _steady_cursors(self, screen: Screen[object]) -> None:
        from textual.widgets import Input

        def steady() -> None:
            for box in screen.query(Input):
                box.cursor_blink = False

        self.call_after_refresh(steady)

    async def on_unmount(self) -> None:
        self._leaving = True
        try:
            await self.runner.stop()  # keys already pressed are stored before it lets go
        finally:
            self._collector.release()  # the process may go on (tests, a host app)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._collector.key(monotonic())
        await super().on_event(event)

    def _tick(self) -> None:
        self.runner.send(Tick())
        self._collector.tick(monotonic())

    def _keep_what_lasts(self) -> None:
        """After the first frame: what the start built lives all session (Textual's widgets,
        the first screen, today's calls, the other screens' code and styles), so it is kept
        out of the collector's full sweeps, which from now on wait for a pause in the keys
        (companion.tui.collector). The entry point turned the collector off for the start."""
        self._loop_running = asyncio.get_running_loop()  # a signal's quit can run from now on
        self._usual_switching()
        if self._ended_by is not None:  # one came while the app was opening
            self.call_later(self.action_quit)
        if self._warm:
            self._warm_up()
        self._collector.hold()
        self.runner.first_frame_drawn()  # now the rest of the session's weeks, and what came before

    def _warm_up(self) -> None:
        """Load now, while nobody waits, what the first reset, summary, history and help would
        load when asked for: their modules and their styles. Each screen's styles read on its
        first opening made Textual parse every stylesheet again and restyle every widget, a
        stall of 15-20 ms on the key that opened it; here it is one parse, after the first
        frame. (Kept out of the start, the first frame does not wait for it.)"""
        import textual.scrollbar  # noqa: F401  (the history's first scroll bar)

        import companion.core.reframes  # with the next: the controller's rules for a no
        import companion.core.week  # (the reset's and the summary's week)
        import companion.session.ritual  # noqa: F401
        from companion.tui.screens.help import HelpScreen
        from companion.tui.screens.history import HistoryScreen
        from companion.tui.screens.review import ReviewScreen
        from companion.tui.screens.ritual import RitualScreen
        from companion.tui.screens.summary import SummaryScreen
        from companion.tui.widgets import back_to_dial, block_chart  # noqa: F401  (a wide session's)

        screens = (RitualScreen, SummaryScreen, HistoryScreen, HelpScreen, ReviewScreen)
        paths = [Path(inspect.getfile(screen)).parent / str(screen.CSS_PATH) for screen in screens]
        read_styles(self, [*paths, styles.WIDE])  # (the wide layout: for a resize later on)

    def _check_terminal(self, fd: int) -> None:
        """With no terminal left, close quietly as ctrl+q does (what is typed is kept). (The quit
        runs in the app's own turn, as a key's would: not in this timer's.)"""
        if not terminal_alive(fd) and not self._quitting:
            self._terminal_gone = True
            self.call_later(self.action_quit)

    # -- signals -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def ending_on_signals(self) -> Iterator[None]:
        """While the app runs (the start path, main thread): SIGHUP, SIGTERM and SIGINT end it
        as ctrl+q does, with 128 + the signal's number as its exit status. A second signal while
        that is under way ends the process soon after (SECOND_SIGNAL_GRACE_S), a third at once:
        what was stored is on disk (the store holds a kill at any moment), and the terminal gets
        back the mode it had. Until the first frame, threads take turns at the GIL sooner
        (FIRST_FRAME_SWITCH_S), so that frame reaches the terminal as soon as it is drawn."""
        with contextlib.suppress(OSError, termios.error):
            if os.isatty(fd := sys.__stdin__.fileno() if sys.__stdin__ is not None else 0):
                self._terminal_before = (fd, termios.tcgetattr(fd))
        before = {number: signal.signal(number, self._signalled) for number in ENDING_SIGNALS}
        self._switch_before = sys.getswitchinterval()
        sys.setswitchinterval(FIRST_FRAME_SWITCH_S)  # (until the first frame: _keep_what_lasts)
        try:
            yield
        finally:
            self._usual_switching()
            for number, handler in before.items():
                signal.signal(number, handler)
            for timer in (self._hurried, self._gone):
                if timer is not None:
                    timer.cancel()  # the app ended its own way: the process goes on (a test's)

    def _usual_switching(self) -> None:
        if self._switch_before is not None:
            sys.setswitchinterval(self._switch_before)
            self._switch_before = None

    def _signalled(self, number: int, _frame: object) -> None:
        """In the main thread, between two steps of whatever it was doing: only hand the quit to
        the event loop (or to the first frame, when the app is not up yet)."""
        if self._hurried is not None:
            self._end_now(number)
        if self._ended_by is not None:
            self._hurried = threading.Timer(SECOND_SIGNAL_GRACE_S, self._end_now, (number,))
            self._hurried.daemon = True
            self._hurried.start()
            return
        self._ended_by = number
        loop = self._loop_running
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._quit_on_signal)

    def _quit_on_signal(self) -> None:
        if not self._leaving and self.is_running:
            self.call_later(self.action_quit)

    def _end_now(self, number: int) -> NoReturn:
        self._end_with(128 + number)

    def _end_with(self, code: int) -> NoReturn:
        if self._terminal_before is not None:
            fd, mode = self._terminal_before
            with contextlib.suppress(OSError, termios.error):
                termios.tcsetattr(fd, termios.TCSANOW, mode)
        os._exit(code)

    def _gone_soon(self) -> None:
        """Everything is stored: if the app's own way out stalls on a terminal that is gone,
        the process still ends (GONE_AFTER_STORED_S), with the code it would have had."""
        self._gone = threading.Timer(GONE_AFTER_STORED_S, self._end_with, (self._exit_code(),))
        self._gone.daemon = True
        self._gone.start()

    def _exit_code(self) -> int:
        return 0 if self._ended_by is None else 128 + self._ended_by

    # -- the state, down to the screens ----------------------------------------------------

    def _publish(self, state: ViewState) -> None:
        if self._leaving or not self.is_running:
            return
        self.state = state
        self._stack_screens(state)
        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen):
                screen.show(state)

    def _stack_screens(self, state: ViewState) -> None:
        """Put the reset and the summary on screen while the state has them, and take them
        (with anything opened over them, such as help) away when it no longer does. A reset
        that starts while the history, help or the palette is open takes their place: when
        it ends, the rep is back where calls are counted."""
        from companion.tui.screens.ritual import RitualScreen  # loads with the first no
        from companion.tui.screens.summary import SummaryScreen

        for kind, wanted in (
            (RitualScreen, state.ritual is not None),
            (SummaryScreen, state.summary is not None),
        ):
            shown = next((s for s in self.screen_stack if isinstance(s, kind)), None)
            if shown is not None and not wanted:
                if isinstance(shown, RitualScreen) and (story := shown.keep_story()) is not None:
                    self.runner.send(story)  # a story typed as the reset ended elsewhere is kept
                while shown in self.screen_stack:
                    self.pop_screen()
        if state.summary is not None and not any(isinstance(s, SummaryScreen) for s in self.screen_stack):
            self.push_screen(SummaryScreen(state, self._read_trend(state)))
        if state.ritual is not None and not any(isinstance(s, RitualScreen) for s in self.screen_stack):
            while not isinstance(self.screen, SessionScreen | SummaryScreen):
                self.pop_screen()
            self.push_screen(RitualScreen(state))

    def _read_trend(self, state: ViewState) -> Callable[[], PastFigures]:
        from companion.core.calendar import day_of
        from companion.session.reports import read_trend

        summary = state.summary
        assert summary is not None
        day = day_of(summary.block.started, self.ctx.tz)
        return lambda: read_trend(self.ctx, day)

    def _failed(self, error: BaseException) -> None:
        """A bug in the session: close with its traceback, as for any other, once the calls
        pressed before it are stored (the runner goes on with them)."""
        from rich.traceback import Traceback

        self._leaving = True
        self.panic(Traceback.from_exception(type(error), error, error.__traceback__))

    def _effect(self, effect: Effect) -> None:
        if self._leaving:
            return
        if effect is Effect.EXIT:
            self._leaving = True
            self.exit(return_code=self._exit_code())
        elif effect is Effect.BELL:
            self.bell()

    # -- messages up from the screens ------------------------------------------------------

    def on_do(self, message: Do) -> None:
        self.runner.send(message.command)

    def action_log(self, outcome: str) -> None:
        self._call(LogOutcome(Outcome(outcome)))

    def action_log_hard(self) -> None:
        self._call(LogOutcome(Outcome.NO, hard=True))

    def _call(self, command: LogOutcome) -> None:
        """A call key, whatever screen is in front; the controller decides what it does there
        (a reset's early steps hold it). The command is posted through the screen in front, as
        that screen's own keys are, so keys pressed together (`u m`, Enter at Dial then a call)
        reach the controller in the order they were pressed. A screen only read between calls
        (help) then closes."""
        screen = self.screen
        screen.post_message(Do(command))
        if getattr(screen, "CLOSES_ON_CALL", False):
            screen.dismiss()

    async def action_quit(self) -> None:
        """A reset cut short by quitting counts as interrupted; the block stays open. Keys
        pressed before are stored first: the quit waits its turn behind them, for a while
        at most (a stuck disk), then leaves anyway. What is typed in any box and not yet
        saved (a note, a story, a lesson, a win) is kept first, as Enter would keep it. A
        signal and a vanished terminal end the app this way too."""
        if self._quitting or self._leaving:
            return
        self._quitting = True
        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen):
                for command in screen.kept_on_leaving():
                    self.runner.send(command)
        self.runner.send(Quit())
        await self.runner.drained()
        if (self._ended_by is not None or self._terminal_gone) and self._terminal_before is not None:
            self._gone_soon()  # (a real terminal only: a test's app ends its own way)
        if not self._leaving:
            self._leaving = True
            self.exit(return_code=self._exit_code())

    @on(OpenHistory)
    def open_history(self) -> None:
        from companion.session.reports import read_history
        from companion.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.state, lambda today, days: read_history(self.ctx, today, days)))

    @on(OpenReview)
    def open_review(self) -> None:
        from companion.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.state))

    @on(OpenResume)
    def open_resume(self) -> None:
        from companion.session.past import read_resume_back
        from companion.tui.screens.past import ResumeScreen

        self.push_screen(ResumeScreen(self.state, lambda: read_resume_back(self.ctx, self.ctx.clock.now())))

    @on(OpenWins)
    def open_wins(self) -> None:
        from companion.session.past import read_wins
        from companion.tui.screens.past import WinsScreen

        self.push_screen(WinsScreen(self.state, lambda: read_wins(self.ctx)))

    @on(ExportToday)
    def export_today(self) -> None:
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        """Export today's calls and say where they went, shortly enough for a narrow screen."""
        from companion.paths import shown_path
        from companion.session.reports import save_day_csv

        today = self.state.day.today if self.state.day is not None else self.ctx.today()
        try:
            path = save_day_csv(self.ctx, today)
        except (OSError, ValueError, CompanionError) as error:
            self.call_from_thread(self.runner.send, Say(f"Export failed: {reason(error)}", error=True))
            return
        # The whole path, wrapped on a narrow screen (StatusLine): where it went is the point.
        self.call_from_thread(self.runner.send, Say(f"Saved {shown_path(path)}"))

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # our `?` lists every key with what it does
                continue
            if command.title == "Quit":
                command = SystemCommand("Quit (ctrl+q)", QUIT_HELP, command.callback)
            yield command
        for binding in screen_keys(screen):
            action, where = binding.action, (self if binding.id in CALL_IDS else screen)
            if where.check_action(action.split("(")[0], ()) is False:
                continue  # not now (Esc closing a warm-up that is not open): the footer's rule

            async def run(action: str = action, where: App[int] | Screen[object] = where) -> None:
                await self.run_action(action, where)

            key = shown_key(binding, self.keys_in_force)
            yield SystemCommand(f"{binding.description} ({key})", key_words(screen, binding), run)
        if isinstance(screen, SessionScreen):
            from companion.paths import shown_path

            what = f"save today's calls as CSV in {shown_path(self.ctx.paths.exports_dir)}"
            yield SystemCommand("Export today", what, self._export)
