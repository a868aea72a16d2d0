"""tools/services.sh starts real servers the adapters can use, and `pg-stop` / `pg-start`
turn database readiness red and green again (what the readiness tests rely on)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from integration_api.adapters.cache.redis_cache import RedisCache
from integration_api.adapters.persistence.database import create_database
from integration_api.adapters.persistence.health import DatabaseHealthCheck

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "services.sh"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def services(*args: str) -> str:
    done = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def private_services() -> Iterator[tuple[str, dict[str, str]]]:
    """Servers of our own (not the session's), since this module stops PostgreSQL."""
    if not (PG_BIN / "pg_ctl").exists() or shutil.which("redis-server") is None:
        message = "PostgreSQL 15 or redis-server is not installed"
        if os.environ.get("CI", "").lower() in {"true", "1"}:
            pytest.fail(message)
        pytest.skip(message)
    folder = tempfile.mkdtemp(prefix="iapi-services-")  # under /tmp: reachable by `postgres`
    try:
        exports = services("start", folder)
        urls = dict(
            line.removeprefix("export ").split("=", 1) for line in exports.splitlines() if line
        )
        yield folder, urls
    finally:
        services("stop", folder)
        shutil.rmtree(folder, ignore_errors=True)


def test_start_prints_one_export_per_server(private_services: tuple[str, dict[str, str]]):
    _, urls = private_services

    assert urls["INTEGRATION_API_TEST_POSTGRES_URL"].startswith("postgresql+asyncpg://postgres@")
    assert urls["INTEGRATION_API_TEST_REDIS_URL"].startswith("redis://127.0.0.1:")


async def test_redis_answers(private_services: tuple[str, dict[str, str]]):
    cache = RedisCache(private_services[1]["INTEGRATION_API_TEST_REDIS_URL"])
    try:
        assert await cache.ping() is True
    finally:
        await cache.aclose()


async def _healthy_within(check: DatabaseHealthCheck, expected: bool, seconds: float) -> bool:
    """Polls until `check` answers `expected`; a functional deadline, not a timing test."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await check.check() is expected:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_pg_stop_and_start_flip_database_health(
    private_services: tuple[str, dict[str, str]],
):
    folder, urls = private_services
    database = create_database(urls["INTEGRATION_API_TEST_POSTGRES_URL"])
    check = DatabaseHealthCheck(database, timeout=1.0)
    try:
        assert await check.check() is True

        await asyncio.to_thread(services, "pg-stop", folder)
        assert await _healthy_within(check, False, 5)

        await asyncio.to_thread(services, "pg-start", folder)
        assert await _healthy_within(check, True, 10)
    finally:
        await database.aclose()
