"""Storage contract fixtures: each port's implementations, one parameter per backend. A
backend that cannot run here skips (or fails under CI) via the root conftest's server
fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from integration_api.adapters.persistence.api_token_repository import SqlApiTokenRepository
from integration_api.adapters.persistence.audit_log import SqlAuditLog
from integration_api.adapters.persistence.credential_repository import SqlCredentialRepository
from integration_api.adapters.persistence.database import create_database
from integration_api.adapters.persistence.migrate import run_migrations
from integration_api.application.ports.api_token_repository import ApiTokenRepository
from integration_api.application.ports.audit_log import AuditLog
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.testing.memory_audit import InMemoryAuditLog
from integration_api.testing.memory_credentials import InMemoryCredentialRepository
from integration_api.testing.memory_tokens import InMemoryApiTokenRepository

SQL_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
BACKENDS = ["memory", *SQL_BACKENDS]


@pytest.fixture(params=BACKENDS)
def storage_url(request: pytest.FixtureRequest) -> str | None:
    """None for the in-memory double, else a migrated database URL."""
    if request.param == "memory":
        return None
    url: str = request.getfixturevalue(f"{request.param}_url")
    run_migrations(url)
    return url


@pytest.fixture(params=SQL_BACKENDS)
def sql_url(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue(f"{request.param}_url")
    run_migrations(url)
    return url


@pytest.fixture
async def credential_repository(storage_url: str | None) -> AsyncIterator[CredentialRepository]:
    if storage_url is None:
        yield InMemoryCredentialRepository()
        return
    database = create_database(storage_url)
    yield SqlCredentialRepository(database)
    await database.aclose()


@pytest.fixture
async def token_repository(storage_url: str | None) -> AsyncIterator[ApiTokenRepository]:
    if storage_url is None:
        yield InMemoryApiTokenRepository()
        return
    database = create_database(storage_url)
    yield SqlApiTokenRepository(database)
    await database.aclose()


@pytest.fixture
async def audit_log(storage_url: str | None) -> AsyncIterator[AuditLog]:
    if storage_url is None:
        yield InMemoryAuditLog()
        return
    database = create_database(storage_url)
    log = SqlAuditLog(database, flush_interval=0.05)
    await log.start()
    yield log
    await log.aclose()
    await database.aclose()
