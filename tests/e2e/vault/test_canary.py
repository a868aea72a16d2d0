"""The vault's promise, end to end: a planted canary key, driven through every credential
flow on REST and gRPC (create with and without verification, verify ok and failing, verify a
candidate, rotate the secret, rotate the KEK, delete, bad input, upstream errors), appears in
no log line, response body or header, gRPC reply or error, /metrics, SQLite file, pg_dump or
Redis dump; GET shows only its fingerprint. Run on SQLite + in-process cache and on
PostgreSQL + Redis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from grpclib.const import Status
from grpclib.exceptions import GRPCError

from e2e.probes import http_client
from e2e.vault.backends import SQLITE, Backend
from e2e.vault.cli import cli_env, run_cli
from e2e.vault.dumps import data_dir_files, pg_dump, redis_dump
from e2e.vault.evidence import Evidence
from e2e.vault.grpc_clients import bearer, grpclib_stub, outcome
from e2e.vault.leaks import find_leaks, new_canary
from e2e.vault.log_tap import tap_service_log
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.credentials_grpc import (
    CredentialServiceStub,
)
from integration_api.testing.fake_upstreams.openai import ErrorOut, FakeOpenAI
from tests.support.real_service import RunningService, running_service


def echoing_401(key: str) -> ErrorOut:
    """An upstream that quotes the whole key back, worse than OpenAI's partial echo."""
    return ErrorOut(401, "invalid_request_error", f"Incorrect API key provided: {key}.")


def echoing_500(key: str) -> ErrorOut:
    return ErrorOut(500, "server_error", f"The server had an error while handling key {key}")


def fingerprint(key: str) -> str:
    return f"sk-...{key[-4:]}"


def body(fake: FakeOpenAI, name: str, key: str, **changes: Any) -> dict[str, Any]:
    payload = {"provider": "openai", "name": name, "secret": {"api_key": key}}
    return payload | {"config": {"base_url": fake.base_url}} | changes


async def rest_flows(
    c: httpx.AsyncClient, fake: FakeOpenAI, ev: Evidence, canary: str, canary2: str
) -> tuple[str, str]:
    """Create (verified and not), read, verify ok and failing, candidate, rotate secret.
    Returns the ids of the kept (rotated) credential and the one to delete later."""
    fake.api_key = canary
    created = ev.rest(await c.post("/v1/credentials", json=body(fake, "rest-a", canary)))
    assert created.status_code == 201 and created.json()["status"] == "valid", created.text
    kept = created.json()["id"]
    unverified = ev.rest(
        await c.post("/v1/credentials?verify=false", json=body(fake, "rest-b", canary))
    )
    assert unverified.json()["status"] == "unverified", unverified.text
    read = ev.rest(await c.get(f"/v1/credentials/{kept}"))
    assert read.json()["fingerprint"] == fingerprint(canary)

    assert ev.rest(await c.post(f"/v1/credentials/{kept}/verify")).json()["status"] == "valid"
    fake.program(echoing_401(canary))
    failed = ev.rest(await c.post(f"/v1/credentials/{kept}/verify")).json()
    assert failed["status"] == "invalid" and failed["last_error"], failed

    candidate = {
        "provider": "openai",
        "secret": {"api_key": canary},
        "config": body(fake, "", "")["config"],
    }
    assert ev.rest(await c.post("/v1/credentials:verify", json=candidate)).json()["ok"] is True
    fake.program(echoing_401(canary))
    refused = ev.rest(await c.post("/v1/credentials:verify", json=candidate)).json()
    assert refused["ok"] is False and refused["error_code"] == "provider_auth_failed", refused
    fake.program(echoing_401(canary))
    rejected = ev.rest(await c.post("/v1/credentials", json=body(fake, "rest-rejected", canary)))
    assert rejected.status_code == 422 and rejected.json()["error"]["field"] == "secret"

    fake.api_key = canary2
    rotated = ev.rest(
        await c.put(f"/v1/credentials/{kept}/secret", json={"secret": {"api_key": canary2}})
    )
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["fingerprint"] == fingerprint(canary2)
    assert rotated.json()["secret_version"] == 2
    return kept, unverified.json()["id"]


