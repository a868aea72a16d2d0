from __future__ import annotations

from integration_api.application.authorization import require
from integration_api.application.credential_store import CredentialStore
from integration_api.domain.credentials import Credential
from integration_api.domain.tenancy import Principal, Scope


class GetCredential:
    """Metadata of one credential of the caller's tenant; NotFound for any other tenant's."""

    def __init__(self, store: CredentialStore) -> None:
        self._store = store

    async def __call__(self, principal: Principal, credential_id: str) -> Credential:
        require(principal, Scope.CREDENTIALS_READ)
        return (await self._store.load(principal.tenant, credential_id)).credential
