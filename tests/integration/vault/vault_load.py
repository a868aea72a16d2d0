"""A stream of requests that open stored secrets (POST /v1/credentials/{id}/verify against a
fake upstream), kept running while something else happens, and recording every failure."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
from e2e.probes import http_client

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from tests.support.real_service import RunningService

T = TypeVar("T")


@dataclass
class LoadResult:
    succeeded: int = 0
    failures: list[str] = field(default_factory=list)


async def seed(service: RunningService, base_url: str, count: int) -> list[str]:
    """Stores `count` unverified credentials through the facade (fast, no HTTP)."""
    principal = await service.application.authenticate.authenticate(service.tokens["default"])
    ids = []
    for n in range(count):
        new = NewCredential(
            provider="openai",
            name=f"load-{n}",
            secret={"api_key": f"sk-fake-load-{n:04d}-0000000000000000"},
            config={"base_url": base_url},
        )
        ids.append((await service.application.credentials.create(principal, new, verify=False)).id)
    return ids


async def _worker(
    client: httpx.AsyncClient,
    ids: Sequence[str],
    start: int,
    stop: asyncio.Event,
    started: asyncio.Event,
    result: LoadResult,
) -> None:
    for n in itertools.count(start, 7):
        credential_id = ids[n % len(ids)]
        response = await client.post(f"/v1/credentials/{credential_id}/verify")
        if response.status_code == 200 and response.json()["status"] == "valid":
            result.succeeded += 1
        else:
            result.failures.append(f"{credential_id}: {response.status_code} {response.text}")
        started.set()
        if stop.is_set():
            return


async def under_load(
    service: RunningService,
    ids: Sequence[str],
    action: Callable[[], Awaitable[T]],
    *,
    workers: int = 6,
) -> tuple[T, LoadResult]:
    """Runs `action()` while `workers` clients keep verifying credentials; every worker has
    finished a request before the action starts and keeps going until it has ended."""
    result = LoadResult()
    stop = asyncio.Event()
    async with http_client(service.base_url) as client:
        client.headers.update(service.auth())
        started = [asyncio.Event() for _ in range(workers)]
        tasks = [
            asyncio.create_task(_worker(client, ids, i * 31, stop, started[i], result))
            for i in range(workers)
        ]
        try:
            await asyncio.wait_for(asyncio.gather(*(e.wait() for e in started)), 30)
            outcome = await action()
        finally:
            stop.set()
            await asyncio.gather(*tasks)
    return outcome, result
