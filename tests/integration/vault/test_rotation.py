"""Online KEK rotation: `keys rotate` while requests keep opening secrets loses no request;
afterwards every row names the new KEK, `keys retire OLD` succeeds, `keys retire ACTIVE` is
refused, and the service keeps serving. Both the real CLI in another process (against the
same database and keyring file) and the facade in-process; SQLite and PostgreSQL + Redis."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from e2e.probes import eventually, http_client
from e2e.vault.backends import Backend
from e2e.vault.cli import CliResult, cli_env, run_cli
from vault_load import seed, under_load

from integration_api.testing.fake_upstreams.openai import Delay, FakeOpenAI, RawOut
from tests.support.real_service import RunningService, running_service

ROWS = 200
_STATUS_LINE = re.compile(r"^([* ]) (\S+)\t(\d+) row\(s\)$")


@pytest.fixture
async def service(
    backend: Backend, data_dir: Path, fake_openai: FakeOpenAI
) -> AsyncIterator[RunningService]:
    async with running_service(data_dir, **backend.env()) as running:
        yield running


def rows_by_kek(status: CliResult) -> dict[str, tuple[bool, int]]:
    """`keys status` output -> {kek_id: (active, rows)}."""
    assert status.returncode == 0, status.stderr
    found = (_STATUS_LINE.match(line) for line in status.stdout.splitlines())
    return {m[2]: (m[1] == "*", int(m[3])) for m in found if m}


async def test_cli_rotation_in_another_process_loses_no_request(
    service: RunningService,
    backend: Backend,
    data_dir: Path,
    tmp_path: Path,
    fake_openai: FakeOpenAI,
) -> None:
    ids = await seed(service, fake_openai.base_url, ROWS)
    env = cli_env(data_dir, **backend.env())

    async def keys(*args: str) -> CliResult:
        return await run_cli("keys", *args, env=env, cwd=tmp_path)

    old = (await service.application.keys.status()).active_kek_id
    rotated, during = await under_load(service, ids, lambda: keys("rotate"))
    assert rotated.returncode == 0, rotated.stderr
    assert during.failures == [] and during.succeeded > 0

    after = rows_by_kek(await keys("status"))
    active = next(k for k, (is_active, _) in after.items() if is_active)
    assert active != old
    assert after == {old: (False, 0), active: (True, ROWS)}, "every row names the new KEK"
    retire_active = await keys("retire", active)
    assert retire_active.returncode == 1 and "active" in retire_active.stderr
    retire_old = await keys("retire", old)
    assert retire_old.returncode == 0 and f"retired {old}" in retire_old.stdout, retire_old.stderr

    async def nothing() -> None:
        return None

    _, afterwards = await under_load(service, ids, nothing)
    assert afterwards.failures == [], "the service still opens every secret after the retire"


async def test_in_process_rotation_loses_no_request(
    service: RunningService, fake_openai: FakeOpenAI
) -> None:
    keys = service.application.keys
    ids = await seed(service, fake_openai.base_url, ROWS)
    old = (await keys.status()).active_kek_id
    report, during = await under_load(service, ids, keys.rotate)
    assert during.failures == [] and during.succeeded > 0
    assert report.active_kek_id != old

    status = await keys.status()
    rows = {k.kek_id: k.rows for k in status.keks}
    assert rows == {old: 0, report.active_kek_id: ROWS}, "every row names the new KEK"
    with pytest.raises(Exception, match="active"):
        await keys.retire(report.active_kek_id)
    await keys.retire(old)
    assert [k.kek_id for k in (await keys.status()).keks] == [report.active_kek_id]


# --- A write that started before the rotation and ends after it ---------------------------

SLOW_MODELS = Delay(0.5, then=RawOut(b'{"object": "list", "data": []}'))


async def _verify_in_flight(
    c: httpx.AsyncClient, fake: FakeOpenAI, credential_id: str
) -> asyncio.Task[httpx.Response]:
    """Starts POST /verify with a slow upstream; returns once the row has been loaded and the
    request is waiting on the provider (the fake has recorded it)."""
    fake.program(SLOW_MODELS)
    task = asyncio.create_task(c.post(f"/v1/credentials/{credential_id}/verify"))

    async def reached_upstream() -> bool:
        return bool(fake.requests)

    assert await eventually(reached_upstream, within=5)
    return task


async def test_a_verify_in_flight_does_not_undo_a_kek_rotation(
    service: RunningService, fake_openai: FakeOpenAI
) -> None:
    keys = service.application.keys
    (credential_id,) = await seed(service, fake_openai.base_url, 1)
    async with http_client(service.base_url) as c:
        c.headers.update(service.auth())
        verifying = await _verify_in_flight(c, fake_openai, credential_id)
        report = await keys.rotate()
        assert (await verifying).status_code == 200
    rows = {k.kek_id: k.rows for k in (await keys.status()).keks}
    assert rows[report.active_kek_id] == 1, f"the row went back under the old KEK: {rows}"


async def test_a_verify_in_flight_does_not_undo_a_secret_rotation(
    service: RunningService, fake_openai: FakeOpenAI
) -> None:
    (credential_id,) = await seed(service, fake_openai.base_url, 1)
    new_secret = {"secret": {"api_key": "sk-fake-rotated-00000000000000000000"}}
    async with http_client(service.base_url) as c:
        c.headers.update(service.auth())
        verifying = await _verify_in_flight(c, fake_openai, credential_id)
        rotated = await c.put(
            f"/v1/credentials/{credential_id}/secret?verify=false", json=new_secret
        )
        assert rotated.status_code == 200 and rotated.json()["secret_version"] == 2
        assert (await verifying).status_code == 200
        now = await c.get(f"/v1/credentials/{credential_id}")
    assert now.json()["secret_version"] == 2, (
        "the rotated secret was silently replaced by the old one"
    )
    assert now.json()["fingerprint"] == rotated.json()["fingerprint"]
