"""Issue 2's must-show on the real stack: with PostgreSQL configured, stopping PostgreSQL turns
`/readiness/` into 503 naming the database and gRPC Health/Check into NOT_SERVING within
5 s; both recover within 5 s of it returning. Meanwhile API calls answer 503, not 500."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from grpclib.client import Channel
from grpclib.health.v1.health_grpc import HealthStub
from grpclib.health.v1.health_pb2 import HealthCheckRequest, HealthCheckResponse

from e2e.probes import eventually, grpcio, http_client
from integration_api.adapters.persistence.migrate import run_migrations_async
from tests.support.real_service import RunningService, running_service

if TYPE_CHECKING:  # the root conftest, only for its type: never import a conftest at run time
    from conftest import PrivateServices

SERVING = HealthCheckResponse.SERVING
NOT_SERVING = HealthCheckResponse.NOT_SERVING


@pytest.fixture
async def service(
    private_services: PrivateServices, data_dir: Path
) -> AsyncIterator[RunningService]:
    await run_migrations_async(private_services.postgres_url)
    env = {"database_url": private_services.postgres_url, "redis_url": private_services.redis_url}
    async with running_service(data_dir, **env) as running:
        yield running


class Probes:
    def __init__(self, client: httpx.AsyncClient, health: HealthStub) -> None:
        self.client = client
        self.health = health

    async def rest_is(self, status: int, database: str) -> bool:
        answer = await self.client.get("/readiness/")
        return answer.status_code == status and answer.json()["components"]["database"] == database

    async def grpc_is(self, status: int) -> bool:
        return (await self.health.Check(HealthCheckRequest())).status == status


async def test_stopping_postgres_turns_readiness_red_and_back(
    service: RunningService, private_services: PrivateServices
) -> None:
    channel = Channel(service.host, service.port)
    async with http_client(service.base_url) as client:
        probes = Probes(client, HealthStub(channel))
        try:
            assert await probes.rest_is(200, "ok")
            assert await probes.grpc_is(SERVING)
            assert await grpcio(service.target, "check") == {"check": "SERVING"}

            await asyncio.to_thread(private_services.pg_stop)
            rest_red = await eventually(lambda: probes.rest_is(503, "failing"), within=5)
            grpc_red = await eventually(lambda: probes.grpc_is(NOT_SERVING), within=5)
            during = await client.get("/v1/credentials", headers=service.auth())
            grpcio_red = await grpcio(service.target, "check")

            await asyncio.to_thread(private_services.pg_start)
            rest_green = await eventually(lambda: probes.rest_is(200, "ok"), within=5)
            grpc_green = await eventually(lambda: probes.grpc_is(SERVING), within=5)
            after = await client.get("/v1/credentials", headers=service.auth())
        finally:
            channel.close()
    assert rest_red, "/readiness/ did not answer 503 with database failing within 5 s"
    assert grpc_red, "Health/Check did not turn NOT_SERVING within 5 s"
    assert grpcio_red == {"check": "NOT_SERVING"}
    assert during.status_code == 503, during.text
    assert rest_green, "/readiness/ did not return to 200 within 5 s"
    assert grpc_green, "Health/Check did not return to SERVING within 5 s"
    assert after.status_code == 200, after.text
