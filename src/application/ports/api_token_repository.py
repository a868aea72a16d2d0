from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

import msgspec

from integration_api.domain.tenancy import Scope, Tenant


class ApiTokenRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A caller token as stored: only the hash of the secret part."""

    id: str
    name: str
    tenant: Tenant
    scopes: frozenset[Scope]
    token_hash: bytes
    created_at: datetime
    revoked_at: datetime | None = None
    expires_at: datetime | None = None


class ApiTokenRepository(Protocol):
    """Stores caller tokens by id; never the token itself."""

    async def add(self, record: ApiTokenRecord) -> None: ...

    async def get(self, token_id: str) -> ApiTokenRecord | None: ...

    async def list(self) -> builtins.list[ApiTokenRecord]: ...

    async def revoke(self, token_id: str, at: datetime) -> bool: ...
