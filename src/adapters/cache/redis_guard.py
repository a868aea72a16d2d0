"""Shared Redis plumbing: one client per URL and "degrade, don't fail" error handling."""

from __future__ import annotations

import logging
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger("integration_api.adapters.cache")

# Errors that mean "Redis is not answering properly"; anything else is a bug and propagates.
REDIS_FAILURES: tuple[type[BaseException], ...] = (RedisError, OSError, TimeoutError)


def redis_client(url: str, *, timeout: float) -> Redis:
    return Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)


class RedisGuard:
    """Remembers an outage for `retry_after` seconds so callers skip Redis instead of
    waiting on a timeout per request, and logs each outage once, not per call."""

    def __init__(self, *, retry_after: float = 1.0) -> None:
        self._retry_after = retry_after
        self._down_until = 0.0
        self._down = False

    @property
    def skipping(self) -> bool:
        return time.monotonic() < self._down_until

    def failed(self, operation: str, exc: BaseException) -> None:
        self._down_until = time.monotonic() + self._retry_after
        if not self._down:
            self._down = True
            logger.warning("redis %s failed (%s); continuing without it", operation, exc)

    def succeeded(self) -> None:
        if self._down:
            self._down = False
            logger.info("redis answers again")
