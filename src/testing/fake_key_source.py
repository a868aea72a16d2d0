"""An in-memory, rotatable keyring for tests and embedded hosts: LocalKeyring without a file.

It runs the real wrap/unwrap code (AES-256-GCM) and passes the KeySource contract suite;
only the storage is a list in memory, so nothing touches the disk.
"""

from __future__ import annotations

from integration_api.adapters.keys.keyring_records import KeyRecord, new_record
from integration_api.adapters.keys.keyring_store import KeyringStore
from integration_api.adapters.keys.local_keyring import LocalKeyring
from integration_api.domain.errors import Conflict, NotFound


class MemoryKeyringStore(KeyringStore):
    description = "in-memory keyring"

    def __init__(self) -> None:
        self._records = [new_record([])]

    def load(self) -> list[KeyRecord]:
        return list(self._records)

    def changed(self) -> bool:
        return False

    def append(self) -> list[KeyRecord]:
        self._records.append(new_record(self._records))
        return list(self._records)

    def remove(self, kek_id: str) -> list[KeyRecord]:
        if kek_id not in {r.id for r in self._records}:
            raise NotFound(f"the in-memory keyring has no KEK {kek_id!r}")
        if self._records[-1].id == kek_id:
            raise Conflict(f"KEK {kek_id!r} is the active KEK; rotate before retiring it")
        self._records = [r for r in self._records if r.id != kek_id]
        return list(self._records)

    def __repr__(self) -> str:
        return "MemoryKeyringStore()"


def in_memory_key_source() -> LocalKeyring:
    """A fresh keyring with one random KEK `v1`; `rotate()` adds `v2`, `v3`..."""
    return LocalKeyring(MemoryKeyringStore())
