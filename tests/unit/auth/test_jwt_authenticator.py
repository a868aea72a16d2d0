from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from integration_api.adapters.auth.jwt_authenticator import JwtAuthenticator
from integration_api.domain.errors import Unauthenticated
from integration_api.domain.tenancy import Scope, Tenant

ISSUER = "https://issuer.test"
AUDIENCE = "integration-api"
HS_SECRET = "fake-hs256-secret-for-tests-only-0123456789"


def claims(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-7",
        "exp": int(time.time()) + 300,
        "organization": "org-1",
        "project": "proj-1",
        "scope": "inference credentials:read unknown:scope",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def public_pem(rsa_key: rsa.RSAPrivateKey) -> str:
    return (
        rsa_key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def hs_authenticator() -> JwtAuthenticator:
    return JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE, hs256_secret=HS_SECRET)


async def test_valid_hs256_token_yields_tenant_subject_and_known_scopes() -> None:
    token = jwt.encode(claims(), HS_SECRET, algorithm="HS256")
    principal = await hs_authenticator().authenticate(token)
    assert principal.subject == "user-7"
    assert principal.tenant == Tenant(organization_id="org-1", project_id="proj-1")
    assert principal.scopes == {Scope.INFERENCE, Scope.CREDENTIALS_READ}
    assert principal.kind == "jwt"


async def test_alternative_claim_names_org_id_project_id_and_scopes_list() -> None:
    token = jwt.encode(
        claims(
            organization=None,
            project=None,
            scope=None,
            org_id="o2",
            project_id="p2",
            scopes=["credentials:write", "nope"],
        ),
        HS_SECRET,
        algorithm="HS256",
    )
    principal = await hs_authenticator().authenticate(token)
    assert principal.tenant == Tenant(organization_id="o2", project_id="p2")
    assert principal.scopes == {Scope.CREDENTIALS_WRITE}


@pytest.mark.parametrize(
    "bad_claims",
    [
        claims(exp=int(time.time()) - 3600),
        claims(aud="someone-else"),
        claims(iss="https://evil.test"),
        claims(exp=None),
        claims(sub=None),
        claims(iss=None),
        claims(aud=None),
        claims(organization=None),
        claims(project=None),
        claims(project="a|b"),
    ],
    ids=[
        "expired",
        "wrong-aud",
        "wrong-iss",
        "no-exp",
        "no-sub",
        "no-iss",
        "no-aud",
        "no-org",
        "no-project",
        "bad-tenant",
    ],
)
async def test_bad_claims_are_rejected(bad_claims: dict[str, Any]) -> None:
    token = jwt.encode(bad_claims, HS_SECRET, algorithm="HS256")
    with pytest.raises(Unauthenticated) as caught:
        await hs_authenticator().authenticate(token)
    assert token not in str(caught.value) and token[-20:] not in repr(caught.value)


async def test_small_clock_skew_is_tolerated() -> None:
    token = jwt.encode(claims(exp=int(time.time()) - 5), HS_SECRET, algorithm="HS256")
    assert (await hs_authenticator().authenticate(token)).subject == "user-7"


async def test_wrong_hs256_secret_is_rejected() -> None:
    token = jwt.encode(claims(), "another-fake-secret-of-sufficient-len", algorithm="HS256")
    with pytest.raises(Unauthenticated):
        await hs_authenticator().authenticate(token)


@pytest.mark.parametrize("junk", ["", "a.b.c", "not-a-jwt", "x" * 20_000])
async def test_malformed_tokens_are_rejected(junk: str) -> None:
    with pytest.raises(Unauthenticated):
        await hs_authenticator().authenticate(junk)


async def test_alg_none_is_rejected() -> None:
    token = jwt.encode(claims(), None, algorithm="none")
    with pytest.raises(Unauthenticated):
        await hs_authenticator().authenticate(token)


async def test_valid_rs256_token_with_pem(rsa_key: rsa.RSAPrivateKey, public_pem: str) -> None:
    auth = JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE, public_key_pem=public_pem)
    token = jwt.encode(claims(), rsa_key, algorithm="RS256")
    assert (await auth.authenticate(token)).tenant.project_id == "proj-1"


async def test_hs256_signed_with_the_public_key_is_rejected(public_pem: str) -> None:
    """Algorithm confusion: HS256 'signed' with our public key must not verify."""
    auth = JwtAuthenticator(
        issuer=ISSUER, audience=AUDIENCE, public_key_pem=public_pem, hs256_secret=HS_SECRET
    )
    forged = _hs256_with_raw_key(claims(), public_pem.encode())
    with pytest.raises(Unauthenticated):
        await auth.authenticate(forged)
    rs_only = JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE, public_key_pem=public_pem)
    with pytest.raises(Unauthenticated):
        await rs_only.authenticate(forged)


async def test_rs256_token_is_rejected_when_only_hs256_is_configured(
    rsa_key: rsa.RSAPrivateKey,
) -> None:
    token = jwt.encode(claims(), rsa_key, algorithm="RS256")
    with pytest.raises(Unauthenticated):
        await hs_authenticator().authenticate(token)


def _hs256_with_raw_key(payload: dict[str, Any], key: bytes) -> str:
    """PyJWT refuses a PEM as an HMAC key, so forge the token by hand as an attacker would."""
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(payload).encode())
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(signature)


@pytest.fixture
def jwks_url(rsa_key: rsa.RSAPrivateKey) -> Iterator[str]:
    jwk = json.loads(RSAAlgorithm.to_jwk(rsa_key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()


async def test_rs256_token_verified_with_a_jwks_served_on_loopback(
    rsa_key: rsa.RSAPrivateKey, jwks_url: str
) -> None:
    auth = JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE, jwks_url=jwks_url)
    token = jwt.encode(claims(), rsa_key, algorithm="RS256", headers={"kid": "k1"})
    assert (await auth.authenticate(token)).subject == "user-7"
    assert (await auth.authenticate(token)).subject == "user-7"  # served from the key cache

    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other_key, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated):
        await auth.authenticate(forged)
    unknown_kid = jwt.encode(claims(), rsa_key, algorithm="RS256", headers={"kid": "k9"})
    with pytest.raises(Unauthenticated):
        await auth.authenticate(unknown_kid)


def test_configuration_errors_are_reported_at_construction(public_pem: str) -> None:
    with pytest.raises(ValueError):
        JwtAuthenticator(issuer="", audience=AUDIENCE, hs256_secret=HS_SECRET)
    with pytest.raises(ValueError):
        JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE)
    with pytest.raises(ValueError):
        JwtAuthenticator(
            issuer=ISSUER,
            audience=AUDIENCE,
            public_key_pem=public_pem,
            jwks_url="http://127.0.0.1:1/",
        )
    with pytest.raises(ValueError, match="RSA public key"):
        JwtAuthenticator(issuer=ISSUER, audience=AUDIENCE, public_key_pem="not a pem")
