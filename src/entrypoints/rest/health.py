"""Liveness, readiness and metrics routes; open to everyone (no caller authentication)."""

from __future__ import annotations

from collections.abc import Callable

from litestar import Response, get
from litestar.handlers import HTTPRouteHandler

from integration_api.application.use_cases.check_readiness import Readiness
from integration_api.entrypoints.rest.dependencies import ApplicationDependency

MetricsRenderer = Callable[[], tuple[bytes, str]]
"""Returns the Prometheus exposition body and its content type."""


@get("/healthz/", tags=["health"], sync_to_thread=False)
def healthz() -> dict[str, str]:
    """Liveness: the process answers. Never touches a dependency."""
    return {"status": "ok"}


@get("/readiness/", tags=["health"])
async def readiness(application: ApplicationDependency) -> Response[Readiness]:
    """200 while every dependency answers, else 503; the body names each component."""
    state = await application.readiness()
    return Response(state, status_code=200 if state.ready else 503)


def metrics_route(render: MetricsRenderer) -> HTTPRouteHandler:
    """`GET /metrics` serving `render()` (Prometheus text)."""

    @get("/metrics", tags=["health"], include_in_schema=False, sync_to_thread=False)
    def metrics() -> Response[bytes]:
        body, content_type = render()
        return Response(body, media_type=content_type)

    return metrics
