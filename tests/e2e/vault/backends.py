"""The two storage stacks the vault runs on: the embedded default (a SQLite file in the data
folder, the in-process cache) and PostgreSQL + Redis."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from integration_api.adapters.persistence.migrate import run_migrations

# Loopback upstreams need the egress allowance; no retries keeps upstream-error flows short.
BASE_ENV = {"allow_private_endpoints": "true", "upstream_max_retries": "0"}


@dataclass(frozen=True)
class Backend:
    """ "" means the embedded default for that part."""

    name: str
    database_url: str = ""
    redis_url: str = ""

    def env(self) -> dict[str, str]:
        """running_service / CLI settings (without the prefix) for this stack."""
        env = dict(BASE_ENV)
        if self.database_url:
            env["database_url"] = self.database_url
        if self.redis_url:
            env["redis_url"] = self.redis_url
        return env


SQLITE = Backend("sqlite+memory")
BACKENDS = [
    SQLITE.name,
    pytest.param("postgres+redis", marks=[pytest.mark.postgres, pytest.mark.redis]),
]


def make_backend(request: pytest.FixtureRequest, name: str) -> Backend:
    """The named stack, from a synchronous fixture (the root database fixtures run their own
    event loop). PostgreSQL gets a fresh database migrated to head (the service migrates only
    SQLite by itself) and Redis a flushed database."""
    if name == SQLITE.name:
        return SQLITE
    postgres: str = request.getfixturevalue("postgres_url")
    run_migrations(postgres)
    return Backend(name, postgres, request.getfixturevalue("flushed_redis_url"))
