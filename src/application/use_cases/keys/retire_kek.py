from __future__ import annotations

from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.application.ports.key_source import KeySource
from integration_api.domain.errors import Conflict, NotFound


class RetireKek:
    """Forgets a KEK; refused while it is active or any row still uses it."""

    def __init__(self, keys: KeySource, repository: CredentialRepository) -> None:
        self._keys = keys
        self._repository = repository

    async def __call__(self, kek_id: str) -> None:
        if kek_id not in await self._keys.kek_ids():
            raise NotFound(f"no KEK '{kek_id}'", field="kek_id")
        if kek_id == await self._keys.active_kek_id():
            raise Conflict(f"KEK '{kek_id}' is active; rotate first", field="kek_id")
        rows = (await self._repository.count_by_kek()).get(kek_id, 0)
        if rows:
            raise Conflict(
                f"KEK '{kek_id}' still wraps {rows} row(s); run 'keys rotate' (rewrap) first",
                field="kek_id",
            )
        await self._keys.retire(kek_id)
