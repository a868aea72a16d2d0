"""Turns driver failures into the domain error tree, so no SQLAlchemy type crosses a port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import SQLAlchemyError

from integration_api.domain.errors import IntegrationError, StorageUnavailable


class DatabaseUnavailable(StorageUnavailable):
    """The database did not answer or failed the statement (the message names no values)."""


@asynccontextmanager
async def database_errors() -> AsyncIterator[None]:
    """Re-raises driver and connection errors as DatabaseUnavailable."""
    try:
        yield
    except IntegrationError:
        raise
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseUnavailable(f"database error ({type(exc).__name__})") from exc
