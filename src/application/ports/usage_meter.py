from __future__ import annotations

from typing import Protocol

from integration_api.domain.chat import Usage


class UsageMeter(Protocol):
    """Counts tokens and upstream calls per provider and operation; never blocks a request."""

    def record(
        self, *, provider: str, operation: str, outcome: str, usage: Usage | None
    ) -> None: ...
