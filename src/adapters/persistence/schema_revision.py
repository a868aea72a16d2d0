"""Is the schema at the newest revision? One query, no alembic import."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from integration_api.adapters.persistence.database import Database
from integration_api.migrations import HEAD as _HEAD

# migrations/ ships as a package mypy does not map (it lives outside src/)
HEAD: str = _HEAD
_QUERY = "SELECT version_num FROM alembic_version"


async def schema_is_current(database: Database) -> bool:
    try:
        async with database.engine.connect() as conn:
            revision = (await conn.execute(text(_QUERY))).scalar()
    except SQLAlchemyError:  # no alembic_version table yet
        return False
    return bool(revision == HEAD)


def sqlite_schema_is_current(url: str) -> bool:
    """The same for a SQLite URL, synchronously, for a process that has no loop yet."""
    path = make_url(url).database
    if not path or not Path(path).is_file():
        return False
    try:
        with closing(sqlite3.connect(path)) as conn:
            row = conn.execute(_QUERY).fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == HEAD
