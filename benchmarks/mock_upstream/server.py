"""The mock's HTTP/1.1 protocol: keep-alive, Content-Length request bodies, replies from a
cache of precomputed bytes keyed by route and model. Streams send their pieces from one
task per stream; a closed connection ends the task at its next piece."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.mock_upstream import wire

_STREAM = re.compile(rb'"stream"\s*:\s*true')
_MODEL = re.compile(rb'"model"\s*:\s*"([^"]{1,200})"')
_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)
_CACHE_LIMIT = 256  # distinct (route, model) replies kept; the benchmark uses a handful


@dataclass
class MockConfig:
    dimensions: int = 1536
    default_stream: wire.StreamProfile = field(
        default_factory=lambda: wire.StreamProfile(chunks=20, delay=0.010)
    )
    profiles: dict[str, wire.StreamProfile] = field(default_factory=dict)  # by model
    text: str = "Hello! This reply comes from the benchmark's mock upstream."


class ReplyCache:
    """Renders each reply once."""

    def __init__(self, config: MockConfig) -> None:
        self._config = config
        self._unary: dict[tuple[bytes, str], bytes] = {}
        self._streams: dict[str, wire.StreamReply] = {}
        self.models = wire.models(("gpt-4o-mini", "text-embedding-3-small"))
        self.not_found = wire.not_found()

    def unary(self, route: bytes, model: str) -> bytes:
        key = (route, model)
        found = self._unary.get(key)
        if found is None:
            found = self._render(route, model)
            if len(self._unary) < _CACHE_LIMIT:
                self._unary[key] = found
        return found

    def stream(self, model: str) -> wire.StreamReply:
        found = self._streams.get(model)
        if found is None:
            profile = self._config.profiles.get(model, self._config.default_stream)
            found = wire.stream(model, profile)
            if len(self._streams) < _CACHE_LIMIT:
                self._streams[model] = found
        return found

    def _render(self, route: bytes, model: str) -> bytes:
        if route == b"chat":
            return wire.chat_completion(model, self._config.text)
        return wire.embeddings(model, self._config.dimensions)


class MockProtocol(asyncio.Protocol):
    """One connection. Requests are answered in order; clients do not pipeline."""

    def __init__(self, cache: ReplyCache, on_close: Callable[[MockProtocol], None]) -> None:
        self._cache = cache
        self._on_close = on_close
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._stream_task: asyncio.Task[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if self._stream_task is not None:
            self._stream_task.cancel()
        self._on_close(self)

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head = bytes(self._buffer[: end + 2])
            found = _LENGTH.search(head)
            total = end + 4 + (int(found.group(1)) if found else 0)
            if len(self._buffer) < total:
                return
            body = bytes(self._buffer[end + 4 : total])
            del self._buffer[:total]
            self._answer(head, body)

    def _answer(self, head: bytes, body: bytes) -> None:
        assert self._transport is not None
        line = head[: head.find(b"\r\n")]
        found = _MODEL.search(body)
        model = found.group(1).decode() if found else "gpt-4o-mini"
        if b" /v1/chat/completions " in line:
            if _STREAM.search(body):
                task = asyncio.get_running_loop().create_task(self._stream(model))
                self._stream_task = task
                return
            self._transport.write(self._cache.unary(b"chat", model))
        elif b" /v1/embeddings " in line:
            self._transport.write(self._cache.unary(b"embeddings", model))
        elif b" /v1/models " in line:
            self._transport.write(self._cache.models)
        else:
            self._transport.write(self._cache.not_found)

    async def _stream(self, model: str) -> None:
        transport = self._transport
        assert transport is not None
        reply = self._cache.stream(model)
        transport.write(reply.head)
        for piece in reply.pieces:
            await asyncio.sleep(reply.delay)
            if transport.is_closing():
                return
            transport.write(piece)
        transport.write(reply.tail)
        self._stream_task = None


class MockServer:
    """Owns the listener and the open connections."""

    def __init__(self, config: MockConfig) -> None:
        self._cache = ReplyCache(config)
        self._connections: set[MockProtocol] = set()
        self._server: asyncio.Server | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._protocol, host, port, backlog=4096)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is None:
            return
        self._server.close()
        for connection in list(self._connections):
            connection.close()
        await self._server.wait_closed()

    def _protocol(self) -> MockProtocol:
        protocol = MockProtocol(self._cache, self._connections.discard)
        self._connections.add(protocol)
        return protocol
