from __future__ import annotations

import msgspec

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.endpoint_policy import EndpointPolicy
from integration_api.application.ports.clock import Clock
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.ports.secret_cipher import SecretCipher
from integration_api.application.provider_fields import validate_config, validate_secret
from integration_api.application.secret_access import binding_of
from integration_api.application.use_cases.credentials.verification import (
    Verification,
    open_candidate,
)
from integration_api.domain.audit import AuditAction
from integration_api.domain.credentials import Credential, CredentialStatus, StoredCredential
from integration_api.domain.errors import ValidationFailed, VerificationFailed
from integration_api.domain.ids import new_id
from integration_api.domain.tenancy import Principal, Scope


class NewCredential(msgspec.Struct, frozen=True, kw_only=True):
    provider: str
    name: str
    secret: dict[str, str]
    config: dict[str, str] = msgspec.field(default_factory=dict)


class CreateCredential:
    """Verifies (unless told not to), seals and stores a credential; stores nothing when the
    provider rejects the key (VerificationFailed) or cannot be reached (ProviderError)."""

    def __init__(
        self,
        repository: CredentialRepository,
        cipher: SecretCipher,
        registry: ProviderRegistry,
        audit: Auditor,
        clock: Clock,
        endpoints: EndpointPolicy,
    ) -> None:
        self._endpoints = endpoints
        self._repository = repository
        self._cipher = cipher
        self._registry = registry
        self._verify = Verification(registry)
        self._audit = audit
        self._clock = clock

    async def __call__(
        self, principal: Principal, new: NewCredential, *, verify: bool = True
    ) -> Credential:
        require(principal, Scope.CREDENTIALS_WRITE)
        spec = self._registry.spec(new.provider)
        if not new.name.strip() or len(new.name) > 200:
            raise ValidationFailed("name must be 1-200 characters", field="name")
        validate_secret(spec, new.secret)
        validate_config(spec, new.config)
        self._endpoints.check(new.config)
        secret = open_candidate(self._registry, new.provider, new.secret)
        now = self._clock.now()
        status, verified_at = CredentialStatus.UNVERIFIED, None
        if verify:
            try:
                await self._verify.require_valid(new.provider, secret, new.config)
            except VerificationFailed:
                await self._audit(principal, AuditAction.CREATE, None, "verification_failed")
                raise
            status, verified_at = CredentialStatus.VALID, now
        credential = Credential(
            id=new_id("cred"),
            tenant=principal.tenant,
            provider=new.provider,
            name=new.name,
            config=dict(new.config),
            status=status,
            fingerprint=secret.fingerprint,
            secret_version=1,
            created_at=now,
            updated_at=now,
            verified_at=verified_at,
        )
        sealed = await self._cipher.seal(secret, binding_of(credential))
        await self._repository.add(StoredCredential(credential=credential, sealed=sealed))
        await self._audit(principal, AuditAction.CREATE, credential.id)
        return credential
