from __future__ import annotations

import asyncio
from collections.abc import Sequence

import msgspec

from integration_api.application.ports.health_check import HealthCheck


class Readiness(msgspec.Struct, frozen=True, kw_only=True):
    ready: bool
    components: dict[str, str]  # name -> "ok" | "failing"


class CheckReadiness:
    """Asks every dependency at once; ready only when all answer within the timeout."""

    def __init__(self, checks: Sequence[HealthCheck], *, timeout: float = 1.0) -> None:
        self._checks = tuple(checks)
        self._timeout = timeout

    async def __call__(self) -> Readiness:
        results = await asyncio.gather(*(self._one(c) for c in self._checks))
        pairs = zip(self._checks, results, strict=True)
        components = {c.name: "ok" if ok else "failing" for c, ok in pairs}
        return Readiness(ready=all(results), components=components)

    async def _one(self, check: HealthCheck) -> bool:
        try:
            return await asyncio.wait_for(check.check(), self._timeout)
        except Exception:  # a probe that raises or hangs counts as failing, never as a 500
            return False
