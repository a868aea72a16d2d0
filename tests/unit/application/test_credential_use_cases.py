import pytest

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.application.use_cases.credentials.update_credential import CredentialPatch
from integration_api.domain.credentials import CredentialStatus, StoredCredential
from integration_api.domain.errors import (
    NotFound,
    PermissionDenied,
    ProviderAuthFailed,
    ProviderUnavailable,
    ValidationFailed,
    VerificationFailed,
)
from integration_api.domain.tenancy import Scope
from tests.support.embedded import OTHER, Embedded, principal

KEY = "sk-unit-0123456789abcdefghij"


async def stored(embedded: Embedded) -> list[StoredCredential]:
    return await embedded.repository.rows_not_under("none", limit=1000)


def new(name: str = "main", key: str = KEY) -> NewCredential:
    return NewCredential(provider="fake", name=name, secret={"api_key": key})


async def test_create_verifies_then_stores_metadata_only(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new())
    assert created.status is CredentialStatus.VALID and created.verified_at is not None
    assert created.fingerprint == "sk-...ghij"
    (row,) = await stored(embedded)
    assert KEY.encode() not in row.sealed.ciphertext


async def test_a_rejected_key_stores_nothing(embedded: Embedded) -> None:
    embedded.fake.script(ProviderAuthFailed("bad key"))
    with pytest.raises(VerificationFailed) as info:
        await embedded.app.credentials.create(principal(), new())
    assert info.value.field == "secret"
    assert await stored(embedded) == []


async def test_a_provider_outage_during_verification_stores_nothing(embedded: Embedded) -> None:
    embedded.fake.script(ProviderUnavailable("down"))
    with pytest.raises(ProviderUnavailable):
        await embedded.app.credentials.create(principal(), new())
    assert await stored(embedded) == []


async def test_verify_false_stores_unverified(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new(), verify=False)
    assert created.status is CredentialStatus.UNVERIFIED
    assert embedded.fake.calls == []


async def test_scopes_and_tenancy_are_checked_first(embedded: Embedded) -> None:
    reader = principal(scopes=frozenset({Scope.CREDENTIALS_READ}))
    with pytest.raises(PermissionDenied):
        await embedded.app.credentials.create(reader, new())
    created = await embedded.app.credentials.create(principal(), new())
    with pytest.raises(NotFound):
        await embedded.app.credentials.get(principal(OTHER), created.id)
    with pytest.raises(NotFound):
        await embedded.app.credentials.delete(principal(OTHER), created.id)


async def test_unknown_fields_and_providers_name_the_field(embedded: Embedded) -> None:
    with pytest.raises(ValidationFailed) as info:
        await embedded.app.credentials.create(
            principal(), NewCredential(provider="fake", name="x", secret={"token": "t"})
        )
    assert info.value.field == "secret"
    assert "token" not in info.value.message  # a pasted key is never echoed
    with pytest.raises(ValidationFailed) as info:
        await embedded.app.credentials.create(
            principal(), NewCredential(provider="nope", name="x", secret={"api_key": "k"})
        )
    assert info.value.field == "provider"


async def test_rotate_secret_bumps_the_version_and_still_opens(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new())
    rotated = await embedded.app.credentials.rotate_secret(
        principal(), created.id, {"api_key": "sk-unit-rotated-0000000000wxyz"}
    )
    assert rotated.secret_version == 2 and rotated.fingerprint == "sk-...wxyz"
    verified = await embedded.app.credentials.verify(principal(), created.id)
    assert verified.status is CredentialStatus.VALID


async def test_update_and_delete_evict_the_cached_row(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new())
    await embedded.app.credentials.get(principal(), created.id)  # now cached
    await embedded.app.credentials.update(principal(), created.id, CredentialPatch(name="renamed"))
    assert (await embedded.app.credentials.get(principal(), created.id)).name == "renamed"
    await embedded.app.credentials.delete(principal(), created.id)
    with pytest.raises(NotFound):
        await embedded.app.credentials.get(principal(), created.id)


async def test_failed_verification_of_a_stored_key_is_recorded(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new())
    embedded.fake.script(ProviderAuthFailed("revoked upstream"))
    checked = await embedded.app.credentials.verify(principal(), created.id)
    assert checked.status is CredentialStatus.INVALID
    assert checked.last_error == "revoked upstream"


async def test_every_change_is_audited_without_secrets(embedded: Embedded) -> None:
    created = await embedded.app.credentials.create(principal(), new())
    await embedded.app.credentials.verify(principal(), created.id)
    await embedded.app.credentials.delete(principal(), created.id)
    page = await embedded.app.credentials.audit(principal())
    assert [e.action.value for e in page.items] == ["delete", "verify", "create"]
    assert all(KEY not in repr(e) for e in page.items)
    assert (await embedded.app.credentials.audit(principal(OTHER))).items == ()
