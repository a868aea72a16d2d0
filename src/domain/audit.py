"""Audit entries: who did what to which credential, never the secret."""

from __future__ import annotations

import enum
from datetime import datetime

import msgspec

from integration_api.domain.tenancy import Tenant


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    ROTATE_SECRET = "rotate_secret"
    DELETE = "delete"
    VERIFY = "verify"
    USE = "use"


class AuditEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    tenant: Tenant
    actor: str
    action: AuditAction
    credential_id: str | None
    outcome: str  # "ok" or an error code
    at: datetime
    detail: str | None = None
