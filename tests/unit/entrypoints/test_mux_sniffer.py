"""The first bytes decide: the HTTP/2 preface goes to the gRPC side, anything else to the
HTTP side, and the chosen protocol sees every byte, in order, whatever the chunking.
Runs on asyncio's loop and on uvloop (which the server uses)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
import uvloop

from integration_api.entrypoints.mux import PREFACE, ProtocolSniffer

LOOPS = {"asyncio": asyncio.new_event_loop, "uvloop": uvloop.new_event_loop}


class Echo(asyncio.Protocol):
    """Answers `<kind>:<every byte received>` once it has seen b"END"."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.data = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.data += data
        if self.data.endswith(b"END") and self.transport is not None:
            self.transport.write(f"{self.kind}:".encode() + self.data)
            self.transport.close()


def run(loop: str, scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    with asyncio.Runner(loop_factory=LOOPS[loop]) as runner:
        runner.run(scenario())


async def exchange(chunks: list[bytes], *, sniff_timeout: float = 5.0) -> tuple[bytes, list[str]]:
    """Sends `chunks` (pausing between them) to a sniffing server; returns the reply and
    which protocols were built."""
    built: list[str] = []

    def factory(kind: str) -> Callable[[], asyncio.Protocol]:
        def build() -> asyncio.Protocol:
            built.append(kind)
            return Echo(kind)

        return build

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: ProtocolSniffer(factory("http"), factory("grpc"), timeout=sniff_timeout),
        "127.0.0.1",
        0,
    )
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for chunk in chunks:
        writer.write(chunk)
        await writer.drain()
        await asyncio.sleep(0.01)
    reply = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    server.close()
    await server.wait_closed()
    return reply, built


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize(
    ("chunks", "kind"),
    [
        ([PREFACE + b"frames END"], "grpc"),
        ([bytes([b]) for b in PREFACE] + [b"END"], "grpc"),
        ([PREFACE[:10], PREFACE[10:], b"END"], "grpc"),
        ([b"GET /healthz/ HTTP/1.1\r\nHost: x\r\n\r\nEND"], "http"),
        ([b"P", b"OST / HTTP/1.1\r\n\r\nEND"], "http"),
        ([b"PRI * HTTP/1.1\r\n\r\nEND"], "http"),
    ],
    ids=["preface", "preface-bytewise", "preface-split", "get", "post-split", "near-preface"],
)
def test_first_bytes_choose_the_protocol_and_are_replayed(
    loop: str, chunks: list[bytes], kind: str
) -> None:
    async def scenario() -> None:
        reply, built = await exchange(chunks)
        assert built == [kind]
        assert reply == f"{kind}:".encode() + b"".join(chunks)

    run(loop, scenario)


@pytest.mark.parametrize("loop", LOOPS)
def test_a_silent_connection_is_closed_undecided(loop: str) -> None:
    async def scenario() -> None:
        reply, built = await exchange([b"PRI * "], sniff_timeout=0.2)
        assert built == []
        assert reply == b""

    run(loop, scenario)


@pytest.mark.parametrize("loop", LOOPS)
def test_a_connection_closed_before_deciding_builds_nothing(loop: str) -> None:
    async def scenario() -> None:
        done: list[ProtocolSniffer] = []
        loop_ = asyncio.get_running_loop()
        server = await loop_.create_server(
            lambda: ProtocolSniffer(
                lambda: Echo("http"), lambda: Echo("grpc"), on_done=done.append
            ),
            "127.0.0.1",
            0,
        )
        port = server.sockets[0].getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"PR")
        writer.close()
        for _ in range(100):
            if done:
                break
            await asyncio.sleep(0.01)
        server.close()
        await server.wait_closed()
        assert len(done) == 1

    run(loop, scenario)
