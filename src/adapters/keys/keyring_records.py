"""The keyring as data: ordered KEK records (the last one is active), decoded and checked."""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime

import msgspec

from integration_api.adapters.crypto import aead
from integration_api.domain.errors import KeyUnavailable

_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_VERSIONED_ID_RE = re.compile(r"^v(\d+)$")


class KeyRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One KEK as stored: `key` is base64 of 32 bytes. Its repr never shows the key."""

    id: str
    key: str
    created_at: str = ""

    def __repr__(self) -> str:
        return f"KeyRecord(id={self.id!r})"

    __str__ = __repr__


def decode_key(record: KeyRecord, where: str) -> bytes:
    """The raw key bytes; KeyUnavailable naming `where` and the id (never the value)."""
    if not _ID_RE.match(record.id):
        raise KeyUnavailable(f"{where}: KEK id {record.id[:64]!r} is not [A-Za-z0-9._-]{{1,64}}")
    text = record.key.strip().replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise KeyUnavailable(f"{where}: KEK {record.id!r} is not valid base64") from None


def check_unique(records: list[KeyRecord], where: str) -> None:
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            raise KeyUnavailable(f"{where}: KEK id {record.id!r} appears twice")
        seen.add(record.id)


def new_record(existing: list[KeyRecord]) -> KeyRecord:
    """A fresh random KEK with the next free id `v<n>`."""
    numbers = [int(m.group(1)) for r in existing if (m := _VERSIONED_ID_RE.match(r.id))]
    return KeyRecord(
        id=f"v{max(numbers, default=0) + 1}",
        key=base64.b64encode(aead.new_key()).decode(),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
