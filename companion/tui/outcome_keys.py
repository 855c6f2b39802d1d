"""The call keys (n N m b f g v a), bound once, on the app: a call may end while any screen is
in front (help, history, a summary, a review, the resume, wins, the reset), and its key logs it,
never silently nothing. Each binding carries its own words (`tooltip`), which `?` and the
command palette read; a screen where every call key does the same says so once (`CALLS_HELP`)."""

from __future__ import annotations

from textual.binding import Binding

from companion.core.outcomes import Outcome

CALLS = "Log a call"  # their title in `?`
HARD_NO = "hard-no"  # the hard no's binding id: [keys] hard-no = "J"
HARD_NO_HELP = "landed hard: the long reset"

# One line each in `?` at 60 columns (34 characters at most; the README says more).
_SAYS = {
    Outcome.NO: "a rejection: starts the reset",
    Outcome.MEETING: "a yes: meeting booked",
    Outcome.CALLBACK: "follow-up agreed",
    Outcome.NOT_FIT: "wrong person or no need: no reset",
    Outcome.GATEKEEPER: "stopped before the decision-maker",
    Outcome.VOICEMAIL: "left a voicemail",
    Outcome.NO_ANSWER: "nobody picked up",
}

# A binding per outcome, running the app's `log`, none in the footer (the session screen shows
# them all in its legend); `N` logs a hard no, which opens the long reset. The binding id is
# the outcome's own word: [keys] no = "j".
CALL_BINDINGS: tuple[Binding, ...] = (
    *(
        Binding(
            o.key,
            f"log('{o.value}')",
            o.value.replace("-", " ").capitalize(),
            show=False,
            id=o.value,
            tooltip=_SAYS[o],
        )
        for o in Outcome
    ),
    Binding("N", "log_hard", "Hard no", show=False, id=HARD_NO, tooltip=HARD_NO_HELP),
)
CALL_IDS = frozenset(b.id for b in CALL_BINDINGS)


def in_legend_order(bindings: list[Binding] | tuple[Binding, ...]) -> list[Binding]:
    """No and hard no first, then the other outcomes as the Outcome enum has them: the order
    of the session screen's legend and of `?`."""
    return sorted(bindings, key=lambda b: b.id not in ("no", HARD_NO))


def screen_keys(screen: object) -> list[Binding]:
    """Every key that works on `screen`: its own bindings and the app's call keys, in the order
    `?` and the command palette list them (the calls first where the screen says so: the
    session screen, whose legend they are)."""
    own = [b for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding)]
    calls = list(CALL_BINDINGS)
    return [*calls, *own] if getattr(screen, "CALLS_FIRST", False) else [*own, *calls]


def key_words(screen: object, binding: Binding) -> str:
    """What `binding` does on `screen`: its own words, or the screen's one phrase for every call
    key (`CALLS_HELP`; the hard no keeps its own, it opens the long reset everywhere)."""
    here: str | None = getattr(screen, "CALLS_HELP", None)
    if here is not None and binding.id in CALL_IDS and binding.id != HARD_NO:
        return here
    return binding.tooltip
