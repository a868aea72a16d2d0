from __future__ import annotations

from typing import Protocol

import msgspec


class WrappedKey(msgspec.Struct, frozen=True, kw_only=True):
    kek_id: str
    blob: bytes


class KeySource(Protocol):
    """Wraps and unwraps 256-bit data keys under key-encryption keys (KEKs).

    `context` is bound to the wrap (KMS encryption context / associated data): unwrapping with
    another context fails. Raises KeyUnavailable when a KEK is unknown, retired or unreachable,
    SecretUnreadable when a wrapped key fails authentication. Never returns garbage.
    """

    async def active_kek_id(self) -> str: ...

    async def wrap(self, data_key: bytes, context: dict[str, str]) -> WrappedKey: ...

    async def unwrap(self, wrapped: WrappedKey, context: dict[str, str]) -> bytes: ...

    async def kek_ids(self) -> tuple[str, ...]:
        """Every KEK this source can still unwrap with, active one included."""
        ...

    async def rotate(self) -> str:
        """Adds a new KEK and makes it active; returns its id. Old KEKs still unwrap."""
        ...

    async def retire(self, kek_id: str) -> None:
        """Forgets a non-active KEK. Callers check no row still uses it."""
        ...

    async def ping(self) -> bool: ...
