"""GET /v1/audit: every create, update, secret rotation, delete and verify, with who did it
and how it went, paginated, visible only to the tenant that owns it, never with the secret."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from e2e.probes import http_client
from e2e.vault.backends import Backend
from e2e.vault.grpc_clients import bearer, grpclib_stub
from e2e.vault.leaks import find_leaks, new_canary
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
from integration_api.testing.fake_upstreams.openai import ErrorOut, FakeOpenAI
from tests.support.real_service import RunningService, running_service

Entry = tuple[str, str, str | None, str]  # actor, action, credential id, outcome


@pytest.fixture
async def vault(backend: Backend, data_dir: Path) -> AsyncIterator[RunningService]:
    async with running_service(data_dir, **backend.env()) as service:
        yield service


async def all_entries(c: httpx.AsyncClient, token: str) -> list[dict[str, Any]]:
    """Every page of the token's tenant's audit log, two entries at a time."""
    entries: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = await c.get("/v1/audit", params=params, headers={"Authorization": f"Bearer {token}"})
        assert page.status_code == 200, page.text
        entries += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return entries


def as_tuple(entry: dict[str, Any]) -> Entry:
    return entry["actor"], entry["action"], entry["credential_id"], entry["outcome"]


async def test_every_credential_action_is_audited_for_its_tenant_only(
    vault: RunningService, fake_openai: FakeOpenAI
) -> None:
    canary, canary2 = new_canary(), new_canary("canary2")
    ops = await vault.mint("ops")
    outsider = await vault.mint("outsider", project="elsewhere")
    fake_openai.api_key = canary
    body = {"provider": "openai", "name": "audited", "secret": {"api_key": canary},
            "config": {"base_url": fake_openai.base_url}}  # fmt: skip
    async with http_client(vault.base_url) as c:
        c.headers.update(vault.auth())
        cid = (await c.post("/v1/credentials", json=body)).json()["id"]
        fake_openai.program(ErrorOut(401, "invalid_request_error", "Incorrect API key"))
        assert (await c.post("/v1/credentials", json=body | {"name": "no"})).status_code == 422
        assert (
            await c.patch(f"/v1/credentials/{cid}", json={"name": "renamed"})
        ).status_code == 200
        fake_openai.api_key = canary2
        rotate = await c.put(f"/v1/credentials/{cid}/secret", json={"secret": {"api_key": canary2}})
        assert rotate.status_code == 200
        fake_openai.program(ErrorOut(401, "invalid_request_error", "Incorrect API key"))
        assert (await c.post(f"/v1/credentials/{cid}/verify")).json()["status"] == "invalid"
        async with grpclib_stub(vault.host, vault.port) as stub:
            request = pb.VerifyCredentialRequest(id=cid)
            await stub.VerifyCredential(request, metadata=bearer(ops))
        assert (await c.delete(f"/v1/credentials/{cid}")).status_code == 204

        owner_view = await all_entries(c, vault.tokens["default"])
        outsider_view = await all_entries(c, outsider)
    seen = {as_tuple(e) for e in owner_view}
    assert {
        ("token:default", "create", cid, "ok"),
        ("token:default", "create", None, "verification_failed"),
        ("token:default", "update", cid, "ok"),
        ("token:default", "rotate_secret", cid, "ok"),
        ("token:default", "verify", cid, "provider_auth_failed"),
        ("token:ops", "verify", cid, "ok"),
        ("token:default", "delete", cid, "ok"),
    } <= seen
    assert len({e["id"] for e in owner_view}) == len(owner_view), "pages overlap"
    assert [e["at"] for e in owner_view] == sorted((e["at"] for e in owner_view), reverse=True)
    assert outsider_view == []
    assert find_leaks({"audit": [str(owner_view)]}, [canary, canary2]) == []


async def test_a_verify_that_hits_an_upstream_outage_is_audited(
    vault: RunningService, fake_openai: FakeOpenAI
) -> None:
    body = {"provider": "openai", "name": "x", "secret": {"api_key": "sk-fake-outage-0000000000"},
            "config": {"base_url": fake_openai.base_url}}  # fmt: skip
    async with http_client(vault.base_url) as c:
        c.headers.update(vault.auth())
        cid = (await c.post("/v1/credentials?verify=false", json=body)).json()["id"]
        fake_openai.program(ErrorOut(500, "server_error", "down"))
        assert (await c.post(f"/v1/credentials/{cid}/verify")).status_code == 503
        entries = await all_entries(c, vault.tokens["default"])
    assert ("token:default", "verify", cid, "provider_unavailable") in {
        as_tuple(e) for e in entries
    }
