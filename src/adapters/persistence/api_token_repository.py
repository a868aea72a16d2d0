"""ApiTokenRepository on SQL: token records keyed by id, holding only the token's hash."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError

from integration_api.adapters.persistence.database import Database
from integration_api.adapters.persistence.errors import database_errors
from integration_api.adapters.persistence.tables import api_tokens as t
from integration_api.application.ports.api_token_repository import (
    ApiTokenRecord,
    ApiTokenRepository,
)
from integration_api.domain.errors import AlreadyExists
from integration_api.domain.tenancy import Scope, Tenant


def _to_values(record: ApiTokenRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "organization_id": record.tenant.organization_id,
        "project_id": record.tenant.project_id,
        "scopes": " ".join(sorted(s.value for s in record.scopes)),
        "token_hash": record.token_hash,
        "created_at": record.created_at,
        "revoked_at": record.revoked_at,
        "expires_at": record.expires_at,
    }


def _from_row(row: RowMapping) -> ApiTokenRecord:
    return ApiTokenRecord(
        id=row["id"],
        name=row["name"],
        tenant=Tenant(organization_id=row["organization_id"], project_id=row["project_id"]),
        scopes=frozenset(Scope(s) for s in row["scopes"].split()),
        token_hash=bytes(row["token_hash"]),
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
        expires_at=row["expires_at"],
    )


class SqlApiTokenRepository(ApiTokenRepository):
    """Rows of `api_tokens`; `list` is ordered by (created_at, id)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(self, record: ApiTokenRecord) -> None:
        async with database_errors():
            try:
                async with self._db.engine.begin() as conn:
                    await conn.execute(insert(t).values(**_to_values(record)))
            except IntegrityError:
                raise AlreadyExists("a token with this id exists", field="id") from None

    async def get(self, token_id: str) -> ApiTokenRecord | None:
        async with database_errors(), self._db.engine.connect() as conn:
            row = (await conn.execute(select(t).where(t.c.id == token_id))).mappings().first()
        return None if row is None else _from_row(row)

    async def list(self) -> builtins.list[ApiTokenRecord]:
        query = select(t).order_by(t.c.created_at, t.c.id)
        async with database_errors(), self._db.engine.connect() as conn:
            return [_from_row(r) for r in (await conn.execute(query)).mappings()]

    async def revoke(self, token_id: str, at: datetime) -> bool:
        """Marks a live token revoked at `at`. False when the token is unknown or already
        revoked (the first revocation time is kept)."""
        statement = (
            update(t).where(t.c.id == token_id, t.c.revoked_at.is_(None)).values(revoked_at=at)
        )
        async with database_errors(), self._db.engine.begin() as conn:
            return bool((await conn.execute(statement)).rowcount)
