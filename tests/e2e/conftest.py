"""The whole service on one loopback port, in-process, driven by real clients.

The Application is built from the real readiness use case over switchable health checks
(the other use cases are not exercised by these tests), so readiness can be flipped.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest

from integration_api.adapters.observability.metrics import Metrics
from integration_api.application.facade import Application
from integration_api.application.use_cases.check_readiness import CheckReadiness
from integration_api.entrypoints.server import OnePortServer


class SwitchableCheck:
    """A HealthCheck whose answer the test sets."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.healthy = True

    async def check(self) -> bool:
        return self.healthy


class Service:
    def __init__(self, server: OnePortServer, checks: dict[str, SwitchableCheck]) -> None:
        self.server = server
        self.checks = checks
        host, port = server.address
        self.target = f"{host}:{port}"
        self.base_url = f"http://{host}:{port}"
        self.host, self.port = host, port


def listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


def fake_application(checks: list[SwitchableCheck]) -> Application:
    unused = cast(Any, None)  # these tests never reach credentials, inference or keys
    return Application(
        authenticate=unused,
        readiness=CheckReadiness(checks, timeout=0.5),
        credentials=unused,
        inference=unused,
        keys=unused,
        metrics=Metrics(),
    )


@pytest.fixture
async def service() -> AsyncIterator[Service]:
    checks = {name: SwitchableCheck(name) for name in ("database", "cache")}
    server = OnePortServer(
        fake_application(list(checks.values())), grace_period=2.0, health_interval=0.2
    )
    await server.start(listening_socket())
    try:
        yield Service(server, checks)
    finally:
        await server.stop()
