"""A small, bounded cache of recent successful token checks."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from integration_api.application.ports.api_token_repository import ApiTokenRecord


class PositiveTokenCache:
    """Remembers records that authenticated successfully, by token id, for `ttl` seconds.

    Only successes are cached, and the caller still compares the secret hash on every hit,
    so a wrong secret for a cached id is rejected. The oldest entry goes when `max_entries`
    is reached. `ttl <= 0` disables the cache.
    """

    def __init__(self, *, ttl: float, max_entries: int) -> None:
        self._ttl = timedelta(seconds=max(ttl, 0.0))
        self._max = max(max_entries, 1)
        self._entries: OrderedDict[str, tuple[ApiTokenRecord, datetime]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self._ttl > timedelta(0)

    def get(self, token_id: str, now: datetime) -> ApiTokenRecord | None:
        entry = self._entries.get(token_id)
        if entry is None:
            return None
        record, deadline = entry
        if now >= deadline:
            del self._entries[token_id]
            return None
        return record

    def put(self, record: ApiTokenRecord, now: datetime) -> None:
        if not self.enabled:
            return
        self._entries[record.id] = (record, now + self._ttl)
        self._entries.move_to_end(record.id)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    def evict(self, token_id: str) -> None:
        self._entries.pop(token_id, None)

    def __len__(self) -> int:
        return len(self._entries)
