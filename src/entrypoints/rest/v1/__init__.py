"""The native REST API under /v1: credentials, audit, inference."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide

from integration_api.entrypoints.rest.v1.audit import list_audit
from integration_api.entrypoints.rest.v1.auth import provide_principal
from integration_api.entrypoints.rest.v1.credentials import CREDENTIAL_ROUTES
from integration_api.entrypoints.rest.v1.inference import INFERENCE_ROUTES


def v1_router() -> Router:
    return Router(
        path="/v1",
        route_handlers=[*CREDENTIAL_ROUTES, list_audit, *INFERENCE_ROUTES],
        dependencies={"principal": Provide(provide_principal)},
    )
