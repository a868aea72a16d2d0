from __future__ import annotations

import msgspec

from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.application.ports.key_source import KeySource


class KekUsage(msgspec.Struct, frozen=True, kw_only=True):
    kek_id: str
    active: bool
    rows: int


class KeyStatusReport(msgspec.Struct, frozen=True, kw_only=True):
    active_kek_id: str
    keks: tuple[KekUsage, ...]
    orphaned: dict[str, int]  # rows under a KEK the key source no longer has


class KeyStatus:
    """Which KEKs exist, which is active, and how many rows each still wraps."""

    def __init__(self, keys: KeySource, repository: CredentialRepository) -> None:
        self._keys = keys
        self._repository = repository

    async def __call__(self) -> KeyStatusReport:
        active = await self._keys.active_kek_id()
        counts = await self._repository.count_by_kek()
        known = await self._keys.kek_ids()
        keks = tuple(KekUsage(kek_id=k, active=k == active, rows=counts.get(k, 0)) for k in known)
        orphaned = {k: n for k, n in counts.items() if k not in known}
        return KeyStatusReport(active_kek_id=active, keks=keks, orphaned=orphaned)
