"""Fixtures of the provider contract suite: one running harness per test, parametrized
over every harness in harnesses/, on an UpstreamClient whose sleeps are recorded (no real
waiting) and whose read timeout is short enough for the timeout scenario; and over both
upstream transports (aiohttp, httpx), so each keeps the same contract."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from provider_suite import HARNESSES, MAX_RETRIES, TIMEOUTS, RecordingSleep, Running

from integration_api.adapters.providers._shared import RetryPolicy, UpstreamClient
from integration_api.adapters.providers._shared.transport import TRANSPORTS, TransportName


@pytest.fixture(params=TRANSPORTS)
def upstream_transport(request: pytest.FixtureRequest) -> TransportName:
    name: TransportName = request.param
    return name


@pytest.fixture(params=sorted(HARNESSES))
async def provider(
    request: pytest.FixtureRequest, upstream_transport: TransportName
) -> AsyncIterator[Running]:
    harness = HARNESSES[request.param]()
    sleeps = RecordingSleep()
    client = UpstreamClient(
        timeouts=TIMEOUTS,
        retry=RetryPolicy(max_retries=MAX_RETRIES),
        transport=upstream_transport,
        sleep=sleeps,
    )
    entry = await harness.start(client)
    try:
        yield Running(harness=harness, entry=entry, sleeps=sleeps)
        # Every body any adapter sent in any test conforms to the vendor SDK's types.
        for sent in harness.requests():
            harness.validate_request(sent)
    finally:
        await harness.stop()
        await client.aclose()


@pytest.fixture(params=["chat", "stream"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)
