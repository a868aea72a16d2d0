"""gRPC metadata `authorization: Bearer <token>` -> Principal (UNAUTHENTICATED otherwise)."""

from __future__ import annotations

from typing import Any

from grpclib.server import Stream

from integration_api.application.facade import Application
from integration_api.domain.tenancy import Principal


async def principal_of(application: Application, stream: Stream[Any, Any]) -> Principal:
    header = stream.metadata.get("authorization") if stream.metadata else None
    bearer = None
    if isinstance(header, str):
        scheme, _, token = header.partition(" ")
        bearer = token.strip() or None if scheme.lower() == "bearer" else None
    return await application.authenticate.authenticate(bearer)
