from __future__ import annotations

import msgspec

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.credential_store import CredentialStore
from integration_api.application.ports.clock import Clock
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.ports.secret_cipher import SecretCipher
from integration_api.application.provider_fields import validate_secret
from integration_api.application.secret_access import binding_of
from integration_api.application.use_cases.credentials.verification import (
    Verification,
    open_candidate,
)
from integration_api.domain.audit import AuditAction
from integration_api.domain.credentials import Credential, CredentialStatus, StoredCredential
from integration_api.domain.errors import VerificationFailed
from integration_api.domain.tenancy import Principal, Scope


class RotateSecret:
    """Replaces a credential's secret (verified first unless told not to) under a new
    secret_version, so the old ciphertext can never be swapped back in."""

    def __init__(
        self,
        store: CredentialStore,
        cipher: SecretCipher,
        registry: ProviderRegistry,
        audit: Auditor,
        clock: Clock,
    ) -> None:
        self._store = store
        self._cipher = cipher
        self._registry = registry
        self._verify = Verification(registry)
        self._audit = audit
        self._clock = clock

    async def __call__(
        self,
        principal: Principal,
        credential_id: str,
        secret_fields: dict[str, str],
        *,
        verify: bool = True,
    ) -> Credential:
        require(principal, Scope.CREDENTIALS_WRITE)
        row = await self._store.load(principal.tenant, credential_id)
        current = row.credential
        validate_secret(self._registry.spec(current.provider), secret_fields)
        secret = open_candidate(self._registry, current.provider, secret_fields)
        now = self._clock.now()
        status, verified_at = CredentialStatus.UNVERIFIED, None
        if verify:
            try:
                await self._verify.require_valid(current.provider, secret, current.config)
            except VerificationFailed:
                await self._audit(
                    principal, AuditAction.ROTATE_SECRET, credential_id, "verification_failed"
                )
                raise
            status, verified_at = CredentialStatus.VALID, now
        updated = msgspec.structs.replace(
            current,
            secret_version=current.secret_version + 1,
            fingerprint=secret.fingerprint,
            status=status,
            verified_at=verified_at,
            last_error=None,
            updated_at=now,
        )
        sealed = await self._cipher.seal(secret, binding_of(updated))
        row = StoredCredential(credential=updated, sealed=sealed)
        await self._store.repository.replace_secret(row, expected_version=current.secret_version)
        await self._store.evict(principal.tenant, credential_id)
        await self._audit(principal, AuditAction.ROTATE_SECRET, credential_id)
        return updated
