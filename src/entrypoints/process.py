"""Process-level serving: bind the one port, serve on it until SIGTERM/SIGINT, drain.

Several worker processes share the socket bound here (see workers.py), so `--port 0`
works for them too and no worker can end up on a different port.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import socket
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import uvloop

from integration_api.application.facade import Application
from integration_api.entrypoints.api import api_surface
from integration_api.entrypoints.server import GRACE_PERIOD, OnePortServer
from integration_api.settings import Settings

ApplicationBuilder = Callable[[Settings], Awaitable[Application]]

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

GC_THRESHOLD = 50_000  # young objects between collections (CPython default 700)

log = logging.getLogger("integration_api.server")


def bind(host: str, port: int, *, backlog: int = 2048) -> socket.socket:
    """A listening TCP socket on (host, port); port 0 picks a free port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def address_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


async def serve(
    settings: Settings,
    sock: socket.socket,
    *,
    build: ApplicationBuilder,
    grace_period: float = GRACE_PERIOD,
    announce: bool = True,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Builds the Application, serves it on `sock` until SIGTERM/SIGINT, drains, then
    closes the Application. `on_ready()` runs once connections are being served."""
    stop = _stop_on_signals()
    application = await build(settings)
    _settle_garbage_collector()
    try:
        surface = api_surface(application)
        server = OnePortServer(
            application,
            rest_routes=surface.rest_routes,
            grpc_services=surface.grpc_services,
            grace_period=grace_period,
        )
        await server.start(sock)
        if announce:
            log.info("serving REST and gRPC on %s (pid %d)", address_of(sock), os.getpid())
        if on_ready is not None:
            on_ready()
        await stop.wait()
        log.info("shutting down: draining for up to %.0f s", grace_period)
        await server.stop()
    finally:
        await application.aclose()


def _settle_garbage_collector() -> None:
    """Moves everything built at start-up (modules, app, schemas) out of the collector's
    reach and makes young collections rarer: full collections otherwise walk that heap
    every few thousand requests and show up as 50-150 ms tail latency under load."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, stop.set)
    return stop


def run(main: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Runs `main()` on a fresh uvloop event loop."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main())
