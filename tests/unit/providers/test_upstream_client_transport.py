"""UpstreamClient details that depend on the transport, run on each one: SSE across any
chunk boundaries, connections dropped or cancelled mid-stream, the pool cap, keep-alive,
headers, bad URLs, and the settings that choose the transport."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

import pytest
from aiohttp import web

from integration_api.adapters.providers._shared import (
    RetryPolicy,
    Timeouts,
    UpstreamClient,
    UpstreamRequest,
    error_for_status,
)
from integration_api.adapters.providers._shared.transport import TransportName
from integration_api.adapters.providers._shared.transport_aiohttp import AiohttpTransport
from integration_api.adapters.providers._shared.transport_httpx import HttpxTransport
from integration_api.domain.errors import (
    ProviderError,
    ProviderRejectedRequest,
    ProviderTimeout,
    ProviderUnavailable,
)
from integration_api.settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
STREAM = (
    '\ufeff: comment\r\nevent: start\r\ndata: {"a": 1}\r\n\r\n'
    "data: é ✓ 🎉\ndata:two\nid: 7\n\n"
    "data: cr only\r\r"
    "data: [DONE]\n\n"
).encode()
EXPECTED = [("start", '{"a": 1}', None), (None, "é ✓ 🎉\ntwo", "7"), (None, "cr only", "7"),
            (None, "[DONE]", "7")]  # fmt: skip


class Upstream:
    """A loopback aiohttp server running `handler`; remembers closed connections."""

    def __init__(self) -> None:
        self.handler: Handler | None = None
        self.closed = asyncio.Event()
        self.active = 0
        self.peak = 0
        self.peers: list[object] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        assert self.handler is not None
        self.peers.append(
            request.transport.get_extra_info("peername") if request.transport else None
        )
        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            return await self.handler(request)
        finally:
            self.active -= 1

    async def watch_close(self, request: web.Request, seconds: float) -> None:
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            if request.transport is None or request.transport.is_closing():
                self.closed.set()
                return
            await asyncio.sleep(0.01)


@pytest.fixture
async def upstream() -> AsyncIterator[Upstream]:
    server = Upstream()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    server.url = f"http://127.0.0.1:{runner.addresses[0][1]}/x"
    yield server
    await runner.cleanup()


@pytest.fixture
async def client(upstream_transport: TransportName) -> AsyncIterator[UpstreamClient]:
    async def no_wait(_: float) -> None:
        return None

    built = UpstreamClient(
        timeouts=Timeouts(connect=1.0, read=2.0, total=5.0),
        retry=RetryPolicy(max_retries=1),
        transport=upstream_transport,
        max_connections=2,
        sleep=no_wait,
    )
    yield built
    await built.aclose()


def request(url: str, **timeouts: float) -> UpstreamRequest:
    return UpstreamRequest(
        method="POST",
        url=url,
        headers={"authorization": "Bearer sk-unit-canary-333333333333333333333333"},
        body=b"{}",
        provider="unit",
        operation="stream",
        timeouts=Timeouts(**timeouts) if timeouts else None,
    )


def mapper(status: int, headers: Mapping[str, str], body: bytes) -> ProviderError:
    return error_for_status(status, provider="unit")


async def prepared(req: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"content-type": "text/event-stream"})
    await response.prepare(req)
    return response


async def test_sse_events_survive_any_chunk_boundaries(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def trickle(req: web.Request) -> web.StreamResponse:
        response = await prepared(req)
        sizes, at = (1, 2, 3, 5, 7), 0
        for n, size in enumerate(sizes * len(STREAM)):
            if at >= len(STREAM):
                break
            await response.write(STREAM[at : at + size])
            at += size
            if n % 3 == 0:
                await asyncio.sleep(0.001)  # let pieces arrive as separate reads
        return response

    upstream.handler = trickle
    async with client.stream(request(upstream.url), mapper) as body:
        events = [(e.event, e.data, e.id) async for e in body.sse()]
    assert events == EXPECTED
    async with client.stream(request(upstream.url), mapper) as body:
        raw = b"".join([chunk async for chunk in body.aiter_bytes()])
    assert raw == STREAM


async def test_connection_dropped_mid_stream_is_unavailable(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def drop(req: web.Request) -> web.StreamResponse:
        response = await prepared(req)
        await response.write(b"data: one\n\n")
        await asyncio.sleep(0.05)
        assert req.transport is not None
        req.transport.close()
        return response

    upstream.handler = drop
    received = []
    with pytest.raises(ProviderUnavailable):
        async with client.stream(request(upstream.url), mapper) as body:
            async for event in body.sse():
                received.append(event.data)
    assert received == ["one"]


async def test_cancelling_the_consumer_closes_the_upstream_connection_within_1s(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def hold(req: web.Request) -> web.StreamResponse:
        response = await prepared(req)
        await response.write(b"data: first\n\n")
        await upstream.watch_close(req, 5.0)
        return response

    upstream.handler = hold
    first = asyncio.Event()

    async def consume() -> None:
        async with client.stream(request(upstream.url), mapper) as body:
            async for _ in body.sse():
                first.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first.wait(), 2.0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(upstream.closed.wait(), 1.0)


async def test_stream_longer_than_the_total_timeout_is_cut(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def endless(req: web.Request) -> web.StreamResponse:
        response = await prepared(req)
        for _ in range(100):
            await response.write(b"data: tick\n\n")
            await asyncio.sleep(0.05)
        return response

    upstream.handler = endless
    ticks = 0
    with pytest.raises(ProviderTimeout, match="total timeout"):
        async with client.stream(request(upstream.url, total=0.3), mapper) as body:
            async for _ in body.sse():
                ticks += 1
    assert ticks >= 1


async def test_the_pool_caps_concurrent_upstream_calls(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def slow(_: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.1)
        return web.Response(text="ok")

    upstream.handler = slow
    answers = await asyncio.gather(*(client.send(request(upstream.url), mapper) for _ in range(5)))
    assert [a.body for a in answers] == [b"ok"] * 5
    assert upstream.peak == 2  # the client fixture's max_connections


async def test_keep_alive_reuses_the_connection(upstream: Upstream, client: UpstreamClient) -> None:
    async def ok(_: web.Request) -> web.StreamResponse:
        return web.Response(text="ok")

    upstream.handler = ok
    for _ in range(3):
        await client.send(request(upstream.url), mapper)
    assert len(set(upstream.peers)) == 1


async def test_header_names_are_lower_case_and_repeats_are_joined(
    upstream: Upstream, client: UpstreamClient
) -> None:
    async def headers(_: web.Request) -> web.StreamResponse:
        response = web.Response(text="ok", headers={"X-Request-Id": "req-1"})
        response.headers.add("X-Dup", "a")
        response.headers.add("X-Dup", "b")
        return response

    upstream.handler = headers
    answer = await client.send(request(upstream.url), mapper)
    assert answer.headers["x-request-id"] == "req-1"
    assert answer.headers["x-dup"] == "a, b"


async def test_a_url_that_is_not_http_is_rejected_without_retrying(
    client: UpstreamClient,
) -> None:
    with pytest.raises(ProviderRejectedRequest, match="base_url"):
        await client.send(request("ftp://127.0.0.1/x"), mapper)


@pytest.mark.parametrize(
    ("name", "kind"), [("aiohttp", AiohttpTransport), ("httpx", HttpxTransport)]
)
async def test_settings_choose_the_transport(name: TransportName, kind: type[object]) -> None:
    client = UpstreamClient.from_settings(
        Settings(upstream_transport=name, upstream_max_connections=7)
    )
    try:
        assert isinstance(client._transport, kind)
    finally:
        await client.aclose()


def test_the_default_transport_is_aiohttp_with_a_2000_connection_pool() -> None:
    settings = Settings()
    assert (settings.upstream_transport, settings.upstream_max_connections) == ("aiohttp", 2000)
