"""gRPC metadata `authorization: Bearer <token>` -> Principal (UNAUTHENTICATED otherwise)."""

from __future__ import annotations

from typing import Any

from grpclib.server import Stream

from integration_api.application.facade import Application
from integration_api.domain.tenancy import Principal
from integration_api.entrypoints.bearer import bearer_of


async def principal_of(application: Application, stream: Stream[Any, Any]) -> Principal:
    header = stream.metadata.get("authorization") if stream.metadata else None
    return await application.authenticate.authenticate(bearer_of(header))
