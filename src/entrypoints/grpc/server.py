"""The grpclib server: the given integration.v1 services, standard health, and reflection."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from grpclib.reflection._deprecated import ServerReflection as ServerReflectionV1Alpha
from grpclib.reflection.service import ServerReflection
from grpclib.server import Server
from grpclib.utils import _service_name

from integration_api.application.facade import Application
from integration_api.entrypoints.grpc.health import POLL_INTERVAL, ReadinessHealth
from integration_api.entrypoints.grpc.servable import Servable

REFLECTION_SERVICES = (
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
)


def with_reflection(services: Sequence[Servable]) -> list[Servable]:
    """`services` plus server reflection (v1 and v1alpha), listing every service including
    reflection itself, as grpcio servers do (grpclib's `extend` leaves reflection out)."""
    names = [_service_name(s) for s in services] + list(REFLECTION_SERVICES)
    return [
        *services,
        ServerReflection(_service_names=names),
        ServerReflectionV1Alpha(_service_names=names),
    ]


def create_grpc_server(
    application: Application,
    services: Sequence[Servable] = (),
    *,
    stopping: asyncio.Event | None = None,
    health_interval: float = POLL_INTERVAL,
) -> Server:
    """A grpclib Server (not started: the one-port host feeds it connections) serving
    `services` (the integration.v1 handlers), `grpc.health.v1.Health` following
    `application.readiness`, and server reflection. Build it inside the running loop.

    Setting `stopping` turns health NOT_SERVING and ends Watch streams (graceful shutdown).
    """
    health = ReadinessHealth(
        application.readiness,
        services,
        stopping=stopping or asyncio.Event(),
        interval=health_interval,
    )
    return Server(with_reflection([*services, health]))
