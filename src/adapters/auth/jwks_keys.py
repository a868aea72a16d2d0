"""Signing keys from a JWKS URL, fetched off the event loop and remembered by key id."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import jwt


class JwksKeys:
    """Finds the key that signed a token. The blocking fetch (PyJWKClient uses urllib) runs
    in a worker thread; keys found are reused for `ttl` seconds, so a key removed from the
    JWKS stops working within that time. Raises jwt.PyJWTError when no key fits."""

    def __init__(
        self,
        url: str,
        *,
        ttl: float = 300.0,
        timeout: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=ttl, timeout=timeout)
        self._ttl = ttl
        self._monotonic = monotonic
        self._keys: dict[str, tuple[Any, float]] = {}

    async def key_for(self, token: str, kid: str | None) -> Any:
        now = self._monotonic()
        cached = self._keys.get(kid or "")
        if cached is not None and now < cached[1]:
            return cached[0]
        signing_key = await asyncio.to_thread(self._client.get_signing_key_from_jwt, token)
        if len(self._keys) >= 64:  # a JWKS holds a handful of keys; this only bounds abuse
            self._keys.clear()
        self._keys[kid or ""] = (signing_key.key, now + self._ttl)
        return signing_key.key
