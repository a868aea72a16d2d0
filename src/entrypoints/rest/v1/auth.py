"""Bearer token -> Principal, for every /v1 and /openai/v1 route."""

from __future__ import annotations

from typing import Any

from litestar import Request

from integration_api.domain.tenancy import Principal
from integration_api.entrypoints.bearer import bearer_of
from integration_api.entrypoints.rest.dependencies import ApplicationDependency


async def provide_principal(
    request: Request[Any, Any, Any], application: ApplicationDependency
) -> Principal:
    """Raises Unauthenticated (401) for a missing, malformed, unknown, revoked or expired token."""
    return await application.authenticate.authenticate(
        bearer_of(request.headers.get("authorization"))
    )
