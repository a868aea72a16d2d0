from __future__ import annotations

import msgspec

from integration_api.application.credential_store import CredentialStore
from integration_api.application.ports.key_source import KeySource
from integration_api.application.ports.secret_cipher import SecretCipher
from integration_api.application.secret_access import binding_of


class RewrapReport(msgspec.Struct, frozen=True, kw_only=True):
    active_kek_id: str
    rewrapped: int
    skipped: int  # rows changed by someone else meanwhile (picked up by the next pass)


class RewrapKeys:
    """Moves every data key under the active KEK, in batches, while the service serves.
    Secrets are never decrypted: only the wrapped data key changes (compare-and-swap)."""

    def __init__(
        self, keys: KeySource, cipher: SecretCipher, store: CredentialStore, batch_size: int = 100
    ) -> None:
        self._keys = keys
        self._cipher = cipher
        self._store = store
        self._batch_size = batch_size

    async def __call__(self, max_passes: int = 1000) -> RewrapReport:
        active = await self._keys.active_kek_id()
        rewrapped = skipped = 0
        for _ in range(max_passes):
            rows = await self._store.repository.rows_not_under(active, limit=self._batch_size)
            if not rows:
                break
            for row in rows:
                new = await self._cipher.rewrap(row.sealed, binding_of(row.credential))
                swapped = await self._store.repository.replace_sealed(
                    row.credential.id, row.sealed, new
                )
                await self._store.evict(row.credential.tenant, row.credential.id)
                rewrapped += swapped
                skipped += not swapped
        return RewrapReport(active_kek_id=active, rewrapped=rewrapped, skipped=skipped)
