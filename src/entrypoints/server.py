"""REST (HTTP/1.1, Litestar) and gRPC (HTTP/2, grpclib) on one listening socket.

Every accepted connection starts with the mux's sniffer, which hands it to the ASGI host
or the gRPC host. Shutdown is graceful: stop accepting, turn health NOT_SERVING, let
in-flight requests and streams finish within the grace period, cancel the rest.
The server does not own the Application: whoever built it closes it afterwards.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence

from litestar.types import ControllerRouterHandler

from integration_api.application.facade import Application
from integration_api.entrypoints.grpc.grpc_host import GrpcHost
from integration_api.entrypoints.grpc.servable import Servable
from integration_api.entrypoints.grpc.server import create_grpc_server
from integration_api.entrypoints.mux import SNIFF_TIMEOUT, ProtocolSniffer
from integration_api.entrypoints.rest.app import create_rest_app
from integration_api.entrypoints.rest.asgi_host import AsgiHost
from integration_api.entrypoints.rest.request_metrics import RequestMetrics

GRACE_PERIOD = 10.0
"""Seconds in-flight requests and streams get to finish on shutdown."""


class OnePortServer:
    """Serves `application` over REST and gRPC on one socket; start it inside the loop."""

    def __init__(
        self,
        application: Application,
        *,
        rest_routes: Sequence[ControllerRouterHandler] = (),
        grpc_services: Sequence[Servable] = (),
        grace_period: float = GRACE_PERIOD,
        sniff_timeout: float = SNIFF_TIMEOUT,
        health_interval: float = 1.0,
    ) -> None:
        self._application = application
        self._rest_routes = rest_routes
        self._grpc_services = grpc_services
        self._grace_period = grace_period
        self._sniff_timeout = sniff_timeout
        self._health_interval = health_interval
        self._undecided: set[ProtocolSniffer] = set()
        self._stopping = asyncio.Event()
        self._listener: asyncio.Server | None = None
        self._rest: AsgiHost | None = None
        self._grpc: GrpcHost | None = None

    async def start(self, sock: socket.socket) -> None:
        """Runs the ASGI lifespan startup, then accepts on the bound, listening `sock`."""
        rest_app = create_rest_app(self._application, route_handlers=self._rest_routes)
        self._rest = AsgiHost(RequestMetrics(rest_app, self._application.metrics))
        grpc_server = create_grpc_server(
            self._application,
            self._grpc_services,
            stopping=self._stopping,
            health_interval=self._health_interval,
        )
        self._grpc = GrpcHost(grpc_server)
        await self._rest.startup()
        loop = asyncio.get_running_loop()
        self._listener = await loop.create_server(self._accept, sock=sock)

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) actually listened on."""
        assert self._listener is not None, "start() first"
        host, port = self._listener.sockets[0].getsockname()[:2]
        return str(host), int(port)

    async def stop(self) -> None:
        """Graceful shutdown; returns when every connection is done or cut off."""
        if self._listener is None or self._stopping.is_set():
            return
        self._stopping.set()
        self._listener.close()
        for sniffer in list(self._undecided):
            sniffer.close()
        assert self._rest is not None and self._grpc is not None
        deadline = asyncio.get_running_loop().time() + self._grace_period
        await asyncio.gather(self._rest.drain(deadline), self._grpc.drain(deadline))
        await self._rest.shutdown()
        await self._listener.wait_closed()

    def _accept(self) -> ProtocolSniffer:
        assert self._rest is not None and self._grpc is not None
        sniffer = ProtocolSniffer(
            self._rest.protocol,
            self._grpc.protocol,
            timeout=self._sniff_timeout,
            on_done=self._undecided.discard,
        )
        self._undecided.add(sniffer)
        return sniffer
