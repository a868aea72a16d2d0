"""Two instances on one PostgreSQL database, one Redis and one keyring: once B has cached a
credential row, every write on A (rotate the secret, rename, rotate the KEK, delete) is what
B answers next, with no stale read in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis.asyncio as aioredis
from e2e.probes import http_client
from e2e.vault.backends import Backend, make_backend

from integration_api.testing.fake_upstreams.openai import FakeOpenAI
from tests.support.real_service import RunningService, running_service

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

FIRST, SECOND = "sk-fake-first-000000000000000000", "sk-fake-second-00000000000000000"


@pytest.fixture
def shared(request: pytest.FixtureRequest) -> Backend:
    return make_backend(request, "postgres+redis")


async def cached_keys(redis_url: str, credential_id: str) -> list[bytes]:
    client = aioredis.Redis.from_url(redis_url)
    try:
        return [k async for k in client.scan_iter(match=f"*{credential_id}*")]
    finally:
        await client.aclose()


@dataclass(frozen=True)
class Pair:
    on_a: httpx.AsyncClient
    on_b: httpx.AsyncClient
    a: RunningService


@pytest.fixture
async def pair(shared: Backend, data_dir: Path) -> AsyncIterator[Pair]:
    """Instances A and B (same tenant, same data folder so the same keyring), with clients."""
    async with (
        running_service(data_dir, **shared.env()) as a,
        running_service(data_dir, **shared.env()) as b,
        http_client(a.base_url) as on_a,
        http_client(b.base_url) as on_b,
    ):
        on_a.headers.update(a.auth())
        on_b.headers.update(b.auth())
        yield Pair(on_a, on_b, a)


async def test_b_never_serves_what_a_changed_or_deleted(
    shared: Backend,
    pair: Pair,
    fake_openai: FakeOpenAI,
) -> None:
    on_a, on_b = pair.on_a, pair.on_b
    body = {"provider": "openai", "name": "shared", "secret": {"api_key": FIRST},
            "config": {"base_url": fake_openai.base_url}}  # fmt: skip
    cid = (await on_a.post("/v1/credentials?verify=false", json=body)).json()["id"]
    path = f"/v1/credentials/{cid}"

    assert (await on_b.get(path)).json()["fingerprint"] == f"sk-...{FIRST[-4:]}"
    assert await cached_keys(shared.redis_url, cid), "B's read did not go through Redis"

    rotated = await on_a.put(f"{path}/secret?verify=false", json={"secret": {"api_key": SECOND}})
    assert rotated.status_code == 200
    seen = (await on_b.get(path)).json()
    assert (seen["fingerprint"], seen["secret_version"]) == (f"sk-...{SECOND[-4:]}", 2)
    fake_openai.api_key = SECOND  # B must open the rotated secret, not a cached old row
    assert (await on_b.post(f"{path}/verify")).json()["status"] == "valid"

    assert (await on_a.patch(path, json={"name": "renamed"})).status_code == 200
    assert (await on_b.get(path)).json()["name"] == "renamed"

    assert (await on_a.delete(path)).status_code == 204
    answers = [await on_b.get(path), await on_b.post(f"{path}/verify"), await on_b.delete(path)]
    assert [r.status_code for r in answers] == [404, 404, 404]


async def test_b_follows_a_kek_rotation_and_retire_on_a(
    shared: Backend,
    pair: Pair,
    fake_openai: FakeOpenAI,
) -> None:
    on_a, on_b = pair.on_a, pair.on_b
    body = {"provider": "openai", "name": "shared", "secret": {"api_key": FIRST},
            "config": {"base_url": fake_openai.base_url}}  # fmt: skip
    cid = (await on_a.post("/v1/credentials?verify=false", json=body)).json()["id"]
    assert (await on_b.post(f"/v1/credentials/{cid}/verify")).json()["status"] == "valid"
    assert (await on_b.get(f"/v1/credentials/{cid}")).status_code == 200  # cached on B's side

    keys = pair.a.application.keys
    old = (await keys.status()).active_kek_id
    await keys.rotate()
    await keys.retire(old)
    again = await on_b.post(f"/v1/credentials/{cid}/verify")
    assert again.status_code == 200 and again.json()["status"] == "valid", again.text
