"""Cache contract: MemoryCache and RedisCache behave the same; Redis trouble degrades."""

from __future__ import annotations

import asyncio
import socket

from integration_api.adapters.cache.health import CacheHealthCheck
from integration_api.adapters.cache.memory_cache import MemoryCache
from integration_api.adapters.cache.redis_cache import RedisCache
from integration_api.application.ports.cache import Cache

BINARY = b"\x00\xff\x80ciphertext-row"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_set_then_get_returns_the_bytes(cache: Cache):
    await cache.set("row:1", BINARY, ttl_seconds=30)

    assert await cache.get("row:1") == BINARY


async def test_unknown_key_is_a_miss(cache: Cache):
    assert await cache.get("never-set") is None


async def test_set_overwrites(cache: Cache):
    await cache.set("k", b"one", ttl_seconds=30)
    await cache.set("k", b"two", ttl_seconds=30)

    assert await cache.get("k") == b"two"


async def test_delete_evicts(cache: Cache):
    await cache.set("k", b"v", ttl_seconds=30)

    await cache.delete("k")
    await cache.delete("k")  # deleting a missing key is fine

    assert await cache.get("k") is None


async def test_entries_expire_after_their_ttl(cache: Cache):
    await cache.set("short", b"v", ttl_seconds=0.1)
    await cache.set("long", b"v", ttl_seconds=30)

    await asyncio.sleep(0.3)

    assert await cache.get("short") is None
    assert await cache.get("long") == b"v"


async def test_ping_and_health_check_answer_true(cache: Cache):
    assert await cache.ping() is True
    assert await CacheHealthCheck(cache).check() is True


async def test_memory_cache_stays_within_max_entries():
    cache = MemoryCache(max_entries=2)
    await cache.set("a", b"1", ttl_seconds=30)
    await cache.set("b", b"2", ttl_seconds=30)
    await cache.get("a")  # "a" is now the most recently used
    await cache.set("c", b"3", ttl_seconds=30)

    assert await cache.get("b") is None
    assert await cache.get("a") == b"1"
    assert await cache.get("c") == b"3"


async def test_redis_prefixes_keep_caches_apart(flushed_redis_url: str):
    first = RedisCache(flushed_redis_url, prefix="one:")
    second = RedisCache(flushed_redis_url, prefix="two:")
    try:
        await first.set("k", b"first", ttl_seconds=30)
        assert await second.get("k") is None
        assert await first.get("k") == b"first"
    finally:
        await first.aclose()
        await second.aclose()


async def test_two_instances_on_one_redis_share_evictions(flushed_redis_url: str):
    writer = RedisCache(flushed_redis_url)
    reader = RedisCache(flushed_redis_url)
    try:
        await writer.set("cred:1", b"row", ttl_seconds=30)
        assert await reader.get("cred:1") == b"row"
        await writer.delete("cred:1")
        assert await reader.get("cred:1") is None
    finally:
        await writer.aclose()
        await reader.aclose()


async def test_redis_down_degrades_to_no_cache():
    # retry_after=0: every call really tries Redis, none is skipped by the outage memory.
    cache = RedisCache(f"redis://127.0.0.1:{closed_port()}/0", timeout=0.5, retry_after=0)
    try:
        await cache.set("k", b"v", ttl_seconds=30)
        await cache.delete("k")
        assert await cache.get("k") is None
        assert await cache.ping() is False
        assert await CacheHealthCheck(cache).check() is False
    finally:
        await cache.aclose()
