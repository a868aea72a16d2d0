"""A Cache in Redis, shared by every instance; a Redis outage degrades to "no cache"."""

from __future__ import annotations

from redis.asyncio import Redis

from integration_api.adapters.cache.redis_guard import REDIS_FAILURES, RedisGuard, redis_client
from integration_api.application.ports.cache import Cache

MAX_PENDING_EVICTIONS = 10_000


class RedisCache(Cache):
    """Keys live under `prefix`. On a Redis error `get` answers a miss and `set` is
    skipped (logged once per outage); `ping` answers False. A `delete` that fails is
    retried once Redis answers again, so an evicted entry does not come back after an
    outage (entries also expire by their TTL)."""

    def __init__(
        self, url: str, prefix: str = "iapi:", *, timeout: float = 1.0, retry_after: float = 1.0
    ) -> None:
        self._client: Redis = redis_client(url, timeout=timeout)
        self._prefix = prefix
        self._guard = RedisGuard(retry_after=retry_after)
        self._unevicted: set[str] = set()

    async def get(self, key: str) -> bytes | None:
        if self._guard.skipping or not await self._evict_pending():
            return None
        try:
            value = await self._client.get(self._prefix + key)
        except REDIS_FAILURES as exc:
            self._guard.failed("get", exc)
            return None
        self._guard.succeeded()
        return value.encode() if isinstance(value, str) else value

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        if self._guard.skipping or not await self._evict_pending():
            return
        try:
            await self._client.set(self._prefix + key, value, px=max(1, int(ttl_seconds * 1000)))
        except REDIS_FAILURES as exc:
            self._guard.failed("set", exc)
            return
        self._guard.succeeded()

    async def delete(self, key: str) -> None:
        if len(self._unevicted) < MAX_PENDING_EVICTIONS:
            self._unevicted.add(self._prefix + key)
        if not self._guard.skipping:
            await self._evict_pending()

    async def ping(self) -> bool:
        try:
            await self._client.ping()
        except REDIS_FAILURES:
            return False
        self._guard.succeeded()
        return await self._evict_pending()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _evict_pending(self) -> bool:
        """Deletes every key whose eviction is outstanding; False if Redis failed."""
        if not self._unevicted:
            return True
        keys = list(self._unevicted)
        try:
            await self._client.delete(*keys)
        except REDIS_FAILURES as exc:
            self._guard.failed("delete", exc)
            return False
        self._unevicted.difference_update(keys)
        self._guard.succeeded()
        return True
