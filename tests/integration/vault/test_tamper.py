"""Fail closed: one flipped byte in a stored ciphertext, wrapped data key or nonce, or a
sealed secret copied from another row, makes that credential fail to open with a clear
error (500 `secret_unreadable` / DATA_LOSS), sends nothing upstream, and leaves every other
credential working. On SQLite and on PostgreSQL (+ Redis)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from e2e.probes import http_client
from e2e.vault.backends import Backend
from e2e.vault.grpc_clients import bearer, grpclib_stub, outcome
from grpclib.const import Status
from grpclib.exceptions import GRPCError
from vault_rows import SEALED_COLUMNS, flip_one_byte, read_row, write_row

from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from integration_api.testing.fake_upstreams.openai import FakeOpenAI
from tests.support.real_service import RunningService, running_service

TAMPERED_COLUMNS = ("ciphertext", "wrapped_key", "nonce")


@pytest.fixture
async def service(
    backend: Backend, data_dir: Path, fake_openai: FakeOpenAI
) -> AsyncIterator[RunningService]:
    async with running_service(data_dir, **backend.env()) as running:
        yield running


async def create(c: httpx.AsyncClient, fake: FakeOpenAI, name: str) -> str:
    """Stores a credential without verifying it: nothing has read (or cached) it yet."""
    secret = {"api_key": f"sk-fake-tamper-{name}-0000000000000000"}
    body = {"provider": "openai", "name": name, "secret": secret,
            "config": {"base_url": fake.base_url}}  # fmt: skip
    created = await c.post("/v1/credentials?verify=false", json=body)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def verify(c: httpx.AsyncClient, credential_id: str) -> httpx.Response:
    return await c.post(f"/v1/credentials/{credential_id}/verify")


def assert_unreadable(response: httpx.Response) -> None:
    assert response.status_code == 500, response.text
    error = response.json()["error"]
    assert error["code"] == "secret_unreadable", error
    assert error["message"], "a clear error says what went wrong"


async def test_one_flipped_byte_fails_closed(
    service: RunningService, fake_openai: FakeOpenAI
) -> None:
    url = service.settings.effective_database_url
    async with http_client(service.base_url) as c, grpclib_stub(service.host, service.port) as stub:
        c.headers.update(service.auth())
        tampered = {column: await create(c, fake_openai, column) for column in TAMPERED_COLUMNS}
        intact = await create(c, fake_openai, "intact")
        for column, credential_id in tampered.items():
            row = await read_row(url, credential_id)
            await write_row(url, credential_id, {column: flip_one_byte(row[column])})

        fake_openai.requests.clear()
        for column, credential_id in tampered.items():
            assert_unreadable(await verify(c, credential_id))
            over_grpc = await outcome(
                stub.VerifyCredential(
                    pb.VerifyCredentialRequest(id=credential_id),
                    metadata=bearer(service.tokens["default"]),
                )
            )
            assert isinstance(over_grpc, GRPCError), column
            assert over_grpc.status is Status.DATA_LOSS, column
            assert str(over_grpc.message).startswith("secret_unreadable"), over_grpc.message
        assert fake_openai.requests == [], "a tampered secret must never reach the upstream"

        still_fine = await verify(c, intact)
    assert still_fine.status_code == 200 and still_fine.json()["status"] == "valid"
    assert len(fake_openai.requests) == 1


async def test_a_sealed_secret_copied_to_another_row_fails_closed(
    service: RunningService, fake_openai: FakeOpenAI
) -> None:
    url = service.settings.effective_database_url
    async with http_client(service.base_url) as c:
        c.headers.update(service.auth())
        source, target, bystander = [await create(c, fake_openai, n) for n in ("src", "dst", "by")]
        # The source's data key is now unwrapped and cached: the copy must fail even so.
        assert (await verify(c, source)).json()["status"] == "valid"
        sealed = await read_row(url, source)
        await write_row(url, target, {k: sealed[k] for k in SEALED_COLUMNS})

        copied = await verify(c, target)
        source_after = await verify(c, source)
        bystander_after = await verify(c, bystander)
    assert_unreadable(copied)
    assert source_after.json()["status"] == "valid"
    assert bystander_after.json()["status"] == "valid"
