"""/v1/audit: the caller's tenant's audit entries, newest first."""

from __future__ import annotations

from datetime import datetime

import msgspec
from litestar import get
from litestar.params import FromQuery, Parameter

from integration_api.entrypoints.rest.dependencies import ApplicationDependency, PrincipalDependency


class AuditEntryView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    actor: str
    action: str
    credential_id: str | None
    outcome: str
    at: datetime
    detail: str | None


class AuditPageView(msgspec.Struct, frozen=True, kw_only=True):
    items: list[AuditEntryView]
    next_cursor: str | None


@get("/audit")
async def list_audit(
    application: ApplicationDependency,
    principal: PrincipalDependency,
    cursor: FromQuery[str | None] = None,
    limit: int = Parameter(default=50, ge=1, le=200),
) -> AuditPageView:
    page = await application.credentials.audit(principal, cursor=cursor, limit=limit)
    items = [
        AuditEntryView(
            id=e.id,
            actor=e.actor,
            action=e.action.value,
            credential_id=e.credential_id,
            outcome=e.outcome,
            at=e.at,
            detail=e.detail,
        )
        for e in page.items
    ]
    return AuditPageView(items=items, next_cursor=page.next_cursor)
