"""Feeds connections handed over by the mux to a grpclib `Server` that never listens
itself, and drains them on shutdown.

grpclib's own `Server.close()` cancels running calls at once; here in-flight calls get a
grace period first. Relies on `Server._protocol_factory` and `Server._handlers` (pinned by
tests/unit/entrypoints/test_pinned_internals.py).
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from grpclib.server import Server


class GrpcHost:
    """One grpclib Server for every HTTP/2 connection of this process."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self._protocols: weakref.WeakSet[Any] = weakref.WeakSet()

    def protocol(self) -> asyncio.Protocol:
        """A fresh per-connection H2Protocol bound to the server's handlers."""
        protocol: asyncio.Protocol = self.server._protocol_factory()
        self._protocols.add(protocol)
        return protocol

    def busy(self) -> bool:
        """True while any call (unary or stream) is still running."""
        return any(not handler.check_closed() for handler in list(self.server._handlers))

    async def drain(self, deadline: float) -> None:
        """Lets running calls finish until `deadline` (loop time), then cancels the rest
        and closes every connection."""
        loop = asyncio.get_running_loop()
        # grpclib exposes no "all calls done" event; poll as uvicorn's own shutdown does.
        while self.busy() and loop.time() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        handlers = list(self.server._handlers)
        for handler in handlers:
            handler.close()
        if handlers:
            await asyncio.wait([asyncio.ensure_future(h.wait_closed()) for h in handlers])
        for protocol in list(self._protocols):
            processor = getattr(protocol, "processor", None)
            if processor is not None:
                processor.close("Server shutting down")
