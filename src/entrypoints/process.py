"""Process-level serving: bind the one port, serve on it in one or N processes, stop
gracefully on SIGTERM/SIGINT.

N workers share one socket bound before forking (each child accepts on the inherited
listening socket; the kernel spreads connections), so `--port 0` works too and no worker
can end up on a different port.
"""

from __future__ import annotations

import asyncio
import contextlib
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
) -> None:
    """Builds the Application, serves it on `sock` until SIGTERM/SIGINT, drains, then
    closes the Application."""
    stop = _stop_on_signals()
    application = await build(settings)
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
        await stop.wait()
        log.info("shutting down: draining for up to %.0f s", grace_period)
        await server.stop()
    finally:
        await application.aclose()


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


def run_workers(count: int, work: Callable[[], int]) -> int:
    """Forks `count` children each running `work()` (its return value is the child's exit
    code), forwards SIGTERM/SIGINT to them, and returns 0 when all exited cleanly. If one
    dies on its own, the others are stopped too and its exit code is returned."""
    children = {_fork(work) for _ in range(count)}
    return _supervise(children)


def _fork(work: Callable[[], int]) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        code = work()
    except BaseException:
        log.exception("worker %d failed", os.getpid())
    finally:
        logging.shutdown()
        os._exit(code)


def _supervise(children: set[int]) -> int:
    stopping = False

    def stop_children(signum: int = signal.SIGTERM, _frame: object = None) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            _signal(pid, signal.SIGTERM)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop_children)
    result = 0
    while children:
        pid, status = os.wait()
        children.discard(pid)
        code = os.waitstatus_to_exitcode(status)
        if code != 0 and not stopping:
            log.error("worker %d exited with %d; stopping the others", pid, code)
            stop_children()
        if code != 0 and result == 0:
            result = code if code > 0 else 1
    return result


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.kill(pid, signum)
