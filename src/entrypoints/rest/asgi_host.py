"""Runs an ASGI app on connections handed over by the mux, with uvicorn's httptools
protocol but without a uvicorn `Server`.

So this host does what uvicorn's Server would: loads one `Config`, shares one
`ServerState` with every connection, runs the ASGI lifespan once, keeps the `date` header
fresh, and drains connections on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from email.utils import formatdate
from typing import Any

import uvicorn
from uvicorn.lifespan.on import LifespanOn
from uvicorn.server import ServerState

log = logging.getLogger(__name__)


class AsgiHost:
    """One ASGI app for every HTTP/1.1 connection of this process."""

    def __init__(self, app: Any, *, timeout_keep_alive: int = 5) -> None:
        self.config = uvicorn.Config(
            app,
            http="httptools",
            ws="none",
            lifespan="on",
            log_config=None,  # the host process configures logging (with redaction)
            access_log=False,
            server_header=False,
            timeout_keep_alive=timeout_keep_alive,
        )
        self.config.load()
        self.state = ServerState()
        self.lifespan = LifespanOn(self.config)
        self._clock: asyncio.Task[None] | None = None

    def protocol(self) -> asyncio.Protocol:
        """A fresh per-connection protocol (uvicorn's HttpToolsProtocol)."""
        # Typed as a bare asyncio.Protocol class by uvicorn; it is HttpToolsProtocol.
        factory: Any = self.config.http_protocol_class
        protocol: asyncio.Protocol = factory(
            config=self.config, server_state=self.state, app_state=self.lifespan.state
        )
        return protocol

    async def startup(self) -> None:
        """Runs the app's lifespan startup; raises RuntimeError when the app refuses."""
        self._refresh_default_headers()
        self._clock = asyncio.create_task(self._tick(), name="asgi-date-header")
        await self.lifespan.startup()
        if self.lifespan.should_exit:
            raise RuntimeError("the ASGI application failed to start")

    async def drain(self, deadline: float) -> None:
        """Closes idle keep-alive connections, lets in-flight requests finish until
        `deadline` (loop time), then cancels what is left."""
        for connection in list(self.state.connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        # uvicorn exposes no "connections drained" event; poll as its own Server.shutdown does.
        while (self.state.connections or self.state.tasks) and loop.time() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        for task in list(self.state.tasks):
            task.cancel()
        for connection in list(self.state.connections):
            connection.transport.close()

    async def shutdown(self) -> None:
        """Runs the app's lifespan shutdown (after `drain`)."""
        await self.lifespan.shutdown()
        if self._clock is not None:
            self._clock.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._clock

    def _refresh_default_headers(self) -> None:
        date = [(b"date", formatdate(time.time(), usegmt=True).encode())]
        self.state.default_headers = date + self.config.encoded_headers

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            self._refresh_default_headers()
