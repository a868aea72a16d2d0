"""Stopping the server lets in-flight requests and streams finish, ends health Watch
streams with NOT_SERVING, and refuses new connections."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError
from grpclib.health.v1.health_grpc import HealthStub
from grpclib.health.v1.health_pb2 import HealthCheckRequest, HealthCheckResponse
from grpclib.server import Stream
from litestar import get
from litestar.handlers import HTTPRouteHandler

from e2e.conftest import StartService
from e2e.probes import http_client
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_grpc
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb


def slow_route(release: asyncio.Event) -> HTTPRouteHandler:
    """`GET /test/slow` answers once `release` is set."""

    @get("/test/slow")
    async def slow() -> dict[str, str]:
        await release.wait()
        return {"finished": "yes"}

    return slow


async def test_an_in_flight_request_finishes_during_shutdown(start_service: StartService) -> None:
    release = asyncio.Event()
    service = await start_service(rest_routes=[slow_route(release)], grace_period=5.0)
    async with http_client(service.base_url) as client:
        in_flight = asyncio.create_task(client.get("/test/slow"))
        await asyncio.sleep(0.2)  # the request is now inside the handler
        stopping = asyncio.create_task(service.server.stop())
        await asyncio.sleep(0.2)
        assert not stopping.done(), "stop() returned while a request was still running"
        release.set()
        response = await asyncio.wait_for(in_flight, 5)
        await asyncio.wait_for(stopping, 5)
    assert response.status_code == 200
    assert response.json() == {"finished": "yes"}
    with pytest.raises(httpx.ConnectError):
        async with http_client(service.base_url) as client:
            await client.get("/healthz/")


async def test_a_request_past_the_grace_period_is_cut_off(start_service: StartService) -> None:
    service = await start_service(rest_routes=[slow_route(asyncio.Event())], grace_period=0.3)
    async with http_client(service.base_url) as client:
        in_flight = asyncio.create_task(client.get("/test/slow"))
        await asyncio.sleep(0.2)
        await asyncio.wait_for(service.server.stop(), 5)  # functional deadline: grace + 5 s
        with pytest.raises(httpx.HTTPError):
            await asyncio.wait_for(in_flight, 5)


async def test_watch_streams_end_with_not_serving(start_service: StartService) -> None:
    service = await start_service(grace_period=5.0)
    channel = Channel(service.host, service.port)
    statuses: list[int] = []
    try:
        async with HealthStub(channel).Watch.open() as stream:
            await stream.send_message(HealthCheckRequest(), end=True)
            first = await asyncio.wait_for(stream.recv_message(), 5)
            assert first is not None
            statuses.append(first.status)
            stopping = asyncio.create_task(service.server.stop())
            async for reply in stream:
                statuses.append(reply.status)
            await asyncio.wait_for(stopping, 5)
    finally:
        channel.close()
    assert statuses == [HealthCheckResponse.SERVING, HealthCheckResponse.NOT_SERVING]


def slow_stream_service(release: asyncio.Event) -> Any:
    """An InferenceService whose StreamChat sends one delta, waits for `release`, then
    finishes."""

    async def stream_chat(self: Any, stream: Stream[Any, Any]) -> None:
        await stream.recv_message()
        await stream.send_message(pb.StreamChatEvent(text_delta=pb.TextDelta(text="hel")))
        await release.wait()
        await stream.send_message(pb.StreamChatEvent(text_delta=pb.TextDelta(text="lo")))
        finish = pb.Finish(reason=pb.FINISH_REASON_STOP)
        await stream.send_message(pb.StreamChatEvent(finish=finish))

    async def unimplemented(self: Any, stream: Stream[Any, Any]) -> None:
        raise GRPCError(Status.UNIMPLEMENTED)

    base = inference_grpc.InferenceServiceBase
    methods = {name: unimplemented for name in base.__abstractmethods__}
    methods["StreamChat"] = stream_chat
    return type("SlowInference", (base,), methods)()


async def test_an_in_flight_grpc_stream_finishes_during_shutdown(
    start_service: StartService,
) -> None:
    release = asyncio.Event()
    service = await start_service(grpc_services=[slow_stream_service(release)], grace_period=5.0)
    channel = Channel(service.host, service.port)
    try:
        stub = inference_grpc.InferenceServiceStub(channel)
        async with stub.StreamChat.open() as stream:
            await stream.send_message(pb.ChatRequest(model="p/m"), end=True)
            events = [await asyncio.wait_for(stream.recv_message(), 5)]
            stopping = asyncio.create_task(service.server.stop())
            await asyncio.sleep(0.2)
            assert not stopping.done(), "stop() returned while a stream was still running"
            release.set()
            events += [event async for event in stream]  # raises GRPCError unless status OK
        await asyncio.wait_for(stopping, 5)
    finally:
        channel.close()
    kinds = [event.WhichOneof("event") for event in events if event is not None]
    assert kinds == ["text_delta", "text_delta", "finish"]
