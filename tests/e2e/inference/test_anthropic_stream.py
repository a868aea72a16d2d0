"""An Anthropic stream with tool_use blocks comes out, on /v1/chat SSE and on gRPC
StreamChat, as ToolCallDelta events carrying the input_json_delta fragments in order, then
Usage and Finish(tool_calls)."""

from __future__ import annotations

import json

from grpclib.client import Channel

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
from e2e.inference.gateway import ANTHROPIC_KEY, Gateway
from e2e.inference.grpc_clients import GrpcioStubs, chat_request, grpcio_stream, grpclib_stream
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.testing.fake_upstreams.anthropic import (
    Completion,
    FakeAnthropic,
    TextOut,
    ToolUseOut,
)

MODEL = "claude-sonnet-4-5"
WEATHER = ToolUseOut(
    id="toolu_01Weather",
    name="get_weather",
    input={"city": "Paris", "unit": "celsius"},
    fragments=("", '{"city": "Pa', 'ris", "unit', '": "celsius"}'),
)
TIME = ToolUseOut(
    id="toolu_02Time",
    name="get_time",
    input={"timezone": "Europe/Paris"},
    fragments=('{"timezone":', ' "Europe/Paris"}'),
)
TOOL_USE = Completion(
    blocks=(TextOut("Checking both.", chunks=("Checking ", "both.")), WEATHER, TIME),
    stop_reason="tool_use",
    input_tokens=52,
    output_tokens=31,
)


async def rest_stream(gateway: Gateway, credential_id: str) -> list[Event]:
    body = gateway.chat_body(credential_id, model=MODEL, stream=True)
    async with gateway.http.stream("POST", "/v1/chat", json=body) as response:
        assert response.status_code == 200
        return [from_sse(frame) async for frame in sse_frames(response)]


def assert_tool_use_events(events: list[Event]) -> None:
    assert_well_formed(events)
    assert text_of(events) == "Checking both."
    calls = tool_calls_of(events)
    assert len(calls) == 2
    ordered = [calls[index] for index in sorted(calls)]
    for call, sent in zip(ordered, (WEATHER, TIME), strict=True):
        assert (call.id, call.name) == (sent.id, sent.name)
        assert json.loads(call.arguments) == sent.input
    for index, sent in zip(sorted(calls), (WEATHER, TIME), strict=True):
        assert fragments_of(events, index) == [f for f in sent.pieces() if f]
    # deltas first, then usage, then finish(tool_calls) last
    assert kinds(events)[-2:] == ["usage", "finish"]
    assert events[-1] == ("finish", "tool_calls")
    (usage,) = [e for e in events if e[0] == "usage"]
    assert usage[1:3] == (52, 31)


async def test_rest_stream_of_tool_use_blocks(
    gateway: Gateway, fake_anthropic: FakeAnthropic, anthropic_credential: str
) -> None:
    fake_anthropic.program(TOOL_USE)

    events = await rest_stream(gateway, anthropic_credential)

    assert_tool_use_events(events)
    (sent,) = [r for r in fake_anthropic.requests if r.path == "/v1/messages"]
    assert sent.headers["x-api-key"] == ANTHROPIC_KEY
    assert sent.body["stream"] is True
    assert sent.body["model"] == MODEL


async def test_grpc_streams_give_the_same_events_as_rest(
    gateway: Gateway,
    fake_anthropic: FakeAnthropic,
    anthropic_credential: str,
    grpcio_stubs: GrpcioStubs,
    grpclib_channel: Channel,
) -> None:
    fake_anthropic.program(TOOL_USE, TOOL_USE, TOOL_USE)
    model = f"{anthropic_credential}/{MODEL}"

    rest = await rest_stream(gateway, anthropic_credential)
    via_grpclib = await grpclib_stream(grpclib_channel, chat_request(pb, model), gateway.metadata)
    via_grpcio = await grpcio_stream(
        grpcio_stubs, gateway.service.target, chat_request(grpcio_stubs.pb, model), gateway.metadata
    )

    assert_tool_use_events(via_grpclib)
    assert via_grpclib == rest
    assert via_grpcio == rest


async def test_a_plain_anthropic_stream_finishes_with_stop(
    gateway: Gateway, fake_anthropic: FakeAnthropic, anthropic_credential: str
) -> None:
    events = await rest_stream(gateway, anthropic_credential)

    assert_well_formed(events)
    assert text_of(events) == "Hello from the fake Anthropic."
    assert events[-1] == ("finish", "stop")
