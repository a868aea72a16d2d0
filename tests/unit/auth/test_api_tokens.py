from __future__ import annotations

from datetime import timedelta

import pytest
from auth_test_clock import SteppingClock

from integration_api.adapters.auth.api_tokens import ApiTokenAuthenticator, mint_api_token
from integration_api.adapters.auth.token_format import hash_token_secret, parse_api_token
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Scope, Tenant
from integration_api.testing.memory_tokens import InMemoryApiTokenRepository

SCOPES = frozenset({Scope.INFERENCE, Scope.CREDENTIALS_READ})


async def _minted(
    repo: InMemoryApiTokenRepository, clock: SteppingClock, tenant: Tenant, **kw: object
) -> str:
    record, token = mint_api_token(name="ci-bot", tenant=tenant, scopes=SCOPES, clock=clock, **kw)  # type: ignore[arg-type]
    await repo.add(record)
    return token


def test_minted_token_has_the_documented_shape_and_only_its_hash_is_stored(
    clock: SteppingClock, tenant: Tenant
) -> None:
    record, token = mint_api_token(name="n", tenant=tenant, scopes=SCOPES, clock=clock)
    parsed = parse_api_token(token)
    assert parsed is not None
    token_id, secret = parsed
    assert token.startswith("iapi_") and record.id == token_id
    assert record.token_hash == hash_token_secret(secret)
    assert secret not in repr(record) and secret.encode() not in record.token_hash
    assert record.created_at == clock.now()


async def test_mint_then_authenticate_returns_the_tokens_principal(
    clock: SteppingClock, tenant: Tenant
) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    principal = await ApiTokenAuthenticator(repo, clock).authenticate(token)
    assert (principal.subject, principal.tenant, principal.scopes, principal.kind) == (
        "ci-bot",
        tenant,
        SCOPES,
        "token",
    )


def _wrong_secret(token: str) -> str:
    last = "A" if token[-1] != "A" else "B"
    return token[:-1] + last


def _unknown_id(token: str) -> str:
    return "iapi_zzzzzzzzzzzz" + token[len("iapi_zzzzzzzzzzzz") :]


@pytest.mark.parametrize(
    "tamper",
    [
        _wrong_secret,
        _unknown_id,
        lambda t: t[:-1],  # truncated secret
        lambda t: t.replace("iapi_", "iapx_"),
        lambda t: "Bearer " + t,  # the transport strips the scheme, we do not
        lambda t: "",
        lambda t: "iapi_",
        lambda t: "iapi_abc_def",
    ],
    ids=[
        "wrong-secret",
        "unknown-id",
        "truncated",
        "bad-prefix",
        "with-scheme",
        "empty",
        "bare",
        "short",
    ],
)
async def test_bad_tokens_are_rejected_without_echoing_them(
    clock: SteppingClock, tenant: Tenant, tamper: object
) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    bad = tamper(token)  # type: ignore[operator]
    with pytest.raises(Unauthenticated) as caught:
        await ApiTokenAuthenticator(repo, clock).authenticate(bad)
    secret = token.rsplit("_", 1)[-1]
    assert secret[-20:] not in str(caught.value)


async def test_none_is_rejected(clock: SteppingClock) -> None:
    with pytest.raises(Unauthenticated):
        await ApiTokenAuthenticator(InMemoryApiTokenRepository(), clock).authenticate(None)


async def test_revoked_token_is_rejected(clock: SteppingClock, tenant: Tenant) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    token_id = token.split("_")[1]
    assert await repo.revoke(token_id, clock.now())
    with pytest.raises(Unauthenticated):
        await ApiTokenAuthenticator(repo, clock, cache_ttl=0).authenticate(token)


async def test_expired_token_is_rejected(clock: SteppingClock, tenant: Tenant) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant, expires_at=clock.now() + timedelta(seconds=60))
    auth = ApiTokenAuthenticator(repo, clock)
    await auth.authenticate(token)
    clock.advance(60)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(token)  # also when the success was cached a moment ago


async def test_cached_success_hides_a_revocation_only_until_the_ttl_or_an_evict(
    clock: SteppingClock, tenant: Tenant
) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    token_id = token.split("_")[1]
    auth = ApiTokenAuthenticator(repo, clock, cache_ttl=5)
    await auth.authenticate(token)
    await repo.revoke(token_id, clock.now())
    await auth.authenticate(token)  # within the documented revocation delay
    clock.advance(5)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(token)

    other = await _minted(repo, clock, tenant)
    await auth.authenticate(other)
    await repo.revoke(other.split("_")[1], clock.now())
    auth.evict(other.split("_")[1])
    with pytest.raises(Unauthenticated):
        await auth.authenticate(other)


async def test_cache_never_accepts_a_wrong_secret_for_a_cached_id(
    clock: SteppingClock, tenant: Tenant
) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    auth = ApiTokenAuthenticator(repo, clock)
    await auth.authenticate(token)
    with pytest.raises(Unauthenticated):
        await auth.authenticate(_wrong_secret(token))


async def test_repository_revoke_reports_whether_it_revoked(
    clock: SteppingClock, tenant: Tenant
) -> None:
    repo = InMemoryApiTokenRepository()
    token = await _minted(repo, clock, tenant)
    token_id = token.split("_")[1]
    assert await repo.revoke(token_id, clock.now()) is True
    assert await repo.revoke(token_id, clock.now()) is False
    assert await repo.revoke("nosuchtoken0", clock.now()) is False
    assert [r.id for r in await repo.list()] == [token_id]
