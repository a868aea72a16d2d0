"""CredentialRepository on SQL: tenant-scoped rows, cursor pages, compare-and-swap rewrap."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.exc import IntegrityError

from integration_api.adapters.persistence.credential_rows import (
    from_row,
    metadata_values,
    mutable_values,
    sealed_values,
    to_values,
)
from integration_api.adapters.persistence.cursor import clamp_limit, decode_cursor, encode_cursor
from integration_api.adapters.persistence.database import Database
from integration_api.adapters.persistence.errors import database_errors
from integration_api.adapters.persistence.health import ping
from integration_api.adapters.persistence.tables import credentials as t
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.domain.credentials import Credential, StoredCredential
from integration_api.domain.errors import AlreadyExists, Conflict, NotFound
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant


def _in_tenant(tenant: Tenant) -> ColumnElement[bool]:
    return and_(t.c.organization_id == tenant.organization_id, t.c.project_id == tenant.project_id)


class SqlCredentialRepository(CredentialRepository):
    """Credential rows in the `credentials` table; pages ordered by (created_at, id)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(self, row: StoredCredential) -> None:
        async with database_errors():
            try:
                async with self._db.engine.begin() as conn:
                    await conn.execute(insert(t).values(**to_values(row)))
            except IntegrityError:
                raise await self._duplicate(row.credential.id) from None

    async def _duplicate(self, credential_id: str) -> AlreadyExists:
        async with self._db.engine.connect() as conn:
            found = await conn.scalar(select(t.c.id).where(t.c.id == credential_id))
        if found is not None:
            return AlreadyExists("a credential with this id exists", field="id")
        return AlreadyExists("a credential with this name exists", field="name")

    async def get(self, tenant: Tenant, credential_id: str) -> StoredCredential | None:
        query = select(t).where(_in_tenant(tenant), t.c.id == credential_id)
        async with database_errors(), self._db.engine.connect() as conn:
            found = (await conn.execute(query)).mappings().first()
        return None if found is None else from_row(found)

    async def list(
        self, tenant: Tenant, *, provider: str | None, cursor: str | None, limit: int
    ) -> Page[StoredCredential]:
        limit = clamp_limit(limit, MAX_PAGE_SIZE)
        query = select(t).where(_in_tenant(tenant))
        if provider is not None:
            query = query.where(t.c.provider == provider)
        if cursor is not None:
            at, last_id = decode_cursor(cursor)
            query = query.where(
                or_(t.c.created_at > at, and_(t.c.created_at == at, t.c.id > last_id))
            )
        query = query.order_by(t.c.created_at, t.c.id).limit(limit + 1)
        async with database_errors(), self._db.engine.connect() as conn:
            rows = [from_row(r) for r in (await conn.execute(query)).mappings()]
        if len(rows) <= limit:
            return Page(items=tuple(rows))
        last = rows[limit - 1].credential
        return Page(items=tuple(rows[:limit]), next_cursor=encode_cursor(last.created_at, last.id))

    async def update_metadata(self, credential: Credential) -> None:
        guard = t.c.secret_version == credential.secret_version
        await self._guarded_update(credential, guard, mutable_values(credential))

    async def replace_secret(self, row: StoredCredential, *, expected_version: int) -> None:
        values = {**metadata_values(row.credential), **sealed_values(row.sealed)}
        await self._guarded_update(row.credential, t.c.secret_version == expected_version, values)

    async def _guarded_update(
        self, credential: Credential, guard: ColumnElement[bool], values: dict[str, Any]
    ) -> None:
        where = (_in_tenant(credential.tenant), t.c.id == credential.id)
        statement = update(t).where(*where, guard).values(**values)
        async with database_errors():
            try:
                async with self._db.engine.begin() as conn:
                    changed = (await conn.execute(statement)).rowcount
                    exists = changed or (await conn.execute(select(t.c.id).where(*where))).first()
            except IntegrityError:
                raise AlreadyExists("a credential with this name exists", field="name") from None
        if not exists:
            raise NotFound("credential not found", field="id")
        if not changed:
            raise Conflict("the credential's secret changed meanwhile; retry", field="id")

    async def delete(self, tenant: Tenant, credential_id: str) -> bool:
        statement = sql_delete(t).where(_in_tenant(tenant), t.c.id == credential_id)
        async with database_errors(), self._db.engine.begin() as conn:
            return bool((await conn.execute(statement)).rowcount)

    async def rows_not_under(self, kek_id: str, *, limit: int) -> builtins.list[StoredCredential]:
        query = select(t).where(t.c.kek_id != kek_id).order_by(t.c.created_at, t.c.id).limit(limit)
        async with database_errors(), self._db.engine.connect() as conn:
            return [from_row(r) for r in (await conn.execute(query)).mappings()]

    async def replace_sealed(
        self, credential_id: str, expected: SealedSecret, new: SealedSecret
    ) -> bool:
        statement = (
            update(t)
            .where(
                t.c.id == credential_id,
                t.c.kek_id == expected.kek_id,
                t.c.wrapped_key == expected.wrapped_key,
                t.c.nonce == expected.nonce,
                t.c.ciphertext == expected.ciphertext,
            )
            .values(**sealed_values(new))
        )
        async with database_errors(), self._db.engine.begin() as conn:
            return bool((await conn.execute(statement)).rowcount)

    async def count_by_kek(self) -> dict[str, int]:
        query = select(t.c.kek_id, func.count()).group_by(t.c.kek_id)
        async with database_errors(), self._db.engine.connect() as conn:
            return {kek: int(n) for kek, n in (await conn.execute(query)).all()}

    async def ping(self) -> bool:
        return await ping(self._db)
