"""Readiness probe for the database."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from integration_api.adapters.persistence.database import Database
from integration_api.application.ports.health_check import HealthCheck


async def ping(database: Database) -> bool:
    """True when `SELECT 1` succeeds; never raises."""
    try:
        async with database.engine.connect() as conn:
            await conn.scalar(select(1))
    except Exception:  # any failure means "not answering"; callers only need the bool
        return False
    return True


class DatabaseHealthCheck(HealthCheck):
    """`SELECT 1` within `timeout` seconds; False on any error or delay, never raises."""

    name = "database"

    def __init__(self, database: Database, *, timeout: float = 1.0) -> None:
        self._db = database
        self._timeout = timeout

    async def check(self) -> bool:
        try:
            return await asyncio.wait_for(ping(self._db), self._timeout)
        except TimeoutError:
            return False
