"""UpstreamClient against a loopback aiohttp server: retries, timeouts, streams, closing.

Every test runs on each transport (the `upstream_transport` fixture in conftest.py)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping

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
from integration_api.domain.errors import (
    ProviderError,
    ProviderRejectedRequest,
    ProviderTimeout,
    ProviderUnavailable,
)

KEY = "sk-unit-canary-111111111111111111111111"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Server:
    def __init__(self) -> None:
        self.handlers: list[Handler] = []
        self.hits = 0
        self.closed = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        handler = self.handlers[min(self.hits, len(self.handlers) - 1)]
        self.hits += 1
        return await handler(request)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    srv = Server()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", srv.handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    srv.url = f"http://127.0.0.1:{runner.addresses[0][1]}/x"
    yield srv
    await runner.cleanup()


@pytest.fixture
async def waits() -> list[float]:
    return []


@pytest.fixture
async def client(
    waits: list[float], upstream_transport: TransportName
) -> AsyncIterator[UpstreamClient]:
    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    upstream = UpstreamClient(
        timeouts=Timeouts(connect=1.0, read=0.3, total=5.0),
        retry=RetryPolicy(max_retries=2, base_delay=0.5),
        transport=upstream_transport,
        sleep=sleep,
        rand=lambda: 1.0,
    )
    yield upstream
    await upstream.aclose()


def request(url: str, operation: str = "chat") -> UpstreamRequest:
    return UpstreamRequest(
        method="POST",
        url=url,
        headers={"authorization": f"Bearer {KEY}"},
        body=b"{}",
        provider="unit",
        operation=operation,  # type: ignore[arg-type]
    )


def mapper(status: int, headers: Mapping[str, str], body: bytes) -> ProviderError:
    return error_for_status(status, provider="unit")


def status(code: int, **headers: str) -> Handler:
    async def handler(_: web.Request) -> web.StreamResponse:
        return web.Response(status=code, text=f"error for {KEY}", headers=headers)

    return handler


def sse(*events: bytes, hold: float = 0.0, srv: Server | None = None) -> Handler:
    async def handler(req: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"content-type": "text/event-stream"})
        await response.prepare(req)
        for event in events:
            await response.write(event)
        deadline = asyncio.get_running_loop().time() + hold
        while asyncio.get_running_loop().time() < deadline:
            if req.transport is None or req.transport.is_closing():
                if srv is not None:
                    srv.closed.set()
                break
            await asyncio.sleep(0.01)
        return response

    return handler


async def test_retries_5xx_with_backoff_then_succeeds(
    server: Server, client: UpstreamClient, waits: list[float]
) -> None:
    server.handlers = [status(503), status(500), status(200)]
    response = await client.send(request(server.url), mapper)
    assert response.status == 200
    assert waits == [0.5, 1.0]


async def test_gives_up_after_max_retries(
    server: Server, client: UpstreamClient, waits: list[float]
) -> None:
    server.handlers = [status(502)]
    with pytest.raises(ProviderUnavailable) as caught:
        await client.send(request(server.url), mapper)
    assert server.hits == 3
    assert KEY not in f"{caught.value} {caught.value!r}"


async def test_honours_retry_after(
    server: Server, client: UpstreamClient, waits: list[float]
) -> None:
    server.handlers = [status(429, **{"Retry-After": "4"}), status(200)]
    await client.send(request(server.url), mapper)
    assert waits == [4.0]


async def test_client_errors_and_should_retry_false_are_not_retried(
    server: Server, client: UpstreamClient
) -> None:
    server.handlers = [status(400)]
    with pytest.raises(ProviderRejectedRequest):
        await client.send(request(server.url), mapper)
    server.hits, server.handlers = 0, [status(500, **{"x-should-retry": "false"})]
    with pytest.raises(ProviderUnavailable):
        await client.send(request(server.url), mapper)
    assert server.hits == 1


async def test_connection_refused_is_unavailable_and_retried(
    client: UpstreamClient, waits: list[float]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ProviderUnavailable):
        await client.send(request(f"http://127.0.0.1:{port}/x"), mapper)
    assert len(waits) == 2


async def test_read_timeout_is_not_retried(server: Server, client: UpstreamClient) -> None:
    async def slow(_: web.Request) -> web.StreamResponse:
        await asyncio.sleep(1.0)
        return web.Response()

    server.handlers = [slow]
    with pytest.raises(ProviderTimeout):
        await client.send(request(server.url), mapper)
    assert server.hits == 1


async def test_stream_retries_before_the_first_byte_only(
    server: Server, client: UpstreamClient
) -> None:
    server.handlers = [status(503), sse(b"data: one\n\n", b"data: two\n\n")]
    async with client.stream(request(server.url, "stream"), mapper) as body:
        events = [event.data async for event in body.sse()]
    assert events == ["one", "two"]
    assert server.hits == 2


async def test_stream_events_arrive_before_the_stream_ends(
    server: Server, client: UpstreamClient
) -> None:
    server.handlers = [sse(b"data: first\n\n", hold=3.0, srv=server)]
    async with client.stream(request(server.url, "stream"), mapper) as body:
        first = await anext(aiter(body.sse()))
    assert first.data == "first"


async def test_closing_the_consumer_closes_the_upstream_connection_within_1s(
    server: Server, client: UpstreamClient
) -> None:
    server.handlers = [sse(b"data: first\n\n", hold=5.0, srv=server)]

    async def consume() -> AsyncGenerator[str, None]:
        async with client.stream(request(server.url, "stream"), mapper) as body:
            async for event in body.sse():
                yield event.data

    events = consume()
    assert await anext(events) == "first"
    await events.aclose()
    await asyncio.wait_for(server.closed.wait(), 1.0)


async def test_stream_read_timeout_mid_stream_raises_timeout(
    server: Server, client: UpstreamClient
) -> None:
    server.handlers = [sse(b"data: first\n\n", hold=2.0)]
    received = []
    with pytest.raises(ProviderTimeout):
        async with client.stream(request(server.url, "stream"), mapper) as body:
            async for event in body.sse():
                received.append(event.data)
    assert received == ["first"]
