from __future__ import annotations

from collections.abc import Awaitable, Callable

from integration_api.application.ports.health_check import HealthCheck


class ProbeHealthCheck(HealthCheck):
    """A readiness component backed by any adapter's own `ping` (database via its
    repository, cache, key source), so readiness follows whichever adapter is wired."""

    def __init__(self, name: str, probe: Callable[[], Awaitable[bool]]) -> None:
        self.name = name
        self._probe = probe

    async def check(self) -> bool:
        try:
            return await self._probe()
        except Exception:  # a failing dependency is "not ready", never an error
            return False
