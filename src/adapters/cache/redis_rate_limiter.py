"""A fixed-window RateLimiter in Redis, shared by every instance."""

from __future__ import annotations

import time
from collections.abc import Callable

from redis.asyncio import Redis

from integration_api.adapters.cache.redis_guard import REDIS_FAILURES, RedisGuard, redis_client
from integration_api.application.ports.rate_limiter import RateLimiter


class RedisRateLimiter(RateLimiter):
    """INCR on `prefix + key + window number`, expiring with the window. Fails open: while
    Redis is down every call is allowed (logged once per outage), so a cache outage never
    fails requests."""

    def __init__(
        self,
        url: str,
        prefix: str = "iapi:rl:",
        *,
        timeout: float = 1.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client: Redis = redis_client(url, timeout=timeout)
        self._prefix = prefix
        self._clock = clock
        self._guard = RedisGuard()

    async def allow(self, key: str, *, limit: int, window_seconds: int) -> bool:
        if self._guard.skipping:
            return True
        window = int(self._clock() // window_seconds)
        counter = f"{self._prefix}{key}:{window}"
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.incr(counter)
                pipe.expire(counter, window_seconds + 1)
                count, _ = await pipe.execute()
        except REDIS_FAILURES as exc:
            self._guard.failed("rate limit", exc)
            return True
        self._guard.succeeded()
        return int(count) <= limit

    async def aclose(self) -> None:
        await self._client.aclose()
