"""Fixtures: fake OpenAI and Anthropic upstreams on loopback, the real service (SQLite,
local keyring, every surface on one port) with an authenticated client, and gRPC clients."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import openai
import pytest
from grpclib.client import Channel
from support.real_service import running_service

from e2e.inference.gateway import ANTHROPIC_KEY, OPENAI_KEY, Gateway
from e2e.inference.grpc_clients import GrpcioStubs, generate_grpcio_stubs
from e2e.probes import http_client
from integration_api.testing.fake_upstreams.anthropic import FakeAnthropic
from integration_api.testing.fake_upstreams.openai import FakeOpenAI


@pytest.fixture
def service_env() -> dict[str, Any]:
    """Settings (without the INTEGRATION_API_ prefix) for the service; modules override it.
    Loopback base_urls are the fakes, so private endpoints are allowed; one retry keeps
    retried failures fast."""
    return {"allow_private_endpoints": "true", "upstream_max_retries": "1"}


@pytest.fixture
async def fake_openai() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(api_key=OPENAI_KEY) as fake:
        yield fake


@pytest.fixture
async def fake_anthropic() -> AsyncIterator[FakeAnthropic]:
    async with FakeAnthropic(api_key=ANTHROPIC_KEY) as fake:
        yield fake


@pytest.fixture
async def gateway(tmp_path: Path, service_env: dict[str, Any]) -> AsyncIterator[Gateway]:
    async with (
        running_service(tmp_path, **service_env) as service,
        http_client(service.base_url) as http,
    ):
        http.headers.update(service.auth())
        yield Gateway(service, http)


@pytest.fixture
async def openai_credential(gateway: Gateway, fake_openai: FakeOpenAI) -> str:
    """A stored openai credential whose base_url is the fake OpenAI."""
    return await gateway.add_credential("openai", fake_openai.base_url, OPENAI_KEY)


@pytest.fixture
async def anthropic_credential(gateway: Gateway, fake_anthropic: FakeAnthropic) -> str:
    """A stored anthropic credential whose base_url is the fake Anthropic."""
    return await gateway.add_credential("anthropic", fake_anthropic.base_url, ANTHROPIC_KEY)


@pytest.fixture
async def grpclib_channel(gateway: Gateway) -> AsyncIterator[Channel]:
    channel = Channel(gateway.service.host, gateway.service.port)
    yield channel
    channel.close()


@pytest.fixture(scope="session")
def grpcio_stubs(tmp_path_factory: pytest.TempPathFactory) -> GrpcioStubs:
    return generate_grpcio_stubs(tmp_path_factory.mktemp("grpcio-stubs"))


@pytest.fixture
async def sdk(gateway: Gateway) -> AsyncIterator[openai.AsyncOpenAI]:
    """The official openai SDK pointed at the OpenAI dialect, the service token as its key.
    SDK-side retries are off, so every outcome is the service's own."""
    client = openai.AsyncOpenAI(
        base_url=gateway.service.base_url + "/openai/v1",
        api_key=gateway.token,
        max_retries=0,
        timeout=10,
        http_client=openai.DefaultAsyncHttpxClient(trust_env=False),
    )
    yield client
    await client.close()
