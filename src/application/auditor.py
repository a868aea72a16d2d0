"""Writes audit entries for use cases: who, tenant, credential, action, outcome; never secrets."""

from __future__ import annotations

from integration_api.application.ports.audit_log import AuditLog
from integration_api.application.ports.clock import Clock
from integration_api.domain.audit import AuditAction, AuditEntry
from integration_api.domain.ids import new_record_id
from integration_api.domain.tenancy import Principal


class Auditor:
    def __init__(self, log: AuditLog, clock: Clock) -> None:
        self._log = log
        self._clock = clock

    async def __call__(
        self,
        principal: Principal,
        action: AuditAction,
        credential_id: str | None,
        outcome: str = "ok",
        detail: str | None = None,
    ) -> None:
        entry = AuditEntry(
            id=new_record_id("aud"),
            tenant=principal.tenant,
            actor=f"{principal.kind}:{principal.subject}",
            action=action,
            credential_id=credential_id,
            outcome=outcome,
            at=self._clock.now(),
            detail=detail,
        )
        await self._log.record(entry)
