"""JWT callers configured through settings reach the API on REST and gRPC."""

import time
from pathlib import Path

import httpx
import jwt
import pytest
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError

from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.credentials_grpc import (
    CredentialServiceStub,
)
from tests.support.real_service import running_service

SECRET = "jwt-test-secret-not-a-real-one-0123456789"
ISSUER, AUDIENCE = "https://issuer.test", "integration-api"


def token(**overrides: object) -> str:
    claims: dict[str, object] = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": "svc-a", "exp": int(time.time()) + 60,
        "organization": "acme", "project": "web", "scope": "credentials:read inference",
    }  # fmt: skip
    claims.update(overrides)
    return jwt.encode(claims, SECRET, algorithm="HS256")


@pytest.fixture
async def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {"jwt_issuer": ISSUER, "jwt_audience": AUDIENCE, "jwt_hs256_secret": SECRET}
    async with running_service(tmp_path, **env) as running:
        yield running


async def test_a_valid_jwt_reads_its_own_tenant(service) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(base_url=service.base_url) as client:
        ok = await client.get("/v1/credentials", headers={"Authorization": f"Bearer {token()}"})
        denied = await client.post(
            "/v1/credentials",
            headers={"Authorization": f"Bearer {token()}"},
            json={"provider": "openai", "name": "x", "secret": {"api_key": "sk-x-000000000000"}},
        )
    assert ok.status_code == 200 and ok.json()["items"] == []
    assert denied.status_code == 403  # no credentials:write scope in the claims


@pytest.mark.parametrize(
    "bad",
    [
        {"aud": "someone-else"},
        {"iss": "https://evil.test"},
        {"exp": int(time.time()) - 3600},
    ],
)
async def test_a_jwt_with_wrong_claims_is_unauthenticated(service, bad) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(base_url=service.base_url) as client:
        response = await client.get(
            "/v1/credentials", headers={"Authorization": f"Bearer {token(**bad)}"}
        )
    assert response.status_code == 401
    assert token(**bad) not in response.text


async def test_grpc_takes_the_same_jwt(service) -> None:  # type: ignore[no-untyped-def]
    channel = Channel(service.host, service.port)
    try:
        stub = CredentialServiceStub(channel)
        reply = await stub.ListCredentials(
            pb.ListCredentialsRequest(), metadata={"authorization": f"Bearer {token()}"}
        )
        with pytest.raises(GRPCError) as info:
            await stub.ListCredentials(
                pb.ListCredentialsRequest(),
                metadata={"authorization": f"Bearer {token(aud='x')}"},
            )
    finally:
        channel.close()
    assert list(reply.credentials) == []
    assert info.value.status is Status.UNAUTHENTICATED
