from __future__ import annotations

import builtins
from typing import Protocol

from integration_api.domain.credentials import Credential, StoredCredential
from integration_api.domain.paging import Page
from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant


class CredentialRepository(Protocol):
    """Stores credential rows (metadata + ciphertext). Reads are tenant-scoped: another
    tenant's id is simply absent. `add` raises AlreadyExists on a duplicate id or name."""

    async def add(self, row: StoredCredential) -> None: ...

    async def get(self, tenant: Tenant, credential_id: str) -> StoredCredential | None: ...

    async def list(
        self, tenant: Tenant, *, provider: str | None, cursor: str | None, limit: int
    ) -> Page[StoredCredential]: ...

    async def update_metadata(self, credential: Credential) -> None:
        """Writes name, config, status, verified_at, last_error and updated_at, never the
        envelope, and only while the row still holds `credential.secret_version` (so a
        verify or rename that raced a secret rotation or a rewrap undoes neither).
        NotFound if the row is gone, Conflict if its secret changed meanwhile,
        AlreadyExists(field="name") on a duplicate name."""
        ...

    async def replace_secret(self, row: StoredCredential, *, expected_version: int) -> None:
        """Writes the new envelope and all metadata, only while the row still holds
        `expected_version`. NotFound if gone, Conflict if another rotation won."""
        ...

    async def delete(self, tenant: Tenant, credential_id: str) -> bool: ...

    async def rows_not_under(self, kek_id: str, *, limit: int) -> builtins.list[StoredCredential]:
        """Rows (any tenant) whose data key is wrapped by another KEK, for rewrapping."""
        ...

    async def replace_sealed(
        self, credential_id: str, expected: SealedSecret, new: SealedSecret
    ) -> bool:
        """Swaps the envelope only if the row still holds `expected` (no lost update)."""
        ...

    async def count_by_kek(self) -> dict[str, int]: ...

    async def ping(self) -> bool: ...
