"""Pins the grpclib and uvicorn internals the one-port server relies on, so an upgrade
that changes them fails here, loudly, instead of at the first connection in production.

Used by: src/entrypoints/grpc/grpc_host.py, grpc/server.py, grpc/health.py,
src/entrypoints/rest/asgi_host.py.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import uvicorn
from grpclib.health.check import ServiceCheck
from grpclib.health.service import OVERALL, Health
from grpclib.protocol import H2Protocol
from grpclib.reflection._deprecated import ServerReflection as ServerReflectionV1Alpha
from grpclib.reflection.service import ServerReflection
from grpclib.server import Handler, Server
from grpclib.utils import _service_name
from uvicorn.lifespan.on import LifespanOn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState


async def asgi_app(scope: Any, receive: Any, send: Any) -> None:
    """Completes the lifespan protocol; serves nothing."""
    if scope["type"] == "lifespan":
        assert (await receive())["type"] == "lifespan.startup"
        await send({"type": "lifespan.startup.complete"})
        assert (await receive())["type"] == "lifespan.shutdown"
        await send({"type": "lifespan.shutdown.complete"})


async def test_grpclib_server_builds_per_connection_protocols_and_tracks_handlers() -> None:
    server = Server([])
    protocol = server._protocol_factory()
    assert isinstance(protocol, H2Protocol)
    assert isinstance(protocol, asyncio.Protocol)
    (handler,) = server._handlers
    assert isinstance(handler, Handler)
    assert handler.check_closed() is True  # no call running
    handler.close()
    await handler.wait_closed()


def test_grpclib_h2_protocol_exposes_its_events_processor() -> None:
    # GrpcHost closes connections through `protocol.processor.close(reason)`.
    assert "processor" in H2Protocol.__annotations__
    source = inspect.getsource(H2Protocol.connection_made)
    assert "self.processor = EventsProcessor" in source


def test_grpclib_reflection_takes_service_names() -> None:
    for cls in (ServerReflection, ServerReflectionV1Alpha):
        assert "_service_names" in inspect.signature(cls).parameters
    health = Health()
    assert _service_name(health) == "grpc.health.v1.Health"


def test_grpclib_service_check_caches_and_reports() -> None:
    parameters = inspect.signature(ServiceCheck).parameters
    assert {"check_ttl", "check_timeout"} <= set(parameters)
    assert inspect.iscoroutinefunction(ServiceCheck.__check__)
    assert callable(ServiceCheck.__status__)
    assert OVERALL.__mapping__() == {"//": None}


def test_uvicorn_httptools_protocol_is_built_from_config_and_shared_state() -> None:
    config = uvicorn.Config(asgi_app, http="httptools", lifespan="on", log_config=None)
    config.load()
    assert config.http_protocol_class is HttpToolsProtocol
    assert isinstance(config.encoded_headers, list)
    parameters = inspect.signature(HttpToolsProtocol).parameters
    assert list(parameters)[:3] == ["config", "server_state", "app_state"]
    assert callable(HttpToolsProtocol.shutdown)
    state = ServerState()
    assert state.connections == set()
    assert state.tasks == set()
    assert state.default_headers == []


async def test_uvicorn_lifespan_runs_without_a_server() -> None:
    config = uvicorn.Config(asgi_app, lifespan="on", log_config=None)
    config.load()
    lifespan = LifespanOn(config)
    assert lifespan.state == {}
    await lifespan.startup()
    assert lifespan.should_exit is False
    await lifespan.shutdown()
    assert lifespan.should_exit is False
