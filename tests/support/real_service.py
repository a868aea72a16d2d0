"""The real service stack on one loopback port, in-process: `build_application` with real
adapters (SQLite or PostgreSQL, memory or Redis, local keyring), every API surface, and
caller tokens minted through the facade. For e2e tests that drive it with real clients."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_api.application.facade import Application
from integration_api.container import build_application
from integration_api.domain.tenancy import Scope, Tenant
from integration_api.entrypoints.api import api_surface
from integration_api.entrypoints.server import OnePortServer
from integration_api.settings import Settings, load_settings

ALL = tuple(s.value for s in Scope)


@dataclass
class RunningService:
    application: Application
    settings: Settings
    server: OnePortServer
    host: str
    port: int
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    def auth(self, token_name: str = "default") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[token_name]}"}

    async def mint(
        self,
        name: str,
        *,
        organization: str = "acme",
        project: str = "web",
        scopes: tuple[str, ...] = ALL,
    ) -> str:
        tenant = Tenant(organization_id=organization, project_id=project)
        _, token = await self.application.tokens.create(name=name, tenant=tenant, scopes=scopes)
        self.tokens[name] = token
        return token


def service_settings(data_dir: Path, **env: str) -> Settings:
    values = {"INTEGRATION_API_DATA_DIR": str(data_dir), "INTEGRATION_API_LOG_FORMAT": "json"}
    values |= {f"INTEGRATION_API_{k.upper()}": v for k, v in env.items()}
    return load_settings(values, dotenv=None)


@asynccontextmanager
async def running_service(
    data_dir: Path,
    *,
    overrides: Mapping[str, Any] | None = None,
    grace_period: float = 2.0,
    **env: str,
) -> AsyncIterator[RunningService]:
    """Starts the stack; `env` are settings without the prefix (database_url=..., redis_url=...,
    allow_private_endpoints="true"). A default token with every scope is minted."""
    settings = service_settings(data_dir, **env)
    application = await build_application(settings, overrides=overrides)
    surface = api_surface(application)
    server = OnePortServer(
        application,
        rest_routes=surface.rest_routes,
        grpc_services=surface.grpc_services,
        grace_period=grace_period,
        health_interval=0.2,
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(512)
    await server.start(sock)
    host, port = server.address
    running = RunningService(application, settings, server, host, port)
    await running.mint("default")
    try:
        yield running
    finally:
        await server.stop()
        await application.aclose()
