"""CredentialRepository contract: in-memory, SQLite and PostgreSQL behave the same."""

from __future__ import annotations

from datetime import timedelta, timezone

import msgspec
import pytest
from storage_builders import OTHER_TENANT, T0, TENANT, sealed, stored

from integration_api.application.ports.credential_repository import CredentialRepository
from integration_api.domain.credentials import CredentialStatus, StoredCredential
from integration_api.domain.errors import AlreadyExists, Conflict, NotFound, ValidationFailed


async def all_pages(
    repo: CredentialRepository, *, limit: int, provider: str | None = None
) -> list[StoredCredential]:
    rows: list[StoredCredential] = []
    cursor: str | None = None
    while True:
        page = await repo.list(TENANT, provider=provider, cursor=cursor, limit=limit)
        assert len(page.items) <= limit
        rows.extend(page.items)
        if page.next_cursor is None:
            return rows
        cursor = page.next_cursor


async def test_add_then_get_returns_the_same_row(credential_repository: CredentialRepository):
    row = stored()
    await credential_repository.add(row)

    assert await credential_repository.get(TENANT, row.credential.id) == row


async def test_datetimes_read_back_as_aware_utc(credential_repository: CredentialRepository):
    plus_two = timezone(timedelta(hours=2))
    row = stored(created_at=T0.astimezone(plus_two))
    await credential_repository.add(row)

    found = await credential_repository.get(TENANT, row.credential.id)

    assert found is not None
    assert found.credential.created_at == T0
    assert found.credential.created_at.utcoffset() == timedelta(0)


async def test_another_tenant_sees_nothing(credential_repository: CredentialRepository):
    row = stored()
    await credential_repository.add(row)

    assert await credential_repository.get(OTHER_TENANT, row.credential.id) is None
    page = await credential_repository.list(OTHER_TENANT, provider=None, cursor=None, limit=10)
    assert page.items == ()
    assert await credential_repository.delete(OTHER_TENANT, row.credential.id) is False
    assert await credential_repository.get(TENANT, row.credential.id) == row


async def test_duplicate_name_in_a_tenant_is_refused(credential_repository: CredentialRepository):
    await credential_repository.add(stored(name="prod"))

    with pytest.raises(AlreadyExists) as raised:
        await credential_repository.add(stored(name="prod"))

    assert raised.value.field == "name"
    await credential_repository.add(stored(name="prod", tenant=OTHER_TENANT))  # other tenant: ok


async def test_duplicate_id_is_refused(credential_repository: CredentialRepository):
    row = stored()
    await credential_repository.add(row)

    with pytest.raises(AlreadyExists) as raised:
        await credential_repository.add(stored(credential_id=row.credential.id, name="other"))

    assert raised.value.field == "id"


async def test_pages_cover_every_row_once_in_creation_order(
    credential_repository: CredentialRepository,
):
    rows = [stored(created_at=T0 + timedelta(seconds=i)) for i in range(7)]
    # Equal timestamps are ordered by id, so a page boundary between them loses nothing.
    rows += [stored(created_at=T0 + timedelta(seconds=3)) for _ in range(3)]
    for row in reversed(rows):
        await credential_repository.add(row)
    await credential_repository.add(stored(tenant=OTHER_TENANT))

    listed = await all_pages(credential_repository, limit=3)

    expected = sorted(rows, key=lambda r: (r.credential.created_at, r.credential.id))
    assert [r.credential.id for r in listed] == [r.credential.id for r in expected]


async def test_list_filters_by_provider(credential_repository: CredentialRepository):
    await credential_repository.add(stored(provider="openai"))
    anthropic = stored(provider="anthropic")
    await credential_repository.add(anthropic)

    listed = await all_pages(credential_repository, limit=10, provider="anthropic")

    assert listed == [anthropic]


async def test_a_foreign_cursor_is_a_validation_error(credential_repository: CredentialRepository):
    with pytest.raises(ValidationFailed) as raised:
        await credential_repository.list(TENANT, provider=None, cursor="not-a-cursor", limit=5)

    assert raised.value.field == "cursor"


async def test_replace_secret_writes_the_envelope_and_metadata(
    credential_repository: CredentialRepository,
):
    row = stored()
    await credential_repository.add(row)
    changed = StoredCredential(
        credential=msgspec.structs.replace(
            row.credential,
            name="renamed",
            config={"region": "us"},
            status=CredentialStatus.INVALID,
            last_error="provider_auth_failed",
            verified_at=T0 + timedelta(minutes=1),
            updated_at=T0 + timedelta(minutes=1),
            secret_version=2,
            fingerprint="sk-...new1",
        ),
        sealed=sealed("kek-2", b"v2"),
    )

    await credential_repository.replace_secret(changed, expected_version=1)

    assert await credential_repository.get(TENANT, row.credential.id) == changed


