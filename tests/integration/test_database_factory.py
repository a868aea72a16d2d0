"""create_database: driver choice, SQLite folder creation and pragmas."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

from integration_api.adapters.persistence.credential_repository import SqlCredentialRepository
from integration_api.adapters.persistence.database import Database, async_url, create_database
from integration_api.adapters.persistence.errors import DatabaseUnavailable
from integration_api.adapters.persistence.health import DatabaseHealthCheck
from integration_api.domain.errors import IntegrationError
from integration_api.domain.tenancy import Tenant

TENANT = Tenant(organization_id="org", project_id="proj")


def test_plain_urls_get_the_async_drivers():
    assert async_url("sqlite:///x.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgresql+asyncpg://u@h/db").drivername == "postgresql+asyncpg"


async def test_sqlite_file_folder_is_created_with_wal_and_busy_timeout(tmp_path: Path):
    path = tmp_path / "nested" / "data" / "integration-api.db"
    database = create_database(f"sqlite:///{path}")
    try:
        async with database.engine.connect() as conn:
            journal = await conn.scalar(text("PRAGMA journal_mode"))
            busy = await conn.scalar(text("PRAGMA busy_timeout"))
    finally:
        await database.aclose()

    assert path.is_file()
    assert journal == "wal"
    assert busy == 5000
    assert database.is_sqlite


async def test_the_database_fixture_is_migrated_and_healthy(database: Database):
    assert await DatabaseHealthCheck(database).check() is True
    assert await SqlCredentialRepository(database).count_by_kek() == {}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_a_database_that_does_not_answer_fails_health_and_raises_domain_errors():
    database = create_database(f"postgresql://postgres@127.0.0.1:{closed_port()}/postgres")
    try:
        assert await DatabaseHealthCheck(database, timeout=2.0).check() is False
        with pytest.raises(DatabaseUnavailable) as raised:
            await SqlCredentialRepository(database).get(TENANT, "cred_1")
    finally:
        await database.aclose()
    assert isinstance(raised.value, IntegrationError)
