"""A client that goes away mid-stream cancels the upstream request within 1 s: closing the
SSE connection (native and OpenAI dialect), or cancelling the gRPC call (grpclib, grpcio).
The fake upstream observes its own connection closing."""

from __future__ import annotations

import asyncio

import grpc
import openai
from grpclib.client import Channel

from e2e.inference.events import sse_frames
from e2e.inference.gateway import Gateway
from e2e.inference.grpc_clients import GRPCIO_OPTIONS, GrpcioStubs, chat_request
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.inference_grpc import (
    InferenceServiceStub,
)
from integration_api.testing.fake_upstreams.anthropic import Completion as AnthropicCompletion
from integration_api.testing.fake_upstreams.anthropic import FakeAnthropic, TextOut
from integration_api.testing.fake_upstreams.openai import Completion, FakeOpenAI

# 40 chunks 0.1 s apart: the upstream would still be sending 4 s later.
SLOW = Completion(text_chunks=tuple(f"word{i} " for i in range(40)), event_delay=0.1)
WITHIN = 1.0  # the functional deadline


async def upstream_closed(fake: FakeOpenAI | FakeAnthropic) -> bool:
    """Waits up to WITHIN seconds for the fake to see its client connection close."""
    try:
        await asyncio.wait_for(fake.disconnected.wait(), WITHIN)
    except TimeoutError:
        return False
    return True


async def test_closing_the_sse_connection_closes_the_upstream(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(SLOW)
    body = gateway.chat_body(openai_credential, stream=True)

    async with gateway.http.stream("POST", "/v1/chat", json=body) as response:
        frames = sse_frames(response)
        first = [await anext(frames), await anext(frames)]
        await frames.aclose()
    # leaving the block closed the connection before the stream's end

    assert [f.event for f in first] == ["text_delta", "text_delta"]
    assert await upstream_closed(fake_openai)


async def test_closing_an_openai_sdk_stream_closes_the_upstream(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(SLOW)
    stream = await sdk.chat.completions.create(
        model=f"{openai_credential}/gpt-4o-mini",
        messages=[{"role": "user", "content": "count slowly"}],
        stream=True,
    )

    received = [await anext(aiter(stream)), await anext(aiter(stream))]
    await stream.close()

    assert received[0].choices[0].delta.content == "word0 "
    assert await upstream_closed(fake_openai)


async def test_closing_the_sse_connection_closes_an_anthropic_upstream(
    gateway: Gateway, fake_anthropic: FakeAnthropic, anthropic_credential: str
) -> None:
    text = "".join(f"word{i} " for i in range(40))
    chunks = tuple(f"word{i} " for i in range(40))
    fake_anthropic.program(AnthropicCompletion(blocks=(TextOut(text, chunks),), event_delay=0.1))
    body = gateway.chat_body(anthropic_credential, model="claude-sonnet-4-5", stream=True)

    async with gateway.http.stream("POST", "/v1/chat", json=body) as response:
        frames = sse_frames(response)
        first = await anext(frames)
        await frames.aclose()

    assert first.event == "text_delta"
    assert await upstream_closed(fake_anthropic)


async def test_cancelling_a_grpclib_call_closes_the_upstream(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str, grpclib_channel: Channel
) -> None:
    fake_openai.program(SLOW)
    request = chat_request(pb, f"{openai_credential}/gpt-4o-mini")
    stub = InferenceServiceStub(grpclib_channel)

    async with stub.StreamChat.open(metadata=gateway.metadata, timeout=10) as stream:
        await stream.send_message(request, end=True)
        first = [await stream.recv_message(), await stream.recv_message()]
        await stream.cancel()

    assert all(m is not None and m.HasField("text_delta") for m in first)
    assert await upstream_closed(fake_openai)


async def test_cancelling_a_grpcio_call_closes_the_upstream(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str, grpcio_stubs: GrpcioStubs
) -> None:
    fake_openai.program(SLOW)
    request = chat_request(grpcio_stubs.pb, f"{openai_credential}/gpt-4o-mini")

    async with grpc.aio.insecure_channel(gateway.service.target, options=GRPCIO_OPTIONS) as ch:
        call = grpcio_stubs.stub(ch).StreamChat(
            request, metadata=tuple(gateway.metadata.items()), timeout=10
        )
        first = [await call.read(), await call.read()]
        assert call.cancel()

        assert all(m.HasField("text_delta") for m in first)
        assert await upstream_closed(fake_openai)
