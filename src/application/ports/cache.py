from __future__ import annotations

from typing import Protocol


class Cache(Protocol):
    """Bytes by key with a TTL. Holds ciphertext rows, model lists, never plaintext secrets.

    A cache outage must not fail requests: adapters answer a miss and log, except `ping`.
    """

    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None: ...

    async def delete(self, key: str) -> None: ...

    async def ping(self) -> bool: ...
