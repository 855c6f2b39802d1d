"""Where time comes from. The app gets a SystemClock; tests get a FrozenClock they advance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that moves only when told to: for tests and snapshots."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._now = _plain_utc(start)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, with a negative number)."""
        self._now += timedelta(seconds=seconds)

    def set(self, moment: datetime) -> None:
        """Jump to `moment`."""
        self._now = _plain_utc(moment)


def _plain_utc(moment: datetime) -> datetime:
    """A stdlib UTC datetime, whatever datetime subclass (pendulum's) came in."""
    return datetime.fromtimestamp(moment.timestamp(), UTC)
