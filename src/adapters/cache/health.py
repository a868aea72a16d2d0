"""Readiness probe for the cache."""

from __future__ import annotations

from integration_api.application.ports.cache import Cache
from integration_api.application.ports.health_check import HealthCheck


class CacheHealthCheck(HealthCheck):
    """Asks `cache.ping()`; False on any error, never raises."""

    name = "cache"

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    async def check(self) -> bool:
        try:
            return await self._cache.ping()
        except Exception:  # a probe answers a bool; the cause is the cache's own log's business
            return False
