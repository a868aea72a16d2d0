from __future__ import annotations

from typing import Protocol


class HealthCheck(Protocol):
    """One dependency readiness depends on; `check` answers within its own timeout."""

    name: str

    async def check(self) -> bool: ...
