"""A bounded, short-lived in-memory map of unwrapped data keys.

It saves a key-source round trip (a KMS call) per open. It holds data keys only, never a
decrypted secret, and forgets each entry after `ttl` seconds or when it is the least recently
used one beyond `max_size`.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping

from integration_api.adapters.crypto.aead import canonical_context

CacheKey = tuple[str, bytes]


def cache_key(kek_id: str, wrapped_blob: bytes, context: Mapping[str, str]) -> CacheKey:
    """(KEK id, digest of wrapped blob + context): a blob moved to another context misses."""
    digest = hashlib.sha256(canonical_context(context) + b"\0" + wrapped_blob).digest()
    return kek_id, digest


class DataKeyCache:
    def __init__(
        self, *, ttl: float, max_size: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._max_size = max_size
        self._clock = clock
        self._entries: OrderedDict[CacheKey, tuple[float, bytes]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self._ttl > 0 and self._max_size > 0

    def get(self, key: CacheKey) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires_at, data_key = entry
        if self._clock() >= expires_at:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return data_key

    def put(self, key: CacheKey, data_key: bytes) -> None:
        if not self.enabled:
            return
        self._entries[key] = (self._clock() + self._ttl, data_key)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        # Never show the entries: they are key material.
        return f"DataKeyCache(size={len(self._entries)}, max_size={self._max_size})"