async def test_replace_secret_loses_to_an_earlier_rotation(
    credential_repository: CredentialRepository,
):
    row = stored()
    await credential_repository.add(row)
    first = StoredCredential(
        credential=msgspec.structs.replace(row.credential, secret_version=2),
        sealed=sealed("kek-1", b"first"),
    )
    second = StoredCredential(
        credential=msgspec.structs.replace(row.credential, secret_version=2),
        sealed=sealed("kek-1", b"second"),
    )
    await credential_repository.replace_secret(first, expected_version=1)

    with pytest.raises(Conflict):
        await credential_repository.replace_secret(second, expected_version=1)
    assert await credential_repository.get(TENANT, row.credential.id) == first


async def test_update_metadata_never_touches_the_envelope(
    credential_repository: CredentialRepository,
):
    row = stored()
    await credential_repository.add(row)
    rewrapped = sealed("kek-2", b"rewrapped")
    assert await credential_repository.replace_sealed(row.credential.id, row.sealed, rewrapped)
    stale = msgspec.structs.replace(
        row.credential,
        name="renamed",
        status=CredentialStatus.VALID,
        verified_at=T0 + timedelta(minutes=2),
        updated_at=T0 + timedelta(minutes=2),
    )

    await credential_repository.update_metadata(stale)

    now = await credential_repository.get(TENANT, row.credential.id)
    assert now is not None
    assert now.sealed == rewrapped
    assert now.credential == stale


async def test_update_metadata_after_a_secret_rotation_is_a_conflict(
    credential_repository: CredentialRepository,
):
    row = stored()
    await credential_repository.add(row)
    rotated = StoredCredential(
        credential=msgspec.structs.replace(row.credential, secret_version=2),
        sealed=sealed("kek-1", b"v2"),
    )
    await credential_repository.replace_secret(rotated, expected_version=1)
    stale = msgspec.structs.replace(row.credential, status=CredentialStatus.INVALID)

    with pytest.raises(Conflict):
        await credential_repository.update_metadata(stale)
    assert await credential_repository.get(TENANT, row.credential.id) == rotated


async def test_updates_of_a_missing_or_foreign_row_are_not_found(
    credential_repository: CredentialRepository,
):
    row = stored()
    with pytest.raises(NotFound):
        await credential_repository.update_metadata(row.credential)
    with pytest.raises(NotFound):
        await credential_repository.replace_secret(row, expected_version=1)
    await credential_repository.add(row)
    foreign = msgspec.structs.replace(row.credential, tenant=OTHER_TENANT)

    with pytest.raises(NotFound):
        await credential_repository.update_metadata(foreign)
    with pytest.raises(NotFound):
        await credential_repository.replace_secret(
            StoredCredential(credential=foreign, sealed=row.sealed), expected_version=1
        )


async def test_update_to_a_taken_name_is_refused(credential_repository: CredentialRepository):
    await credential_repository.add(stored(name="taken"))
    row = stored(name="free")
    await credential_repository.add(row)

    with pytest.raises(AlreadyExists):
        await credential_repository.update_metadata(
            msgspec.structs.replace(row.credential, name="taken")
        )


async def test_delete_removes_the_row_once(credential_repository: CredentialRepository):
    row = stored()
    await credential_repository.add(row)

    assert await credential_repository.delete(TENANT, row.credential.id) is True
    assert await credential_repository.delete(TENANT, row.credential.id) is False
    assert await credential_repository.get(TENANT, row.credential.id) is None


async def test_rows_not_under_and_count_by_kek_span_tenants(
    credential_repository: CredentialRepository,
):
    old = [stored(kek_id="kek-1", created_at=T0 + timedelta(seconds=i)) for i in range(3)]
    old.append(stored(kek_id="kek-1", tenant=OTHER_TENANT, created_at=T0 + timedelta(seconds=9)))
    for row in [*old, stored(kek_id="kek-2")]:
        await credential_repository.add(row)

    assert await credential_repository.count_by_kek() == {"kek-1": 4, "kek-2": 1}
    batch = await credential_repository.rows_not_under("kek-2", limit=2)
    assert len(batch) == 2
    assert all(r.sealed.kek_id == "kek-1" for r in batch)
    everything = await credential_repository.rows_not_under("kek-2", limit=100)
    assert {r.credential.id for r in everything} == {r.credential.id for r in old}


async def test_replace_sealed_swaps_only_the_expected_envelope(
    credential_repository: CredentialRepository,
):
    row = stored(kek_id="kek-1")
    await credential_repository.add(row)
    rewrapped = sealed("kek-2", b"rewrapped")

    assert await credential_repository.replace_sealed(row.credential.id, row.sealed, rewrapped)
    # A second rewrap that still expects the old envelope lost the race: nothing changes.
    stale = sealed("kek-3", b"stale")
    assert not await credential_repository.replace_sealed(row.credential.id, row.sealed, stale)
    found = await credential_repository.get(TENANT, row.credential.id)
    assert found is not None
    assert found.sealed == rewrapped
    assert found.credential == row.credential
    assert not await credential_repository.replace_sealed("cred_missing", row.sealed, stale)


async def test_ping_answers_true(credential_repository: CredentialRepository):
    assert await credential_repository.ping() is True
