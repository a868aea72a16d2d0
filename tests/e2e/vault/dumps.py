"""What an attacker with a copy of the storage would read: every file of the SQLite data
folder, a `pg_dump` of the PostgreSQL database, and every key of the Redis database."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import redis.asyncio as aioredis
from sqlalchemy.engine import make_url

PG_DUMP = Path("/usr/lib/postgresql/15/bin/pg_dump")


def data_dir_files(data_dir: Path) -> dict[str, bytes]:
    """Every file under `data_dir` (the SQLite database with its -wal/-shm, the keyring...)."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()
    }


def pg_dump_binary() -> str:
    binary = str(PG_DUMP) if PG_DUMP.exists() else shutil.which("pg_dump")
    if binary is None:
        raise RuntimeError(f"pg_dump not found at {PG_DUMP} or on PATH")
    return binary


async def pg_dump(url: str) -> bytes:
    """A plain-text `pg_dump` (schema and data; bytea printed as hex) over loopback TCP."""
    binary = pg_dump_binary()
    parsed = make_url(url)
    env = {**os.environ, "PGPASSWORD": parsed.password or ""}
    process = await asyncio.create_subprocess_exec(
        binary,
        "--no-owner",
        "-h", parsed.host or "127.0.0.1",
        "-p", str(parsed.port or 5432),
        "-U", parsed.username or "postgres",
        parsed.database or "postgres",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    if process.returncode != 0:
        raise RuntimeError(f"pg_dump failed: {err.decode(errors='replace')}")
    return out


async def redis_dump(url: str) -> dict[bytes, list[bytes]]:
    """key -> [DUMP serialization, and the value itself for strings] for every key."""
    client = aioredis.Redis.from_url(url, socket_timeout=5)
    dumped: dict[bytes, list[bytes]] = {}
    try:
        async for key in client.scan_iter(count=500):
            blobs: list[bytes] = [bytes(await client.dump(key) or b"")]
            if await client.type(key) == b"string":
                blobs.append(bytes(await client.get(key) or b""))
            dumped[key] = blobs
    finally:
        await client.aclose()
    return dumped
