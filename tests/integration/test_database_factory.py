"""create_database: driver choice, SQLite folder creation and pragmas."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from integration_api.adapters.persistence.database import async_url, create_database


def test_plain_urls_get_the_async_drivers():
    assert async_url("sqlite:///x.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgresql+asyncpg://u@h/db").drivername == "postgresql+asyncpg"


async def test_sqlite_file_folder_is_created_with_wal_and_busy_timeout(tmp_path: Path):
    path = tmp_path / "nested" / "data" / "integration-api.db"
    database = create_database(f"sqlite:///{path}")
    try:
        async with database.engine.connect() as conn:
            journal = await conn.scalar(text("PRAGMA journal_mode"))
            busy = await conn.scalar(text("PRAGMA busy_timeout"))
    finally:
        await database.aclose()

    assert path.is_file()
    assert journal == "wal"
    assert busy == 5000
    assert database.is_sqlite
