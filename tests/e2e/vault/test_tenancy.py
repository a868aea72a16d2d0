"""Tenancy and caller authentication on both protocols: another project's token gets
404 / NOT_FOUND for a credential id (even holding every scope), no or a bad token gets
401 / UNAUTHENTICATED, a read-only token gets 403 / PERMISSION_DENIED on create. The
other project's token is minted by the real CLI against the service's data folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from grpclib.const import Status
from grpclib.exceptions import GRPCError

from e2e.probes import http_client
from e2e.vault.backends import SQLITE
from e2e.vault.cli import cli_env, run_cli
from e2e.vault.grpc_clients import bearer, grpcio_calls, grpclib_stub, outcome
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from tests.support.real_service import RunningService, running_service

NEW = {"provider": "openai", "name": "reader-made", "secret": {"api_key": "sk-fake-tenancy-0000"}}


@dataclass(frozen=True)
class Tenants:
    service: RunningService
    credential_id: str  # belongs to acme/web (the "default" token)
    other_project: str  # acme/other, every scope, minted by the CLI
    other_org: str  # evil/web, every scope
    reader: str  # acme/web, credentials:read only


@pytest.fixture
async def tenants(data_dir: Path, tmp_path: Path) -> AsyncIterator[Tenants]:
    async with running_service(data_dir, **SQLITE.env()) as service:
        minted = await run_cli(
            "tokens", "create", "--organization", "acme", "--project", "other", "--name", "cli",
            env=cli_env(data_dir), cwd=tmp_path,
        )  # fmt: skip
        assert minted.returncode == 0, minted.stderr
        other_org = await service.mint("evil", organization="evil", project="web")
        reader = await service.mint("reader", scopes=("credentials:read",))
        async with http_client(service.base_url) as c:
            created = await c.post("/v1/credentials?verify=false", json=NEW, headers=service.auth())
        assert created.status_code == 201, created.text
        yield Tenants(service, created.json()["id"], minted.last_line, other_org, reader)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_rest_another_tenant_gets_404_for_every_verb(tenants: Tenants) -> None:
    path = f"/v1/credentials/{tenants.credential_id}"
    async with http_client(tenants.service.base_url) as c:
        for token in (tenants.other_project, tenants.other_org):
            answers = [
                await c.get(path, headers=auth(token)),
                await c.patch(path, json={"name": "mine"}, headers=auth(token)),
                await c.put(f"{path}/secret?verify=false", json={"secret": NEW["secret"]},
                            headers=auth(token)),
                await c.post(f"{path}/verify", headers=auth(token)),
                await c.delete(path, headers=auth(token)),
            ]  # fmt: skip
            assert [r.status_code for r in answers] == [404] * 5
            assert {r.json()["error"]["code"] for r in answers} == {"not_found"}
            listed = await c.get("/v1/credentials", headers=auth(token))
            assert listed.status_code == 200 and listed.json()["items"] == []
        missing = await c.get(
            "/v1/credentials/cred_nosuchthing", headers=auth(tenants.other_project)
        )
        foreign = await c.get(path, headers=auth(tenants.other_project))
        still_there = await c.get(path, headers=tenants.service.auth())
    # A foreign id reads exactly like one that never existed: no existence oracle.
    as_missing = foreign.text.replace(tenants.credential_id, "cred_nosuchthing")
    assert as_missing == missing.text
    assert still_there.status_code == 200 and still_there.json()["name"] == NEW["name"]


async def test_rest_no_or_bad_token_gets_401_and_reader_gets_403(tenants: Tenants) -> None:
    path = f"/v1/credentials/{tenants.credential_id}"
    bad_tokens = [{}, auth("iapi_nosuchid_" + "x" * 40), {"Authorization": "Basic YWxhZGRpbg=="}]
    async with http_client(tenants.service.base_url) as c:
        for headers in bad_tokens:
            for answer in (await c.get(path, headers=headers),
                           await c.post("/v1/credentials", json=NEW, headers=headers)):  # fmt: skip
                assert answer.status_code == 401, answer.text
                assert answer.json()["error"]["code"] == "unauthenticated"
                assert answer.headers["www-authenticate"].lower().startswith("bearer")
        create = await c.post(
            "/v1/credentials?verify=false", json=NEW, headers=auth(tenants.reader)
        )
        delete = await c.delete(path, headers=auth(tenants.reader))
        read = await c.get(path, headers=auth(tenants.reader))
        health = await c.get("/healthz/")
    assert create.status_code == 403 and create.json()["error"]["code"] == "permission_denied"
    assert delete.status_code == 403
    assert read.status_code == 200
    assert health.status_code == 200  # health endpoints stay open


async def test_grpclib_tenancy(tenants: Tenants) -> None:
    service, cid = tenants.service, tenants.credential_id
    new = pb.CreateCredentialRequest(
        provider="openai", name="reader-made", secret=NEW["secret"], verify=False
    )
    async with grpclib_stub(service.host, service.port) as stub:
        foreign = bearer(tenants.other_project)
        get = pb.GetCredentialRequest(id=cid)
        results: dict[str, Any] = {
            "get by other project": await outcome(stub.GetCredential(get, metadata=foreign)),
            "delete by other project": await outcome(
                stub.DeleteCredential(pb.DeleteCredentialRequest(id=cid), metadata=foreign)
            ),
            "verify by other org": await outcome(
                stub.VerifyCredential(
                    pb.VerifyCredentialRequest(id=cid), metadata=bearer(tenants.other_org)
                )
            ),
            "get without token": await outcome(stub.GetCredential(get)),
            "get with bad token": await outcome(
                stub.GetCredential(get, metadata=bearer("iapi_nosuchid_" + "x" * 40))
            ),
            "create by reader": await outcome(
                stub.CreateCredential(new, metadata=bearer(tenants.reader))
            ),
            "get by reader": await outcome(
                stub.GetCredential(get, metadata=bearer(tenants.reader))
            ),
        }
    codes = {k: v.status.name if isinstance(v, GRPCError) else "OK" for k, v in results.items()}
    assert codes == {
        "get by other project": "NOT_FOUND",
        "delete by other project": "NOT_FOUND",
        "verify by other org": "NOT_FOUND",
        "get without token": "UNAUTHENTICATED",
        "get with bad token": "UNAUTHENTICATED",
        "create by reader": "PERMISSION_DENIED",
        "get by reader": "OK",
    }
    assert isinstance(results["get by other project"], GRPCError)
    assert results["get by other project"].status is Status.NOT_FOUND


async def test_grpcio_tenancy(tenants: Tenants, grpcio_stubs: Path) -> None:
    cid = tenants.credential_id
    new = {"provider": "openai", "name": "reader-made", "secret": NEW["secret"], "verify": False}
    calls = [
        {"method": "GetCredential", "request": {"id": cid}, "token": tenants.other_project},
        {"method": "DeleteCredential", "request": {"id": cid}, "token": tenants.other_project},
        {"method": "GetCredential", "request": {"id": cid}, "token": tenants.other_org},
        {"method": "GetCredential", "request": {"id": cid}, "token": None},
        {"method": "CreateCredential", "request": new, "token": tenants.reader},
        {"method": "GetCredential", "request": {"id": cid}, "token": tenants.reader},
    ]
    results = await grpcio_calls(tenants.service.target, grpcio_stubs, calls)
    assert [r["code"] for r in results] == [
        "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "UNAUTHENTICATED", "PERMISSION_DENIED", "OK",
    ]  # fmt: skip
    assert results[-1]["reply"]["id"] == cid
