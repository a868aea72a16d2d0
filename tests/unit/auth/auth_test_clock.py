"""A clock the auth tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from integration_api.application.ports.clock import Clock


class SteppingClock(Clock):
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.current = datetime(2030, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
