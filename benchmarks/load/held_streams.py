"""N streams opened at once, each on its own connection, held open by a slow upstream
(the `bench-hold` profile) until they end. Reports errors, the first-token and whole-stream
times, and how many streams were relaying at the same moment."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from benchmarks.load.http_streams import StreamCheck, session_for
from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.stats import percentiles


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.ttfts: list[float] = []
        self.errors: dict[str, int] = {}
        self.open = 0
        self.peak_open = 0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def one_stream(session: aiohttp.ClientSession, spec: LoadSpec, tally: Tally) -> None:
    started = time.perf_counter()
    check = StreamCheck(spec, started)
    relaying = False
    try:
        async with session.post(spec.url, data=spec.body, headers=spec.headers) as response:
            if response.status != 200:
                await response.read()
                tally.error(f"status_{response.status}")
                return
            async for data in response.content.iter_any():
                check.feed(data)
                if not relaying and check.ttft is not None:
                    relaying = True
                    tally.open += 1
                    tally.peak_open = max(tally.peak_open, tally.open)
    except (aiohttp.ClientError, TimeoutError) as exc:
        tally.error(type(exc).__name__)
        return
    finally:
        if relaying:
            tally.open -= 1
    problem = check.problem()
    if problem:
        tally.error(problem)
        return
    tally.latencies.append(time.perf_counter() - started)
    tally.ttfts.append(check.ttft or 0.0)


async def run(spec: LoadSpec) -> LoadResult:
    tally = Tally()
    async with session_for(spec, spec.concurrency) as session:
        started = time.perf_counter()
        print("MEASURE_START", flush=True)
        await asyncio.gather(*(one_stream(session, spec, tally) for _ in range(spec.concurrency)))
        seconds = time.perf_counter() - started
        print("MEASURE_END", flush=True)
    return LoadResult(
        requests=len(tally.latencies),
        errors=sum(tally.errors.values()),
        seconds=seconds,
        latency_ms=percentiles(tally.latencies),
        ttft_ms=percentiles(tally.ttfts),
        peak_open=tally.peak_open,
        error_kinds=tally.errors,
    )
