"""Direct edits of stored credential rows, as someone with write access to the database
(and not to the service) would make them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from integration_api.adapters.persistence.database import create_database
from integration_api.adapters.persistence.tables import credentials as t

SEALED_COLUMNS = ("kek_id", "wrapped_key", "nonce", "ciphertext", "format_version")


async def read_row(url: str, credential_id: str) -> dict[str, Any]:
    database = create_database(url)
    try:
        async with database.engine.connect() as conn:
            found = (await conn.execute(select(t).where(t.c.id == credential_id))).mappings().one()
            return dict(found)
    finally:
        await database.aclose()


async def write_row(url: str, credential_id: str, values: dict[str, Any]) -> None:
    database = create_database(url)
    try:
        async with database.engine.begin() as conn:
            changed = await conn.execute(update(t).where(t.c.id == credential_id).values(**values))
            assert changed.rowcount == 1
    finally:
        await database.aclose()


def flip_one_byte(blob: bytes) -> bytes:
    """`blob` with the bits of its middle byte inverted."""
    middle = len(blob) // 2
    return blob[:middle] + bytes([blob[middle] ^ 0xFF]) + blob[middle + 1 :]
