"""The real service with the credential vault, on both storage stacks, and a fake OpenAI
upstream on loopback that provider verification talks to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from e2e.vault.grpc_clients import generate_grpcio_stubs
from integration_api.adapters.persistence.migrate import run_migrations
from integration_api.testing.fake_upstreams.openai import FakeOpenAI
from tests.support.real_service import RunningService, running_service

# Loopback upstreams need the egress allowance; no retries keeps upstream-error flows short.
BASE_ENV = {"allow_private_endpoints": "true", "upstream_max_retries": "0"}


@dataclass(frozen=True)
class Backend:
    """Where the service keeps rows and cached rows: "" means the embedded default (a SQLite
    file in the data folder, the in-process cache)."""

    name: str
    database_url: str = ""
    redis_url: str = ""

    def env(self) -> dict[str, str]:
        env = dict(BASE_ENV)
        if self.database_url:
            env["database_url"] = self.database_url
        if self.redis_url:
            env["redis_url"] = self.redis_url
        return env


BACKENDS = [
    "sqlite+memory",
    pytest.param("postgres+redis", marks=[pytest.mark.postgres, pytest.mark.redis]),
]


def make_backend(request: pytest.FixtureRequest, name: str) -> Backend:
    """The named stack; PostgreSQL gets a fresh database migrated to head (the service only
    migrates SQLite by itself) and Redis a flushed database."""
    if name == "sqlite+memory":
        return Backend(name)
    postgres: str = request.getfixturevalue("postgres_url")
    run_migrations(postgres)
    return Backend(name, postgres, request.getfixturevalue("flushed_redis_url"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    return make_backend(request, request.param)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
async def vault(backend: Backend, data_dir: Path) -> AsyncIterator[RunningService]:
    async with running_service(data_dir, **backend.env()) as service:
        yield service


@pytest.fixture(scope="session")
def grpcio_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_grpcio_stubs(tmp_path_factory.mktemp("grpcio-stubs"))
