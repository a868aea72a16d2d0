from __future__ import annotations

import msgspec

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.credential_store import CredentialStore
from integration_api.application.ports.clock import Clock
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.secret_access import SecretAccess
from integration_api.domain.audit import AuditAction
from integration_api.domain.credentials import Credential, CredentialStatus
from integration_api.domain.errors import Conflict, IntegrationError
from integration_api.domain.tenancy import Principal, Scope


class VerifyCredential:
    """Re-checks a stored credential with its provider and stores the outcome (status,
    verified_at, last_error). A provider outage raises and leaves the stored status alone."""

    def __init__(
        self,
        store: CredentialStore,
        access: SecretAccess,
        registry: ProviderRegistry,
        audit: Auditor,
        clock: Clock,
    ) -> None:
        self._store = store
        self._access = access
        self._registry = registry
        self._audit = audit
        self._clock = clock

    async def __call__(self, principal: Principal, credential_id: str) -> Credential:
        require(principal, Scope.CREDENTIALS_WRITE)
        row = await self._store.load(principal.tenant, credential_id)
        binding = await self._access.open(row)
        try:
            result = await self._registry.verifier(row.credential.provider).verify(binding)
        except IntegrationError as error:  # an outage is audited, and leaves the status alone
            await self._audit(principal, AuditAction.VERIFY, credential_id, error.code)
            raise
        finally:
            del binding
        now = self._clock.now()
        updated = msgspec.structs.replace(
            row.credential,
            status=CredentialStatus.VALID if result.ok else CredentialStatus.INVALID,
            verified_at=now,
            last_error=None if result.ok else (result.message or result.error_code),
            updated_at=now,
        )
        outcome = "ok" if result.ok else (result.error_code or "invalid")
        try:
            await self._store.repository.update_metadata(updated)
        except Conflict:
            # the secret was rotated while we asked: this result is about the old secret
            await self._store.evict(principal.tenant, credential_id)
            await self._audit(principal, AuditAction.VERIFY, credential_id, "superseded")
            return (await self._store.load(principal.tenant, credential_id)).credential
        await self._store.evict(principal.tenant, credential_id)
        await self._audit(principal, AuditAction.VERIFY, credential_id, outcome)
        return updated
