"""A failing dependency turns readiness red on both protocols, and recovery turns it green:
`/readiness/` 503 naming the part, Health/Check NOT_SERVING, Watch sending each change."""

from __future__ import annotations

import asyncio

import httpx
from grpclib.client import Channel
from grpclib.health.v1.health_grpc import HealthStub
from grpclib.health.v1.health_pb2 import HealthCheckRequest, HealthCheckResponse

from e2e.conftest import Service
from e2e.probes import eventually, grpcio, http_client

SERVING = HealthCheckResponse.SERVING
NOT_SERVING = HealthCheckResponse.NOT_SERVING


async def _readiness(client: httpx.AsyncClient) -> httpx.Response:
    return await client.get("/readiness/")


async def test_rest_readiness_goes_503_and_back(service: Service) -> None:
    async with http_client(service.base_url) as client:
        service.checks["cache"].healthy = False
        failing = await _readiness(client)
        service.checks["cache"].healthy = True
        recovered = await _readiness(client)
    assert failing.status_code == 503
    assert failing.json() == {"ready": False, "components": {"database": "ok", "cache": "failing"}}
    assert recovered.status_code == 200


async def test_grpc_check_follows_readiness_within_5_s(service: Service) -> None:
    channel = Channel(service.host, service.port)
    stub = HealthStub(channel)

    async def status_is(expected: int) -> bool:
        return (await stub.Check(HealthCheckRequest())).status == expected

    try:
        service.checks["database"].healthy = False
        went_down = await eventually(lambda: status_is(NOT_SERVING), within=5)
        service.checks["database"].healthy = True
        came_back = await eventually(lambda: status_is(SERVING), within=5)
    finally:
        channel.close()
    assert went_down, "Health/Check did not turn NOT_SERVING within 5 s"
    assert came_back, "Health/Check did not return to SERVING within 5 s"


async def test_grpcio_sees_not_serving(service: Service) -> None:
    service.checks["database"].healthy = False
    await asyncio.sleep(0.3)  # past the 0.2 s health cache of this fixture
    assert await grpcio(service.target, "check") == {"check": "NOT_SERVING"}


async def test_watch_sends_every_change(service: Service) -> None:
    channel = Channel(service.host, service.port)
    seen: list[int] = []
    try:
        async with HealthStub(channel).Watch.open() as stream:
            await stream.send_message(HealthCheckRequest(), end=True)
            for healthy in (False, True, None):
                reply = await asyncio.wait_for(stream.recv_message(), 5)
                assert reply is not None
                seen.append(reply.status)
                if healthy is not None:
                    service.checks["database"].healthy = healthy
            await stream.cancel()
    finally:
        channel.close()
    assert seen == [SERVING, NOT_SERVING, SERVING]
