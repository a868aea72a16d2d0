from __future__ import annotations

import msgspec

from integration_api.application.auditor import Auditor
from integration_api.application.authorization import require
from integration_api.application.credential_store import CredentialStore
from integration_api.application.endpoint_policy import EndpointPolicy
from integration_api.application.ports.clock import Clock
from integration_api.application.ports.provider_registry import ProviderRegistry
from integration_api.application.provider_fields import validate_config
from integration_api.domain.audit import AuditAction
from integration_api.domain.credentials import Credential
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.tenancy import Principal, Scope


class CredentialPatch(msgspec.Struct, frozen=True, kw_only=True):
    name: str | None = None
    config: dict[str, str] | None = None


class UpdateCredential:
    """Renames or reconfigures a credential; the secret is untouched (see RotateSecret)."""

    def __init__(
        self,
        store: CredentialStore,
        registry: ProviderRegistry,
        audit: Auditor,
        clock: Clock,
        endpoints: EndpointPolicy,
    ) -> None:
        self._endpoints = endpoints
        self._store = store
        self._registry = registry
        self._audit = audit
        self._clock = clock

    async def __call__(
        self, principal: Principal, credential_id: str, patch: CredentialPatch
    ) -> Credential:
        require(principal, Scope.CREDENTIALS_WRITE)
        row = await self._store.load(principal.tenant, credential_id)
        changes: dict[str, object] = {"updated_at": self._clock.now()}
        if patch.name is not None:
            if not patch.name.strip() or len(patch.name) > 200:
                raise ValidationFailed("name must be 1-200 characters", field="name")
            changes["name"] = patch.name
        if patch.config is not None:
            validate_config(self._registry.spec(row.credential.provider), patch.config)
            self._endpoints.check(patch.config)
            changes["config"] = dict(patch.config)
        updated = msgspec.structs.replace(row.credential, **changes)
        await self._store.repository.update_metadata(updated)
        await self._store.evict(principal.tenant, credential_id)
        await self._audit(principal, AuditAction.UPDATE, credential_id)
        return updated
