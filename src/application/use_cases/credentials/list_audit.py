from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.ports.audit_log import AuditLog
from integration_api.domain.audit import AuditEntry
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.tenancy import Principal, Scope


class ListAudit:
    """The caller's tenant's audit entries, newest first."""

    def __init__(self, log: AuditLog) -> None:
        self._log = log

    async def __call__(
        self, principal: Principal, *, cursor: str | None = None, limit: int = 50
    ) -> Page[AuditEntry]:
        require(principal, Scope.CREDENTIALS_READ)
        if not 1 <= limit <= MAX_PAGE_SIZE:
            raise ValidationFailed(f"limit must be between 1 and {MAX_PAGE_SIZE}", field="limit")
        await self._log.flush()
        return await self._log.list(principal.tenant, cursor=cursor, limit=limit)
