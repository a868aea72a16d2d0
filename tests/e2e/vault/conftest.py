"""The real service with the credential vault, on both storage stacks, and a fake OpenAI
upstream on loopback that provider verification talks to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from e2e.vault.backends import BACKENDS, Backend, make_backend
from e2e.vault.grpc_clients import generate_grpcio_stubs
from integration_api.testing.fake_upstreams.openai import FakeOpenAI


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


@pytest.fixture(scope="session")
def grpcio_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_grpcio_stubs(tmp_path_factory.mktemp("grpcio-stubs"))
