"""Unary POSTs at fixed concurrency with aiohttp: the fallback when wrk is not installed
(wrk's C client leaves more of the load core to the mock)."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from benchmarks.load.http_streams import session_for
from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.load.window import Window


async def one_request(session: aiohttp.ClientSession, spec: LoadSpec, window: Window) -> None:
    started = time.perf_counter()
    try:
        async with session.post(spec.url, data=spec.body, headers=spec.headers) as response:
            await response.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        window.error(type(exc).__name__)
        await asyncio.sleep(0.05)
        return
    if response.status == 200:
        window.ok(started)
    else:
        window.error(f"status_{response.status}")


async def run(spec: LoadSpec) -> LoadResult:
    window = Window(spec.warmup, spec.duration)

    async def loop(session: aiohttp.ClientSession) -> None:
        while window.open:
            await one_request(session, spec, window)

    async with session_for(spec, spec.concurrency) as session:
        announcer = asyncio.create_task(window.announce())
        await asyncio.gather(*(loop(session) for _ in range(spec.concurrency)))
        await announcer
    return window.result(streams=False)
