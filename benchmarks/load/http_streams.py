"""SSE streams over HTTP/1.1 keep-alive (aiohttp): `concurrency` loops, each opening one
stream after another. A stream counts when it relays every token and its end marker;
TTFT is the time to the first token's bytes."""

from __future__ import annotations

import asyncio
import time

import aiohttp

from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.load.window import Window

_TAIL = 1024  # the end marker is within the last bytes of a stream


class StreamCheck:
    """Validates one stream as its bytes arrive."""

    def __init__(self, spec: LoadSpec, started: float) -> None:
        self._marker = spec.token_marker.encode()
        self._end = spec.end_marker.encode()
        self._expected = spec.expected_tokens
        self._started = started
        self._parts: list[bytes] = []
        self.ttft: float | None = None

    def feed(self, data: bytes) -> None:
        if self.ttft is None and self._marker in data:
            self.ttft = time.perf_counter() - self._started
        self._parts.append(data)

    def problem(self) -> str | None:
        """None when the stream was complete, else what was wrong."""
        body = b"".join(self._parts)
        if self.ttft is None:
            return "no_token"
        if body.count(self._marker) != self._expected:
            return "missing_tokens"
        if self._end not in body[-_TAIL:]:
            return "no_end"
        return None


async def one_stream(session: aiohttp.ClientSession, spec: LoadSpec, window: Window) -> None:
    started = time.perf_counter()
    check = StreamCheck(spec, started)
    try:
        async with session.post(spec.url, data=spec.body, headers=spec.headers) as response:
            if response.status != 200:
                await response.read()
                window.error(f"status_{response.status}")
                return
            async for data in response.content.iter_any():
                check.feed(data)
    except (aiohttp.ClientError, TimeoutError) as exc:
        window.error(type(exc).__name__)
        await asyncio.sleep(0.05)  # a refused connection must not become a busy loop
        return
    problem = check.problem()
    if problem:
        window.error(problem)
    else:
        window.ok(started, check.ttft)


def session_for(spec: LoadSpec, connections: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=connections, limit_per_host=connections)
    timeout = aiohttp.ClientTimeout(total=spec.timeout)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, auto_decompress=False)


async def run(spec: LoadSpec) -> LoadResult:
    window = Window(spec.warmup, spec.duration)

    async def loop(session: aiohttp.ClientSession) -> None:
        while window.open:
            await one_stream(session, spec, window)

    async with session_for(spec, spec.concurrency) as session:
        announcer = asyncio.create_task(window.announce())
        await asyncio.gather(*(loop(session) for _ in range(spec.concurrency)))
        await announcer
    return window.result(streams=True)
