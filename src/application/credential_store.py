"""Cache-aside access to credential rows. The cache holds ciphertext rows only."""

from __future__ import annotations

import msgspec

from integration_api.application.ports.cache import Cache
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.domain.credentials import StoredCredential
from integration_api.domain.errors import NotFound
from integration_api.domain.tenancy import Tenant

_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(StoredCredential)


def cache_key(tenant: Tenant, credential_id: str) -> str:
    return f"cred:{tenant.organization_id}:{tenant.project_id}:{credential_id}"


class CredentialStore:
    """Reads through the cache; every write path calls `evict` after the repository write,
    so another instance sharing the cache never serves a deleted or stale row."""

    def __init__(self, repository: CredentialRepository, cache: Cache, ttl: float) -> None:
        self.repository = repository
        self._cache = cache
        self._ttl = ttl

    async def load(self, tenant: Tenant, credential_id: str) -> StoredCredential:
        key = cache_key(tenant, credential_id)
        cached = await self._cache.get(key)
        if cached is not None:
            try:
                return _decoder.decode(cached)
            except msgspec.DecodeError:
                await self._cache.delete(key)
        row = await self.repository.get(tenant, credential_id)
        if row is None:
            raise NotFound(f"credential '{credential_id}' not found", field="credential_id")
        if self._ttl > 0:
            await self._cache.set(key, _encoder.encode(row), self._ttl)
        return row

    async def evict(self, tenant: Tenant, credential_id: str) -> None:
        await self._cache.delete(cache_key(tenant, credential_id))
