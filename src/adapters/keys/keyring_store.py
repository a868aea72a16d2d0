"""Where a LocalKeyring's records come from: the env variable (read-only) or a 0600 file."""

from __future__ import annotations

from typing import Protocol

from integration_api.adapters.keys.keyring_records import KeyRecord, check_unique
from integration_api.domain.errors import KeyUnavailable

ENV_VARIABLE = "INTEGRATION_API_KEYRING"


class KeyringStore(Protocol):
    """Loads and edits the ordered KEK records; the last record is the active KEK."""

    description: str

    def load(self) -> list[KeyRecord]: ...

    def changed(self) -> bool:
        """True when the source changed since the last load/append/remove (cheap)."""
        ...

    def append(self) -> list[KeyRecord]:
        """Adds a fresh KEK at the end (making it active); returns all records."""
        ...

    def remove(self, kek_id: str) -> list[KeyRecord]:
        """Removes a non-active KEK; returns the remaining records."""
        ...


class EnvKeyringStore(KeyringStore):
    """`id1:base64key,id2:base64key` from INTEGRATION_API_KEYRING; edited only by hand."""

    description = ENV_VARIABLE

    def __init__(self, text: str) -> None:
        self._text = text

    def load(self) -> list[KeyRecord]:
        records = []
        for index, entry in enumerate(filter(None, (e.strip() for e in self._text.split(","))), 1):
            kek_id, sep, key = entry.partition(":")
            if not sep or not kek_id.strip():
                raise KeyUnavailable(f"{ENV_VARIABLE} entry {index} is not `id:base64key`")
            records.append(KeyRecord(id=kek_id.strip(), key=key.strip()))
        check_unique(records, ENV_VARIABLE)
        return records

    def changed(self) -> bool:
        return False

    def append(self) -> list[KeyRecord]:
        raise KeyUnavailable(
            f"the keyring comes from {ENV_VARIABLE}, which this service cannot edit: append a "
            "new `id:base64key` entry (32 random bytes) to the variable and restart"
        )

    def remove(self, kek_id: str) -> list[KeyRecord]:
        raise KeyUnavailable(
            f"the keyring comes from {ENV_VARIABLE}, which this service cannot edit: remove "
            f"the {kek_id!r} entry from the variable and restart"
        )

    def __repr__(self) -> str:
        return "EnvKeyringStore()"
