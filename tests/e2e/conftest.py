"""The whole service on one loopback port, in-process, driven by real clients.

The Application carries the real readiness use case over switchable health checks and the
real Metrics; these tests never reach credentials, inference or keys, so those are absent.
"""

from __future__ import annotations

import inspect
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, cast

import pytest
from litestar.types import ControllerRouterHandler

from integration_api.adapters.observability.metrics import Metrics
from integration_api.application.facade import Application
from integration_api.application.use_cases.check_readiness import CheckReadiness
from integration_api.entrypoints.grpc.servable import Servable
from integration_api.entrypoints.server import OnePortServer


class SwitchableCheck:
    """A HealthCheck whose answer the test sets."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.healthy = True

    async def check(self) -> bool:
        return self.healthy


class Service:
    """A started OnePortServer and the knobs a test turns."""

    def __init__(self, server: OnePortServer, checks: dict[str, SwitchableCheck]) -> None:
        self.server = server
        self.checks = checks
        self.host, self.port = server.address
        self.target = f"{self.host}:{self.port}"
        self.base_url = f"http://{self.host}:{self.port}"


def listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def fake_application(checks: Sequence[SwitchableCheck]) -> Application:
    """Readiness and metrics are real; every other part of the facade is absent (None)."""
    given: dict[str, Any] = {
        "readiness": CheckReadiness(checks, timeout=0.5),
        "metrics": Metrics(),
    }
    parameters = inspect.signature(Application).parameters.values()
    absent = {
        p.name: cast(Any, None)
        for p in parameters
        if p.name not in given and p.default is inspect.Parameter.empty
    }
    return Application(**given, **absent)


StartService = Callable[..., Awaitable[Service]]


@pytest.fixture
async def start_service() -> AsyncIterator[StartService]:
    """`await start_service(rest_routes=..., grpc_services=..., grace_period=...)`."""
    servers: list[OnePortServer] = []

    async def start(
        *,
        rest_routes: Sequence[ControllerRouterHandler] = (),
        grpc_services: Sequence[Servable] = (),
        grace_period: float = 2.0,
    ) -> Service:
        checks = {name: SwitchableCheck(name) for name in ("database", "cache")}
        server = OnePortServer(
            fake_application(list(checks.values())),
            rest_routes=rest_routes,
            grpc_services=grpc_services,
            grace_period=grace_period,
            health_interval=0.2,
        )
        await server.start(listening_socket())
        servers.append(server)
        return Service(server, checks)

    yield start
    for server in servers:
        await server.stop()


@pytest.fixture
async def service(start_service: StartService) -> Service:
    return await start_service()
