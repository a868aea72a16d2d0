"""RateLimiter contract: in-process and Redis fixed windows; Redis trouble fails open."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest

from integration_api.adapters.cache.memory_rate_limiter import MemoryRateLimiter
from integration_api.adapters.cache.redis_rate_limiter import RedisRateLimiter
from integration_api.application.ports.rate_limiter import RateLimiter

WINDOW = 3600  # one window for the whole test, whatever the wall clock says


@pytest.fixture
async def limiter(cache_backend: str | None) -> AsyncIterator[RateLimiter]:
    if cache_backend is None:
        yield MemoryRateLimiter()
        return
    shared = RedisRateLimiter(cache_backend)
    yield shared
    await shared.aclose()


async def test_allows_up_to_the_limit_then_refuses(limiter: RateLimiter):
    answers = [await limiter.allow("tenant-a", limit=3, window_seconds=WINDOW) for _ in range(5)]

    assert answers == [True, True, True, False, False]


async def test_keys_are_counted_apart(limiter: RateLimiter):
    for _ in range(2):
        await limiter.allow("tenant-a", limit=2, window_seconds=WINDOW)

    assert await limiter.allow("tenant-a", limit=2, window_seconds=WINDOW) is False
    assert await limiter.allow("tenant-b", limit=2, window_seconds=WINDOW) is True


async def test_a_new_window_starts_a_new_count():
    now = [1000.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    assert await limiter.allow("k", limit=1, window_seconds=10) is True
    assert await limiter.allow("k", limit=1, window_seconds=10) is False

    now[0] += 10

    assert await limiter.allow("k", limit=1, window_seconds=10) is True


async def test_redis_down_fails_open():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    limiter = RedisRateLimiter(f"redis://127.0.0.1:{port}/0", timeout=0.5)
    try:
        assert await limiter.allow("k", limit=0, window_seconds=WINDOW) is True
    finally:
        await limiter.aclose()
