"""The engine factory: one `Database` per process, SQLite (aiosqlite) or PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# Plain driver-less URLs a user may type, mapped to the async drivers we ship.
_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
}

SQLITE_BUSY_TIMEOUT_MS = 5000


class Database:
    """An async engine and its session factory; `aclose()` disposes the pool."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            engine, expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    async def aclose(self) -> None:
        await self.engine.dispose()


def async_url(url: str) -> URL:
    """Parses `url`, choosing the async driver when the URL names none."""
    parsed = make_url(url)
    return parsed.set(drivername=_ASYNC_DRIVERS.get(parsed.drivername, parsed.drivername))


def create_database(url: str, *, pool_size: int = 10, connect_timeout: float = 5.0) -> Database:
    """Builds the engine (no connection is made yet). For a SQLite file, creates its folder."""
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Database(_sqlite_engine(parsed))
    engine = create_async_engine(
        parsed,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,  # a restarted PostgreSQL must not leave dead connections behind
        pool_timeout=connect_timeout,
        hide_parameters=True,  # errors must not echo row values into logs
        connect_args={"timeout": connect_timeout},
    )
    return Database(engine)


def _sqlite_engine(url: URL) -> AsyncEngine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, hide_parameters=True)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run during a write; busy_timeout makes writers queue, not fail.
    cursor = dbapi_connection.cursor()
    # busy_timeout first: switching to WAL itself needs a lock another process may hold
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
