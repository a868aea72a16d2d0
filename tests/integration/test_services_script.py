"""tools/services.sh starts real servers the adapters can use, and `pg-stop` / `pg-start`
turn database readiness red and green again (what the readiness tests rely on)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from integration_api.adapters.cache.redis_cache import RedisCache
from integration_api.adapters.persistence.database import create_database
from integration_api.adapters.persistence.health import DatabaseHealthCheck

if TYPE_CHECKING:  # the root conftest's fixture type; pytest never imports conftest by name
    from conftest import PrivateServices


def test_start_exports_one_url_per_server(private_services: PrivateServices):
    assert private_services.postgres_url.startswith("postgresql+asyncpg://postgres@127.0.0.1:")
    assert private_services.redis_url.startswith("redis://127.0.0.1:")


async def test_redis_answers(private_services: PrivateServices):
    cache = RedisCache(private_services.redis_url)
    try:
        assert await cache.ping() is True
    finally:
        await cache.aclose()


async def _answers_within(check: DatabaseHealthCheck, expected: bool, seconds: float) -> bool:
    """Polls until `check` answers `expected`; a functional deadline, not a timing test."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await check.check() is expected:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_pg_stop_and_start_flip_database_health(private_services: PrivateServices):
    database = create_database(private_services.postgres_url)
    check = DatabaseHealthCheck(database, timeout=1.0)
    try:
        assert await check.check() is True

        await asyncio.to_thread(private_services.pg_stop)
        assert await _answers_within(check, False, 5)

        await asyncio.to_thread(private_services.pg_start)
        assert await _answers_within(check, True, 10)
    finally:
        await database.aclose()
