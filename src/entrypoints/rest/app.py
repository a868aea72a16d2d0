"""The Litestar app: health routes, the error table, OpenAPI at /schema.

Route handlers reach the `Application` facade through the `application` dependency (or
`request.app.state.application`); nothing here builds an adapter.
"""

from __future__ import annotations

from collections.abc import Sequence

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.types import ControllerRouterHandler

from integration_api.application.facade import Application
from integration_api.entrypoints.rest.errors import EXCEPTION_HANDLERS
from integration_api.entrypoints.rest.health import healthz, metrics_route, readiness

API_TITLE = "integration-api"
API_VERSION = "1"


def create_rest_app(
    application: Application,
    *,
    route_handlers: Sequence[ControllerRouterHandler] = (),
) -> Litestar:
    """Builds the REST app around `application`: health, readiness, `GET /metrics` (from
    `application.metrics`), OpenAPI at /schema, the one error table, plus `route_handlers`
    (the API routes: credentials, inference...)."""

    def provide_application() -> Application:
        return application

    return Litestar(
        route_handlers=[
            healthz,
            readiness,
            metrics_route(application.metrics.render),
            *route_handlers,
        ],
        dependencies={"application": Provide(provide_application, sync_to_thread=False)},
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(title=API_TITLE, version=API_VERSION, path="/schema"),
        state=State({"application": application}),
        logging_config=None,  # the host configures logging (with secret redaction)
        debug=False,
    )
