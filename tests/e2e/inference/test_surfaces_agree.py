"""Same request, three surfaces: the headline upstream scenario through POST /v1/chat with
`stream: true`, gRPC StreamChat with grpcio, and with grpclib, gives one event sequence —
and that sequence is what the upstream sent."""

from __future__ import annotations

from grpclib.client import Channel

from e2e.inference import scenario
from e2e.inference.events import (
    Event,
    assert_well_formed,
    fragments_of,
    from_sse,
    kinds,
    sse_frames,
    text_of,
    tool_calls_of,
)
from e2e.inference.gateway import Gateway
from e2e.inference.grpc_clients import GrpcioStubs, chat_request, grpcio_stream, grpclib_stream
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.testing.fake_upstreams.openai import FakeOpenAI

TOOL_NAMES = tuple(c.name for c in scenario.CALLS)


async def rest_stream(gateway: Gateway, credential_id: str) -> list[Event]:
    body = gateway.chat_body(credential_id, tools=scenario.NATIVE_TOOLS, stream=True)
    async with gateway.http.stream("POST", "/v1/chat", json=body) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream"), (
            await response.aread()
        )
        return [from_sse(frame) async for frame in sse_frames(response)]


def assert_is_the_upstream_scenario(events: list[Event]) -> None:
    assert_well_formed(events)
    assert text_of(events) == "".join(scenario.TEXT_CHUNKS)
    calls = tool_calls_of(events)
    assert sorted(calls) == [0, 1]
    for index, sent in enumerate(scenario.CALLS):
        assert (calls[index].id, calls[index].name) == (sent.id, sent.name)
        assert calls[index].arguments == sent.arguments
        assert fragments_of(events, index) == list(sent.pieces())
    assert [e for e in events if e[0] == "usage"] == [scenario.USAGE_EVENT]
    assert events[-1] == ("finish", "tool_calls")


async def test_rest_grpcio_and_grpclib_stream_the_same_events(
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    grpcio_stubs: GrpcioStubs,
    grpclib_channel: Channel,
) -> None:
    fake_openai.program(scenario.TWO_TOOL_CALLS, sticky=True)
    model = f"{openai_credential}/gpt-4o-mini"

    rest = await rest_stream(gateway, openai_credential)
    via_grpcio = await grpcio_stream(
        grpcio_stubs,
        gateway.service.target,
        chat_request(grpcio_stubs.pb, model, tools=TOOL_NAMES),
        gateway.metadata,
    )
    via_grpclib = await grpclib_stream(
        grpclib_channel, chat_request(pb, model, tools=TOOL_NAMES), gateway.metadata
    )

    assert_is_the_upstream_scenario(rest)
    assert via_grpcio == rest
    assert via_grpclib == rest


async def test_each_surface_asks_the_upstream_the_same_thing(
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    grpcio_stubs: GrpcioStubs,
    grpclib_channel: Channel,
) -> None:
    model = f"{openai_credential}/gpt-4o-mini"
    await rest_stream(gateway, openai_credential)
    await grpcio_stream(
        grpcio_stubs,
        gateway.service.target,
        chat_request(grpcio_stubs.pb, model, tools=TOOL_NAMES),
        gateway.metadata,
    )
    await grpclib_stream(
        grpclib_channel, chat_request(pb, model, tools=TOOL_NAMES), gateway.metadata
    )

    bodies = [r.body for r in fake_openai.requests if r.path == "/v1/chat/completions"]
    assert len(bodies) == 3
    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0]["stream_options"] == {"include_usage": True}


async def test_a_plain_text_stream_has_text_usage_then_one_finish(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    events = await rest_stream(gateway, openai_credential)

    assert_well_formed(events)
    assert set(kinds(events[:-2])) == {"text"}
    assert text_of(events) == "Hello from the fake OpenAI."
    assert events[-1] == ("finish", "stop")
