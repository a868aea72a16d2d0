"""A RedisCache that loses Redis mid-way: misses while it is gone, and an eviction that
failed during the outage still happens, so no instance reads a deleted row afterwards."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from integration_api.adapters.cache.redis_cache import RedisCache


class Outage:
    """A loopback TCP relay in front of the real Redis that can be cut and restored."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self._target)
        self._writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()
        self._writers.discard(writer)


@pytest.fixture
async def outage(flushed_redis_url: str) -> AsyncIterator[Outage]:
    url = make_url(flushed_redis_url)
    relay = Outage(url.host or "127.0.0.1", url.port or 6379)
    await relay.up()
    yield relay
    with contextlib.suppress(Exception):
        await relay.down()


async def test_eviction_missed_during_an_outage_happens_on_recovery(
    outage: Outage, flushed_redis_url: str
):
    flaky = RedisCache(f"redis://127.0.0.1:{outage.port}/0", timeout=0.5, retry_after=0)
    direct = RedisCache(flushed_redis_url)
    try:
        await flaky.set("cred:1", b"row", ttl_seconds=60)
        assert await direct.get("cred:1") == b"row"

        await outage.down()
        await flaky.delete("cred:1")  # Redis unreachable: must not raise
        assert await flaky.get("cred:1") is None
        await outage.up()

        assert await flaky.get("cred:1") is None  # first call after recovery evicts
        assert await direct.get("cred:1") is None  # ...for every instance
    finally:
        await flaky.aclose()
        await direct.aclose()
