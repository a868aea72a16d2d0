from __future__ import annotations

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.credential_store import CredentialStore
from integration_api.domain.audit import AuditAction
from integration_api.domain.errors import NotFound
from integration_api.domain.tenancy import Principal, Scope


class DeleteCredential:
    """Deletes the row and evicts every cached copy; NotFound when absent or foreign."""

    def __init__(self, store: CredentialStore, audit: Auditor) -> None:
        self._store = store
        self._audit = audit

    async def __call__(self, principal: Principal, credential_id: str) -> None:
        require(principal, Scope.CREDENTIALS_WRITE)
        deleted = await self._store.repository.delete(principal.tenant, credential_id)
        await self._store.evict(principal.tenant, credential_id)
        if not deleted:
            raise NotFound(f"credential '{credential_id}' not found", field="credential_id")
        await self._audit(principal, AuditAction.DELETE, credential_id)
