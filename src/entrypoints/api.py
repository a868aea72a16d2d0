"""What the serve command mounts beside health, reflection and metrics: the API routes
(REST) and the integration.v1 service handlers (gRPC). This is the one place they are
registered; each surface's package builds its own parts from the Application."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from litestar.types import ControllerRouterHandler

from integration_api.application.facade import Application
from integration_api.entrypoints.grpc.servable import Servable
from integration_api.entrypoints.grpc.services import api_services
from integration_api.entrypoints.rest.openai_dialect import openai_router
from integration_api.entrypoints.rest.v1 import v1_router


class ApiSurface(NamedTuple):
    rest_routes: Sequence[ControllerRouterHandler] = ()
    grpc_services: Sequence[Servable] = ()


def api_surface(application: Application) -> ApiSurface:
    """The routes and services of the API for `application`: native REST under /v1, the
    OpenAI dialect under /openai/v1, and the integration.v1 gRPC services."""
    return ApiSurface(
        rest_routes=(v1_router(), openai_router()),
        grpc_services=api_services(application),
    )
