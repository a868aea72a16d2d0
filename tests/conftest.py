"""Root fixtures: real PostgreSQL and Redis (started by tools/services.sh), SQLite files,
and backend-parametrized databases and caches that every suite may use.

Servers come from INTEGRATION_API_TEST_POSTGRES_URL / INTEGRATION_API_TEST_REDIS_URL.
Locally a missing variable skips the test with a reason; under CI=true it fails, so CI
can never go green by skipping the integration tests.

Subfolders add their own conftest.py; keep this one to shared infrastructure.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest
import redis
from sqlalchemy.engine import make_url

from integration_api.adapters.cache.memory_cache import MemoryCache
from integration_api.adapters.cache.redis_cache import RedisCache
from integration_api.adapters.persistence.database import Database, create_database
from integration_api.adapters.persistence.migrate import run_migrations
from integration_api.application.ports.cache import Cache

POSTGRES_ENV = "INTEGRATION_API_TEST_POSTGRES_URL"
REDIS_ENV = "INTEGRATION_API_TEST_REDIS_URL"
SERVICES_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "services.sh"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1"}


def server_url(variable: str) -> str:
    """The URL in `variable`, or skip (locally) / fail (CI) naming how to get one."""
    url = os.environ.get(variable, "")
    if not url:
        message = f"{variable} not set; run via make test / tools/services.sh"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return url


def pytest_report_header() -> list[str]:
    def state(variable: str) -> str:
        return "configured" if os.environ.get(variable) else "not set (tests needing it skip)"

    return [f"postgres: {state(POSTGRES_ENV)}; redis: {state(REDIS_ENV)}"]


# --- PostgreSQL -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The server's `postgres` database (postgresql+asyncpg://...); create databases in it."""
    return server_url(POSTGRES_ENV)


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _admin(admin_url: str, statement: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn(admin_url), timeout=10)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh, empty, uniquely named database for one test; dropped afterwards.

    Synchronous (its own short event loop) so parametrized fixtures can pick it with
    `request.getfixturevalue`."""
    name = f"t_{uuid.uuid4().hex[:20]}"
    asyncio.run(_admin(postgres_admin_url, f'CREATE DATABASE "{name}"'))
    yield make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(postgres_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# --- SQLite and "either database" -----------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in the test's tmp_path (not created until first connect)."""
    return f"sqlite+aiosqlite:///{tmp_path}/integration-api.db"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL, once per backend: SQLite file and a fresh PostgreSQL database."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def migrated_database_url(database_url: str) -> str:
    """`database_url` with the schema at alembic head."""
    run_migrations(database_url)
    return database_url


@pytest.fixture
async def database(migrated_database_url: str) -> AsyncIterator[Database]:
    """A migrated Database (engine + sessions) per backend, closed after the test."""
    db = create_database(migrated_database_url)
    yield db
    await db.aclose()


# --- Redis and "either cache" ---------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The test Redis (redis://127.0.0.1:PORT/0). Use `flushed_redis_url` for a clean db."""
    return server_url(REDIS_ENV)


@pytest.fixture
def flushed_redis_url(redis_url: str) -> str:
    """`redis_url` after FLUSHDB, so each test starts from an empty Redis database."""
    client = redis.Redis.from_url(redis_url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()
    return redis_url


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def cache_backend(request: pytest.FixtureRequest) -> str | None:
    """None for the in-process cache, or a flushed Redis URL."""
    if request.param == "memory":
        return None
    url: str = request.getfixturevalue("flushed_redis_url")
    return url


@pytest.fixture
async def cache(cache_backend: str | None) -> AsyncIterator[Cache]:
    """A Cache per backend: MemoryCache and RedisCache (on a flushed Redis)."""
    if cache_backend is None:
        memory = MemoryCache(max_entries=1000)
        yield memory
        await memory.aclose()
        return
    shared = RedisCache(cache_backend, prefix=f"test-{uuid.uuid4().hex[:8]}:")
    yield shared
    await shared.aclose()


# --- Private servers, for tests that stop them ----------------------------------------------


def run_services_script(*args: str) -> str:
    """Runs tools/services.sh; returns its stdout (the export lines for `start`)."""
    done = subprocess.run(
        [str(SERVICES_SCRIPT), *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


@dataclass(frozen=True)
class PrivateServices:
    """A PostgreSQL and a Redis of one test module's own, started by tools/services.sh."""

    folder: str
    postgres_url: str  # the `postgres` database, postgresql+asyncpg://...
    redis_url: str

    def pg_stop(self) -> None:
        """Blocking; from async tests use `await asyncio.to_thread(services.pg_stop)`."""
        run_services_script("pg-stop", self.folder)

    def pg_start(self) -> None:
        """Starts PostgreSQL again on the same port, with the same data."""
        run_services_script("pg-start", self.folder)


@pytest.fixture(scope="module")
def private_services() -> Iterator[PrivateServices]:
    """Servers no other test shares, so a module may stop and restart them (readiness
    tests). About 1.5 s to start; skip locally / fail under CI when binaries are missing."""
    if not (PG_BIN / "pg_ctl").exists() or shutil.which("redis-server") is None:
        message = "PostgreSQL 15 (/usr/lib/postgresql/15/bin) or redis-server is not installed"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    folder = tempfile.mkdtemp(prefix="iapi-services-")  # under /tmp: reachable by `postgres`
    try:
        lines = run_services_script("start", folder).splitlines()
        urls = dict(line.removeprefix("export ").split("=", 1) for line in lines if line)
        yield PrivateServices(
            folder=folder, postgres_url=urls[POSTGRES_ENV], redis_url=urls[REDIS_ENV]
        )
    finally:
        run_services_script("stop", folder)
        shutil.rmtree(folder, ignore_errors=True)
