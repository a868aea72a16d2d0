"""ApiTokenRepository contract: in-memory, SQLite and PostgreSQL behave the same."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

import msgspec
import pytest
from storage_builders import T0, TENANT

from integration_api.application.ports.api_token_repository import (
    ApiTokenRecord,
    ApiTokenRepository,
)
from integration_api.domain.errors import AlreadyExists
from integration_api.domain.tenancy import ALL_SCOPES, Scope


def token(*, name: str = "ci", offset: int = 0, **changes: object) -> ApiTokenRecord:
    record = ApiTokenRecord(
        id=f"tok_{uuid.uuid4().hex[:12]}",
        name=name,
        tenant=TENANT,
        scopes=frozenset({Scope.CREDENTIALS_READ}),
        token_hash=hashlib.sha256(b"fake-canary-token").digest(),
        created_at=T0 + timedelta(seconds=offset),
    )
    return msgspec.structs.replace(record, **changes)


async def test_add_then_get_round_trips(token_repository: ApiTokenRepository):
    record = token(scopes=ALL_SCOPES, expires_at=T0 + timedelta(days=30))
    await token_repository.add(record)

    assert await token_repository.get(record.id) == record


async def test_unknown_id_is_none(token_repository: ApiTokenRepository):
    assert await token_repository.get("tok_missing") is None


async def test_duplicate_id_is_refused(token_repository: ApiTokenRepository):
    record = token()
    await token_repository.add(record)

    with pytest.raises(AlreadyExists):
        await token_repository.add(record)


async def test_list_is_in_creation_order(token_repository: ApiTokenRepository):
    records = [token(name=f"t{i}", offset=i) for i in (2, 0, 1)]
    for record in records:
        await token_repository.add(record)

    listed = await token_repository.list()

    assert [r.name for r in listed] == ["t0", "t1", "t2"]


async def test_revoke_marks_a_live_token_once(token_repository: ApiTokenRepository):
    record = token()
    await token_repository.add(record)
    at = T0 + timedelta(hours=1)

    assert await token_repository.revoke(record.id, at) is True
    assert await token_repository.revoke(record.id, at + timedelta(hours=1)) is False
    assert await token_repository.revoke("tok_missing", at) is False
    found = await token_repository.get(record.id)
    assert found is not None
    assert found.revoked_at == at