async def grpc_flows(
    stub: CredentialServiceStub,
    token: str,
    fake: FakeOpenAI,
    ev: Evidence,
    canary: str,
    canary2: str,
) -> tuple[str, str]:
    """The same flows over gRPC; returns the ids of the kept and the to-be-deleted credential."""
    md, config = bearer(token), {"base_url": fake.base_url}
    fake.api_key = canary

    def create(name: str, **extra: Any) -> pb.CreateCredentialRequest:
        fields = {"provider": "openai", "secret": {"api_key": canary}, "config": config}
        return pb.CreateCredentialRequest(**(fields | {"name": name} | extra))

    kept = ev.grpc("Create", await outcome(stub.CreateCredential(create("grpc-a"), metadata=md)))
    assert kept.status == pb.CREDENTIAL_STATUS_VALID, kept
    doomed = ev.grpc(
        "Create", await outcome(stub.CreateCredential(create("grpc-b", verify=False), metadata=md))
    )
    assert doomed.status == pb.CREDENTIAL_STATUS_UNVERIFIED, doomed
    got = ev.grpc(
        "Get", await outcome(stub.GetCredential(pb.GetCredentialRequest(id=kept.id), metadata=md))
    )
    assert got.fingerprint == fingerprint(canary)

    verify = pb.VerifyCredentialRequest(id=kept.id)
    ok = ev.grpc("Verify", await outcome(stub.VerifyCredential(verify, metadata=md)))
    assert ok.status == pb.CREDENTIAL_STATUS_VALID
    fake.program(echoing_401(canary))
    bad = ev.grpc("Verify", await outcome(stub.VerifyCredential(verify, metadata=md)))
    assert bad.status == pb.CREDENTIAL_STATUS_INVALID and bad.last_error
    candidate = pb.VerifyCandidateRequest(
        provider="openai", secret={"api_key": canary}, config=config
    )
    assert ev.grpc("Candidate", await outcome(stub.VerifyCandidate(candidate, metadata=md))).ok

    fake.api_key = canary2
    rotate = pb.RotateSecretRequest(id=kept.id, secret={"api_key": canary2})
    rotated = ev.grpc("Rotate", await outcome(stub.RotateSecret(rotate, metadata=md)))
    assert rotated.fingerprint == fingerprint(canary2) and rotated.secret_version == 2

    for request, field in (
        (create(""), "name"),
        (create("x", config={"base_url": "ftp://x"}), "config.base_url"),
    ):
        error = ev.grpc("Create", await outcome(stub.CreateCredential(request, metadata=md)))
        assert isinstance(error, GRPCError) and error.status is Status.INVALID_ARGUMENT
        assert f"field: {field}" in str(error.message), error.message
    return kept.id, doomed.id


async def rest_bad_input(c: httpx.AsyncClient, fake: FakeOpenAI, ev: Evidence, canary: str) -> None:
    """Each request carries the canary and is refused with 4xx naming the field at fault."""
    cases: list[tuple[dict[str, Any], str]] = [
        (body(fake, "", canary), "name"),
        (body(fake, "x", canary, config={"base_url": "ftp://example.invalid"}), "config.base_url"),
        (body(fake, "x", canary, secret={"apikey": canary}), "secret"),
        (body(fake, "x", canary, note=canary), "note"),
        (body(fake, "x", canary, secret=canary), "secret"),
    ]
    for payload, field in cases:
        refused = ev.rest(await c.post("/v1/credentials", json=payload))
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["field"] == field, refused.text
    truncated = b'{"provider": "openai", "secret": {"api_key": "' + canary.encode()
    malformed = ev.rest(
        await c.post(
            "/v1/credentials", content=truncated, headers={"content-type": "application/json"}
        )
    )
    assert malformed.status_code == 400, malformed.text


async def storage_dumps(backend: Backend, data_dir: Path, ev: Evidence) -> bytes:
    """Adds every storage dump to the evidence; returns the database dump's bytes."""
    files = data_dir_files(data_dir)
    for name, content in files.items():
        ev.add(f"data folder file {name}", content)
    if backend.database_url:
        database = await pg_dump(backend.database_url)
        ev.add("pg_dump", database)
    else:
        database = b"".join(v for k, v in files.items() if k.startswith("integration-api.db"))
    if backend.redis_url:
        for key, blobs in (await redis_dump(backend.redis_url)).items():
            ev.add(f"redis key {key!r}", key, *blobs)
    return database


