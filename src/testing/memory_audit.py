"""InMemoryAuditLog: the AuditLog contract in a list, for tests and embedded hosts."""

from __future__ import annotations

from integration_api.adapters.persistence.cursor import (
    clamp_limit,
    decode_cursor,
    encode_cursor,
)
from integration_api.application.ports.audit_log import AuditLog
from integration_api.domain.audit import AuditEntry
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.tenancy import Tenant


class InMemoryAuditLog(AuditLog):
    """Keeps every entry; lists newest first by (at, id), like SqlAuditLog."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    async def record(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    async def list(self, tenant: Tenant, *, cursor: str | None, limit: int) -> Page[AuditEntry]:
        limit = clamp_limit(limit, MAX_PAGE_SIZE)
        mine = sorted(
            (e for e in self.entries if e.tenant == tenant),
            key=lambda e: (e.at, e.id),
            reverse=True,
        )
        if cursor is not None:
            position = decode_cursor(cursor)
            mine = [e for e in mine if (e.at, e.id) < position]
        if len(mine) <= limit:
            return Page(items=tuple(mine))
        last = mine[limit - 1]
        return Page(items=tuple(mine[:limit]), next_cursor=encode_cursor(last.at, last.id))

    async def flush(self) -> None:
        """Nothing is buffered."""

    async def aclose(self) -> None:
        """Nothing to close; present so hosts can treat every AuditLog alike."""
