from __future__ import annotations

from typing import Protocol

from integration_api.domain.tenancy import Principal


class CallerAuthenticator(Protocol):
    """Turns a bearer token into a Principal; raises Unauthenticated for anything else
    (missing, malformed, unknown, revoked, expired). Never anonymous."""

    async def authenticate(self, bearer: str | None) -> Principal: ...
