from __future__ import annotations

import pytest

from integration_api.adapters.auth.chain import ChainAuthenticator
from integration_api.application.ports.caller_authenticator import CallerAuthenticator
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Principal, Tenant

TENANT = Tenant(organization_id="o", project_id="p")


class Named(CallerAuthenticator):
    """Accepts everything and says which authenticator it was."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    async def authenticate(self, bearer: str | None) -> Principal:
        return Principal(subject="s", tenant=TENANT, scopes=frozenset(), kind=self.kind)


def chain(with_jwt: bool = True) -> ChainAuthenticator:
    return ChainAuthenticator(Named("token"), Named("jwt") if with_jwt else None)


@pytest.mark.parametrize(
    ("bearer", "kind"),
    [("iapi_abc_def", "token"), ("aaa.bbb.ccc", "jwt")],
)
async def test_routes_by_token_shape(bearer: str, kind: str) -> None:
    assert (await chain().authenticate(bearer)).kind == kind


@pytest.mark.parametrize("bearer", [None, ""])
async def test_missing_token_is_unauthenticated(bearer: str | None) -> None:
    with pytest.raises(Unauthenticated, match="missing bearer token"):
        await chain().authenticate(bearer)


@pytest.mark.parametrize("bearer", ["opaque-thing", "a.b", "a.b.c.d", "sk-fake-canary"])
async def test_unrecognised_shapes_are_unauthenticated(bearer: str) -> None:
    with pytest.raises(Unauthenticated) as caught:
        await chain().authenticate(bearer)
    assert bearer not in str(caught.value)


async def test_jwt_shaped_token_is_rejected_when_jwt_is_not_configured() -> None:
    with pytest.raises(Unauthenticated):
        await chain(with_jwt=False).authenticate("aaa.bbb.ccc")


async def test_real_authenticators_behind_the_chain() -> None:
    import time

    import jwt as pyjwt
    from auth_test_clock import SteppingClock

    from integration_api.adapters.auth.api_tokens import ApiTokenAuthenticator, mint_api_token
    from integration_api.adapters.auth.jwt_authenticator import JwtAuthenticator
    from integration_api.testing.memory_tokens import InMemoryApiTokenRepository

    clock, repo = SteppingClock(), InMemoryApiTokenRepository()
    record, api_token = mint_api_token(name="bot", tenant=TENANT, scopes=frozenset(), clock=clock)
    await repo.add(record)
    secret = "fake-hs256-secret-for-tests-only-0123456789"
    jwt_auth = JwtAuthenticator(issuer="i", audience="a", hs256_secret=secret)
    real = ChainAuthenticator(ApiTokenAuthenticator(repo, clock), jwt_auth)
    claims = {"iss": "i", "aud": "a", "sub": "u", "exp": int(time.time()) + 60}
    token = pyjwt.encode({**claims, "organization": "o", "project": "p"}, secret, "HS256")

    assert (await real.authenticate(api_token)).kind == "token"
    assert (await real.authenticate(token)).kind == "jwt"
