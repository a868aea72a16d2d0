"""InMemoryCredentialRepository: the CredentialRepository contract in a dict, for tests
and embedded hosts. Passes the same contract suite as the SQL repository."""

from __future__ import annotations

import builtins
from collections import Counter
from datetime import UTC

import msgspec

from integration_api.adapters.persistence.cursor import (
    clamp_limit,
    decode_cursor,
    encode_cursor,
)
from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.domain.credentials import Credential, StoredCredential
from integration_api.domain.errors import AlreadyExists, Conflict, NotFound
from integration_api.domain.paging import MAX_PAGE_SIZE, Page
from integration_api.domain.secrets import SealedSecret
from integration_api.domain.tenancy import Tenant


def _in_utc(row: StoredCredential) -> StoredCredential:
    """Stores times as UTC, as the SQL repository reads them back."""
    c = row.credential
    credential = msgspec.structs.replace(
        c,
        created_at=c.created_at.astimezone(UTC),
        updated_at=c.updated_at.astimezone(UTC),
        verified_at=c.verified_at.astimezone(UTC) if c.verified_at else None,
    )
    return StoredCredential(credential=credential, sealed=row.sealed)


def _order(row: StoredCredential) -> tuple[object, str]:
    return (row.credential.created_at, row.credential.id)


class InMemoryCredentialRepository(CredentialRepository):
    """Rows by id; same ordering, uniqueness and tenant rules as the SQL repository."""

    def __init__(self) -> None:
        self._rows: dict[str, StoredCredential] = {}

    async def add(self, row: StoredCredential) -> None:
        credential = row.credential
        if credential.id in self._rows:
            raise AlreadyExists("a credential with this id exists", field="id")
        self._check_name_free(row)
        self._rows[credential.id] = _in_utc(row)

    async def get(self, tenant: Tenant, credential_id: str) -> StoredCredential | None:
        row = self._rows.get(credential_id)
        return row if row is not None and row.credential.tenant == tenant else None

    async def list(
        self, tenant: Tenant, *, provider: str | None, cursor: str | None, limit: int
    ) -> Page[StoredCredential]:
        limit = clamp_limit(limit, MAX_PAGE_SIZE)
        rows = sorted(
            (
                r
                for r in self._rows.values()
                if r.credential.tenant == tenant
                and (provider is None or r.credential.provider == provider)
            ),
            key=_order,
        )
        if cursor is not None:
            position = decode_cursor(cursor)
            rows = [r for r in rows if _order(r) > position]
        if len(rows) <= limit:
            return Page(items=tuple(rows))
        last = rows[limit - 1].credential
        return Page(items=tuple(rows[:limit]), next_cursor=encode_cursor(last.created_at, last.id))

    async def update_metadata(self, credential: Credential) -> None:
        current = self._guard(credential, credential.secret_version)
        updated = msgspec.structs.replace(
            current.credential,
            name=credential.name,
            config=dict(credential.config),
            status=credential.status,
            verified_at=credential.verified_at,
            last_error=credential.last_error,
            updated_at=credential.updated_at,
        )
        row = StoredCredential(credential=updated, sealed=current.sealed)
        self._check_name_free(row)
        self._rows[credential.id] = _in_utc(row)

    async def replace_secret(self, row: StoredCredential, *, expected_version: int) -> None:
        self._guard(row.credential, expected_version)
        self._check_name_free(row)
        self._rows[row.credential.id] = _in_utc(row)

    def _guard(self, credential: Credential, version: int) -> StoredCredential:
        current = self._rows.get(credential.id)
        if current is None or current.credential.tenant != credential.tenant:
            raise NotFound("credential not found", field="id")
        if current.credential.secret_version != version:
            raise Conflict("the credential's secret changed meanwhile; retry", field="id")
        return current

    async def delete(self, tenant: Tenant, credential_id: str) -> bool:
        if await self.get(tenant, credential_id) is None:
            return False
        del self._rows[credential_id]
        return True

    async def rows_not_under(self, kek_id: str, *, limit: int) -> builtins.list[StoredCredential]:
        rows = sorted((r for r in self._rows.values() if r.sealed.kek_id != kek_id), key=_order)
        return rows[:limit]

    async def replace_sealed(
        self, credential_id: str, expected: SealedSecret, new: SealedSecret
    ) -> bool:
        row = self._rows.get(credential_id)
        if row is None or row.sealed != expected:
            return False
        self._rows[credential_id] = StoredCredential(credential=row.credential, sealed=new)
        return True

    async def count_by_kek(self) -> dict[str, int]:
        return dict(Counter(r.sealed.kek_id for r in self._rows.values()))

    async def ping(self) -> bool:
        return True

    def _check_name_free(self, row: StoredCredential) -> None:
        credential = row.credential
        for other in self._rows.values():
            if (
                other.credential.id != credential.id
                and other.credential.tenant == credential.tenant
                and other.credential.name == credential.name
            ):
                raise AlreadyExists("a credential with this name exists", field="name")
