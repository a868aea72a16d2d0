"""Alembic environment for SQLite (aiosqlite) and PostgreSQL (asyncpg).

Run through `integration_api.adapters.persistence.migrate.run_migrations(url)`, which
passes the URL in `config.attributes["url"]` (no alembic.ini). The engine is async; the
migration itself runs in `run_sync` on one connection.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from integration_api.adapters.persistence.database import async_url, create_database


def _url() -> str:
    url = context.config.attributes.get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: call run_migrations(url)")
    return str(url)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=None,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: str) -> None:
    database = create_database(url)
    try:
        async with database.engine.connect() as connection:
            await connection.run_sync(_migrate)
            await connection.commit()
    finally:
        await database.aclose()


def _run_offline(url: str) -> None:
    context.configure(url=async_url(url), literal_binds=True, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline(_url())
else:
    asyncio.run(_run_online(_url()))
