"""Opens a stored credential's secret for one call and binds it for a provider adapter."""

from __future__ import annotations

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.secret_cipher import SecretCipher
from integration_api.domain.credentials import Credential, StoredCredential
from integration_api.domain.secrets import SecretBinding


def binding_of(credential: Credential) -> SecretBinding:
    return SecretBinding(
        organization_id=credential.tenant.organization_id,
        project_id=credential.tenant.project_id,
        credential_id=credential.id,
        provider=credential.provider,
        secret_version=credential.secret_version,
    )


class SecretAccess:
    def __init__(self, cipher: SecretCipher) -> None:
        self._cipher = cipher

    async def open(self, row: StoredCredential) -> ProviderBinding:
        """The opened secret lives in the returned binding only; callers drop it after the call."""
        secret = await self._cipher.open(row.sealed, binding_of(row.credential))
        return ProviderBinding(
            provider=row.credential.provider, secret=secret, config=row.credential.config
        )
