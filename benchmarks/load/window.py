"""A measured window after a warm-up: requests that end inside it count; the load process
prints MEASURE_START / MEASURE_END as it opens and closes, so the orchestrator can read the
service's CPU time over exactly that span."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from benchmarks.load.spec import LoadResult
from benchmarks.stats import percentiles


class Window:
    def __init__(self, warmup: float, duration: float) -> None:
        now = time.perf_counter()
        self.begin = now + warmup
        self.end = self.begin + duration
        self._latencies: list[float] = []
        self._ttfts: list[float] = []
        self._errors: Counter[str] = Counter()

    @property
    def open(self) -> bool:
        """Whether new requests should still start."""
        return time.perf_counter() < self.end

    def ok(self, started: float, ttft: float | None = None) -> None:
        ended = time.perf_counter()
        if self.begin <= ended <= self.end:
            self._latencies.append(ended - started)
            if ttft is not None:
                self._ttfts.append(ttft)

    def error(self, kind: str) -> None:
        if self.begin <= time.perf_counter() <= self.end:
            self._errors[kind] += 1

    async def announce(self) -> None:
        await asyncio.sleep(max(0.0, self.begin - time.perf_counter()))
        print("MEASURE_START", flush=True)
        await asyncio.sleep(max(0.0, self.end - time.perf_counter()))
        print("MEASURE_END", flush=True)

    def result(self, *, streams: bool) -> LoadResult:
        return LoadResult(
            requests=len(self._latencies),
            errors=sum(self._errors.values()),
            seconds=self.end - self.begin,
            latency_ms=percentiles(self._latencies),
            ttft_ms=percentiles(self._ttfts) if streams else None,
            error_kinds=dict(self._errors),
        )
