"""In-memory ApiTokenRepository for tests and embedded hosts."""

from __future__ import annotations

from datetime import datetime

import msgspec

from integration_api.application.ports.api_token_repository import (
    ApiTokenRecord,
    ApiTokenRepository,
)
from integration_api.domain.errors import AlreadyExists


class InMemoryApiTokenRepository(ApiTokenRepository):
    """Holds token records in a dict. `add` raises AlreadyExists for a duplicate id; `revoke`
    returns True only when it revoked a live token (unknown or already revoked: False)."""

    def __init__(self) -> None:
        self._records: dict[str, ApiTokenRecord] = {}

    async def add(self, record: ApiTokenRecord) -> None:
        if record.id in self._records:
            raise AlreadyExists("a token with this id exists", field="id")
        self._records[record.id] = record

    async def get(self, token_id: str) -> ApiTokenRecord | None:
        return self._records.get(token_id)

    async def list(self) -> list[ApiTokenRecord]:
        return sorted(self._records.values(), key=lambda r: (r.created_at, r.id))

    async def revoke(self, token_id: str, at: datetime) -> bool:
        record = self._records.get(token_id)
        if record is None or record.revoked_at is not None:
            return False
        self._records[token_id] = msgspec.structs.replace(record, revoked_at=at)
        return True
