"""The outcome keys (n m b f g v a) as bindings, for every screen a call can be logged from. A
call may end while any screen is in front: its key logs it, never silently nothing."""

from __future__ import annotations

from textual.binding import Binding

from companion.core.outcomes import Outcome


def outcome_bindings() -> list[Binding]:
    """A binding per outcome, running `log`, none in the footer (the session screen shows them
    all in its legend). `N` logs a hard no, which opens the long reset."""
    return [
        *(
            Binding(o.key, f"log('{o.value}')", o.value.replace("-", " ").capitalize(), show=False, id=_id(o))
            for o in Outcome
        ),
        Binding("N", "log_hard", "Hard no", show=False, id=HARD_NO),
    ]


HARD_NO = "hard-no"


def in_legend_order(bindings: list[Binding]) -> list[Binding]:
    """No and hard no first, then the other outcomes as the Outcome enum has them: the order
    of the session screen's legend and of `?`."""
    return sorted(bindings, key=lambda b: b.id not in ("no", HARD_NO))


def outcome_help(what: str) -> dict[str, str]:
    """The same words for every outcome key, in a screen's KEY_HELP."""
    return {**{_id(o): what for o in Outcome}, HARD_NO: HARD_NO_HELP}


HARD_NO_HELP = "landed hard: the long reset"


def _id(outcome: Outcome) -> str:
    return outcome.value  # the binding id: [keys] no = "j"
