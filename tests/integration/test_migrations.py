"""Migrations run on SQLite and PostgreSQL, twice, and build exactly the tables the code uses."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from integration_api.adapters.persistence.database import create_database
from integration_api.adapters.persistence.migrate import (
    alembic_config,
    migrations_directory,
    run_migrations,
    run_migrations_async,
)
from integration_api.adapters.persistence.tables import metadata


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [d for d in compare_metadata(context, metadata)]


def _state(connection: Connection) -> tuple[set[str], str | None]:
    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return set(inspect(connection).get_table_names()), version


async def test_upgrade_head_twice_matches_the_tables_module(database_url: str):
    await run_migrations_async(database_url)
    await run_migrations_async(database_url)  # already at head: a no-op, not an error

    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    database = create_database(database_url)
    try:
        async with database.engine.connect() as conn:
            tables, version = await conn.run_sync(_state)
            differences = await conn.run_sync(_differences)
    finally:
        await database.aclose()
    assert {"credentials", "api_tokens", "audit_log"} <= tables
    assert version == head
    assert differences == []


def test_sync_migrate_then_async_migrate_is_a_no_op(sqlite_url: str):
    run_migrations(sqlite_url)

    asyncio.run(run_migrations_async(sqlite_url))

    assert _tables(sqlite_url) >= {"credentials", "api_tokens", "audit_log"}


async def test_sync_migrate_refuses_a_running_loop(sqlite_url: str):
    with pytest.raises(RuntimeError, match="run_migrations_async"):
        run_migrations(sqlite_url)


def _tables(url: str) -> set[str]:
    async def read() -> set[str]:
        database = create_database(url)
        try:
            async with database.engine.connect() as conn:
                tables, _ = await conn.run_sync(_state)
        finally:
            await database.aclose()
        return tables

    return asyncio.run(read())


def test_migrations_ship_inside_the_package():
    folder = migrations_directory()

    assert (folder / "env.py").is_file()
    assert any(p.name.endswith("_initial.py") for p in (folder / "versions").iterdir())
