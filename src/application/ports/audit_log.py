from __future__ import annotations

from typing import Protocol

from integration_api.domain.audit import AuditEntry
from integration_api.domain.paging import Page
from integration_api.domain.tenancy import Tenant


class AuditLog(Protocol):
    """Appends audit entries and lists them per tenant, newest first. `record` may buffer,
    but `flush` (called on shutdown) writes everything recorded so far."""

    async def record(self, entry: AuditEntry) -> None: ...

    async def list(self, tenant: Tenant, *, cursor: str | None, limit: int) -> Page[AuditEntry]: ...

    async def flush(self) -> None: ...
