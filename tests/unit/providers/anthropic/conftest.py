"""A FakeAnthropic on loopback and the adapter pointed at it through a real UpstreamClient."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from integration_api.adapters.providers._shared import RetryPolicy, Timeouts, UpstreamClient
from integration_api.adapters.providers._shared.transport import TransportName
from integration_api.adapters.providers.anthropic import build
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.secrets import SecretValue
from integration_api.testing.fake_upstreams.anthropic import FakeAnthropic

CANARY_KEY = "sk-ant-fake-canary-0123456789abcdef"  # never a real key


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropic]:
    async with FakeAnthropic(api_key=CANARY_KEY) as server:
        yield server


@pytest.fixture
async def upstream(upstream_transport: TransportName) -> AsyncIterator[UpstreamClient]:
    client = UpstreamClient(
        transport=upstream_transport,
        timeouts=Timeouts(connect=1.0, read=2.0, total=3.0),
        retry=RetryPolicy(max_retries=1, base_delay=0.01, max_delay=0.02),
    )
    yield client
    await client.aclose()


@pytest.fixture
def entry(upstream: UpstreamClient) -> ProviderEntry:
    return build(upstream)


@pytest.fixture
def binding(fake: FakeAnthropic) -> ProviderBinding:
    return ProviderBinding(
        provider="anthropic",
        secret=SecretValue({"api_key": CANARY_KEY}),
        config={"base_url": fake.base_url},
    )
