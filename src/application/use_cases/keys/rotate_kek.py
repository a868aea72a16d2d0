from __future__ import annotations

from integration_api.application.ports.key_source import KeySource
from integration_api.application.use_cases.keys.rewrap_keys import RewrapKeys, RewrapReport


class RotateKek:
    """Adds a new active KEK, then rewraps every row under it. Old KEKs keep unwrapping
    until retired, so requests in flight never fail."""

    def __init__(self, keys: KeySource, rewrap: RewrapKeys) -> None:
        self._keys = keys
        self._rewrap = rewrap

    async def __call__(self) -> RewrapReport:
        await self._keys.rotate()
        return await self._rewrap()
