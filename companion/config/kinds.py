"""The kinds of value config.toml holds. Each reads a value from the file, refusing a wrong one
in one line that names the key and what is valid, and writes a value as TOML, for the commented
file a fresh home gets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, TypeGuard, TypeVar

from companion.core.calendar import zone
from companion.core.outcomes import VALID_NAMES, Outcome, OwnWordError, own_words, quoted
from companion.core.tags import has_control

T = TypeVar("T")


class SettingError(ValueError):
    """A value config.toml cannot take; the message names the key and what is valid."""


class Outside:
    """What a check may ask beyond the file: the theme names (None: any theme name goes)."""

    __slots__ = ("theme_names",)

    def __init__(self, theme_names: Callable[[], list[str]] | None = None) -> None:
        self.theme_names = theme_names


class Kind(Generic[T]):
    """One kind of value. `name` is where it sits, as messages say it: "[ritual] breath".
    (Plain classes, not dataclasses: each dataclass costs `companion log` start-up time.)"""

    __slots__ = ()
    # Its check asks outside the file (the zone database, the themes folder): such values are
    # checked before the rest, and a default is checked too, since the world may not have it.
    asks_outside: ClassVar[bool] = False

    def read(self, value: object, name: str, outside: Outside) -> T:
        raise NotImplementedError

    def toml(self, value: T) -> str:
        raise NotImplementedError


class Count(Kind[int]):
    __slots__ = ("maximum", "minimum")

    def __init__(self, minimum: int = 0, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def read(self, value: object, name: str, outside: Outside) -> int:
        most = self.maximum
        whole = isinstance(value, int) and not isinstance(value, bool)
        if isinstance(value, int) and whole and self.minimum <= value and (most is None or value <= most):
            return value
        valid = f">= {self.minimum}" if most is None else f"from {self.minimum} to {most}"
        raise SettingError(f"{name} must be a whole number {valid} (got {value!r})")

    def toml(self, value: int) -> str:
        return str(value)


class Seconds(Kind[float]):
    __slots__ = ("least", "most")

    def __init__(self, least: float = 0, most: float = 600) -> None:
        self.least, self.most = least, most

    def read(self, value: object, name: str, outside: Outside) -> float:
        if not _number(value) or not self.least <= value <= self.most:
            raise SettingError(
                f"{name} must be a number of seconds from {self.least:g} to {self.most:g} (got {value!r})"
            )
        return float(value)

    def toml(self, value: float) -> str:
        return _toml_number(value)


class Flag(Kind[bool]):
    __slots__ = ()

    def read(self, value: object, name: str, outside: Outside) -> bool:
        if not isinstance(value, bool):
            raise SettingError(f"{name} must be true or false (got {value!r})")
        return value

    def toml(self, value: bool) -> str:
        return "true" if value else "false"


class Choice(Kind[str]):
    __slots__ = ("valid",)

    def __init__(self, valid: tuple[str, ...]) -> None:
        self.valid = valid

    def read(self, value: object, name: str, outside: Outside) -> str:
        if value not in self.valid:
            raise SettingError(f"{name} must be one of {', '.join(map(repr, self.valid))} (got {value!r})")
        return str(value)

    def toml(self, value: str) -> str:
        return toml_string(value)


class ThemeName(Kind[str]):
    __slots__ = ()
    asks_outside = True

    def read(self, value: object, name: str, outside: Outside) -> str:
        if not isinstance(value, str):
            raise SettingError(f"{name} must be text")
        if outside.theme_names is not None and value not in (names := outside.theme_names()):
            raise SettingError(f'{name}: unknown theme "{value}"; valid themes: {", ".join(names)}')
        return value

    def toml(self, value: str) -> str:
        return toml_string(value)


class ZoneName(Kind[str]):
    __slots__ = ()
    asks_outside = True

    def read(self, value: object, name: str, outside: Outside) -> str:
        if not isinstance(value, str):
            raise SettingError(f'{name} must be text such as "Europe/Berlin"')
        try:
            zone(value)
        except ValueError:
            raise SettingError(
                f'{name}: unknown time zone "{value}"; '
                'use an IANA name such as "Europe/Berlin" or "America/New_York"'
            ) from None
        return value

    def toml(self, value: str) -> str:
        return toml_string(value)


class Breath(Kind[tuple[float, float]]):
    """Seconds in and seconds out."""

    __slots__ = ()

    def read(self, value: object, name: str, outside: Outside) -> tuple[float, float]:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(_number(v) and 0.5 <= v <= 20 for v in value)
        ):
            raise SettingError(
                f"{name} must be seconds in and out, each from 0.5 to 20, such as [4, 6] (got {value!r})"
            )
        return float(value[0]), float(value[1])

    def toml(self, value: tuple[float, float]) -> str:
        return _toml_list(_toml_number(v) for v in value)


class Outcomes(Kind[frozenset[Outcome]]):
    __slots__ = ()

    def read(self, value: object, name: str, outside: Outside) -> frozenset[Outcome]:
        if not isinstance(value, list):
            raise SettingError(f'{name} must be a list such as ["no"] (got {value!r})')
        chosen = set()
        for item in value:
            if not isinstance(item, str) or item not in VALID_NAMES:
                valid = ", ".join(VALID_NAMES)
                raise SettingError(f"{name}: unknown outcome {item!r}; valid outcomes: {valid}")
            chosen.add(Outcome(item))
        return frozenset(chosen)

    def toml(self, value: frozenset[Outcome]) -> str:
        return _toml_list(toml_string(o.value) for o in sorted(value))


class Command(Kind[str]):
    """A shell command, run as it is written."""

    __slots__ = ("longest",)

    def __init__(self, longest: int = 2000) -> None:
        self.longest = longest

    def read(self, value: object, name: str, outside: Outside) -> str:
        if not isinstance(value, str) or len(value) > self.longest or has_control(value):
            such = '"tee -a ~/calls.jsonl"'
            raise SettingError(f"{name} must be a shell command such as {such} (got {value!r})")
        return value

    def toml(self, value: str) -> str:
        return toml_string(value)


class KeyMap(Kind[tuple[tuple[str, str], ...]]):
    """A whole table of binding id -> key(s). The ids and keys are the app's to check
    (companion.tui.keymap); here only that each is short text."""

    __slots__ = ()

    def read(self, value: object, name: str, outside: Outside) -> tuple[tuple[str, str], ...]:
        table: dict[str, Any] = value if isinstance(value, dict) else {}
        for binding_id, key in table.items():
            if not isinstance(key, str) or not 0 < len(key) <= 40 or has_control(key):
                raise SettingError(f'{name} {binding_id} must be a key such as "j" or "ctrl+j" (got {key!r})')
        return tuple(table.items())


class Dispositions(Kind[tuple[tuple[str, Outcome], ...]]):
    """A whole table of a dialer's own word -> one of our outcomes, for `companion log` and an
    import alike (the checks are the core's own_words, as --map's are)."""

    __slots__ = ()

    def read(self, value: object, name: str, outside: Outside) -> tuple[tuple[str, Outcome], ...]:
        table: dict[str, Any] = value if isinstance(value, dict) else {}
        try:
            return own_words(table.items())
        except OwnWordError as error:
            where = name if error.word is None else f"{name} {quoted(error.word)}"
            raise SettingError(f"{where} {error}") from None

    def toml(self, value: tuple[tuple[str, Outcome], ...]) -> str:
        return "".join(f"{toml_string(word)} = {toml_string(outcome.value)}\n" for word, outcome in value)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string."""
    return '"' + "".join(_ESCAPED.get(c, c) for c in text) + '"'


_ESCAPED = {
    '"': '\\"',
    "\\": "\\\\",
    **{chr(c): f"\\u{c:04x}" for c in (*range(0x20), 0x7F) if c != 0x09},
}


def _number(value: object) -> TypeGuard[int | float]:
    return not isinstance(value, bool) and isinstance(value, int | float)


def _toml_number(value: float) -> str:
    short = f"{value:g}"  # 10, not 10.0; an integer reads back as the same number of seconds
    return short if float(short) == value else repr(value)


def _toml_list(items: Iterable[str]) -> str:
    return f"[{', '.join(items)}]"