async def test_the_canary_appears_nowhere(
    capfd: pytest.CaptureFixture[str], backend: Backend, data_dir: Path, fake_openai: FakeOpenAI
) -> None:
    canary, canary2 = new_canary("canary"), new_canary("canary2")
    ev = Evidence()
    env = backend.env() | {"log_level": "DEBUG"}  # the chattiest a service may be told to be
    async with running_service(data_dir, **env) as service:
        # As a new user would: the caller's token comes from the CLI.
        minted = await run_cli(
            "tokens", "create", "--organization", "acme", "--project", "web", "--name", "new-user",
            env=cli_env(data_dir, **backend.env()), cwd=data_dir.parent,
        )  # fmt: skip
        assert minted.returncode == 0, minted.stderr
        service.tokens["default"] = minted.last_line
        with tap_service_log() as log:
            kept_rest, kept_grpc = await drive_every_flow(service, fake_openai, ev, canary, canary2)
        async with http_client(service.base_url) as c:
            c.headers.update(service.auth())
            final = ev.rest(await c.get(f"/v1/credentials/{kept_rest}"))  # also fills the cache
        database = await storage_dumps(backend, data_dir, ev)
    lines = log.getvalue().splitlines()
    ev.add("service log", *lines)
    captured = capfd.readouterr()
    ev.add("process stdout", captured.out)
    ev.add("process stderr", captured.err)

    assert final.json()["fingerprint"] == fingerprint(canary2)
    assert "secret" not in final.json()
    # The dumps are the real thing: they hold the rows, just not the keys.
    assert kept_rest.encode() in database and kept_grpc.encode() in database
    assert fingerprint(canary2).encode() in database
    if backend.redis_url:
        assert any(kept_rest in place for place in ev.places), "the row was not cached in Redis"
    assert any("provider_unavailable" in line for line in lines), "service log not captured"
    assert find_leaks(ev.places, [canary, canary2]) == []


async def drive_every_flow(
    service: RunningService, fake: FakeOpenAI, ev: Evidence, canary: str, canary2: str
) -> tuple[str, str]:
    async with http_client(service.base_url) as c, grpclib_stub(service.host, service.port) as stub:
        c.headers.update(service.auth())
        kept_rest, doomed_rest = await rest_flows(c, fake, ev, canary, canary2)
        kept_grpc, doomed_grpc = await grpc_flows(
            stub, service.tokens["default"], fake, ev, canary, canary2
        )

        report = await service.application.keys.rotate()
        ev.add("keys rotate report", repr(report))
        assert report.rewrapped == 4 and report.skipped == 0, report
        after = ev.rest(await c.post(f"/v1/credentials/{kept_rest}/verify"))
        assert after.json()["status"] == "valid", after.text
        md = bearer(service.tokens["default"])
        verify = pb.VerifyCredentialRequest(id=kept_grpc)
        assert ev.grpc("Verify", await stub.VerifyCredential(verify, metadata=md)).status == (
            pb.CREDENTIAL_STATUS_VALID
        )

        fake.program(echoing_500(canary2))
        outage = ev.rest(await c.post(f"/v1/credentials/{kept_rest}/verify"))
        assert (
            outage.status_code == 503 and outage.json()["error"]["code"] == "provider_unavailable"
        )
        fake.program(echoing_500(canary2))
        unavailable = ev.grpc("Verify", await outcome(stub.VerifyCredential(verify, metadata=md)))
        assert isinstance(unavailable, GRPCError) and unavailable.status is Status.UNAVAILABLE
        fake.program(echoing_500(canary2))
        not_stored = ev.rest(
            await c.post("/v1/credentials", json=body(fake, "rest-outage", canary2))
        )
        assert not_stored.status_code == 503, not_stored.text

        await rest_bad_input(c, fake, ev, canary)
        assert ev.rest(await c.delete(f"/v1/credentials/{doomed_rest}")).status_code == 204
        assert ev.rest(await c.get(f"/v1/credentials/{doomed_rest}")).status_code == 404
        await outcome(
            stub.DeleteCredential(pb.DeleteCredentialRequest(id=doomed_grpc), metadata=md)
        )
        gone = ev.grpc(
            "Get",
            await outcome(stub.GetCredential(pb.GetCredentialRequest(id=doomed_grpc), metadata=md)),
        )
        assert isinstance(gone, GRPCError) and gone.status is Status.NOT_FOUND

        listing = ev.rest(await c.get("/v1/credentials"))
        assert {i["id"] for i in listing.json()["items"]} == {kept_rest, kept_grpc}
        ev.rest(await c.get("/v1/audit", params={"limit": 200}))
        metrics = ev.rest(await c.get("/metrics"))
        assert b"integration_api_" in metrics.content
    return kept_rest, kept_grpc


@pytest.mark.parametrize("where", ["secret", "config"])
async def test_a_key_pasted_as_a_field_name_is_not_quoted_back(data_dir: Path, where: str) -> None:
    canary = new_canary()
    payload = {"provider": "openai", "name": "x", "secret": {"api_key": "sk-placeholder-0000"}}
    payload[where] = {canary: "x"}
    env = SQLITE.env()
    async with running_service(data_dir, **env) as service, http_client(service.base_url) as c:
        refused = await c.post("/v1/credentials", json=payload, headers=service.auth())
    assert refused.status_code == 422
    assert refused.json()["error"]["field"].startswith(where)
    assert find_leaks({"422 body": [refused.content]}, [canary]) == []
