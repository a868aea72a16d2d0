"""Upstream failures map to one status per surface (REST and gRPC, unary and streaming),
never echo the key, mid-stream errors after HTTP 200 are reported in-band, and fallbacks
answer when the primary fails before the first byte."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import openai
import pytest
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError

from e2e.inference.events import Event, from_pb, from_sse, kinds, sse_frames, text_of
from e2e.inference.gateway import OPENAI_KEY, Gateway
from e2e.inference.grpc_clients import chat_request
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.inference_grpc import (
    InferenceServiceStub,
)
from integration_api.testing.fake_upstreams.openai import (
    Completion,
    Delay,
    ErrorOut,
    FakeOpenAI,
    Reply,
)


@pytest.fixture
def service_env() -> dict[str, Any]:
    # A short read timeout makes the timeout case fast; one retry shows "after retries".
    return {
        "allow_private_endpoints": "true",
        "upstream_max_retries": "1",
        "upstream_read_timeout": "0.5",
    }


@dataclass(frozen=True)
class Case:
    reply: Reply
    http: tuple[int, ...]  # acceptable HTTP statuses
    grpc: Status
    attempts: int  # upstream requests per call: 2 when retried once


CASES = {
    "rate_limited_429": Case(
        ErrorOut(429, "requests", "Rate limit reached.", headers={"retry-after": "30"}),
        (429,),
        Status.RESOURCE_EXHAUSTED,
        attempts=1,  # a wait beyond the retry bound goes back to the caller at once
    ),
    "server_error_500": Case(
        ErrorOut(500, "server_error", "The server had an error."),
        (502, 503),
        Status.UNAVAILABLE,
        attempts=2,
    ),
    "unavailable_503": Case(
        ErrorOut(503, "service_unavailable", "Service unavailable."),
        (502, 503),
        Status.UNAVAILABLE,
        attempts=2,
    ),
    # Read timeouts are not retried: the upstream may still be generating (and billing).
    "timeout": Case(Delay(3.0), (504,), Status.DEADLINE_EXCEEDED, attempts=1),
    "bad_request_400": Case(
        ErrorOut(400, "invalid_request_error", "Unrecognized request argument."),
        (400,),
        Status.INVALID_ARGUMENT,
        attempts=1,
    ),
}


async def rest_call(gateway: Gateway, credential_id: str, *, stream: bool) -> httpx.Response:
    body = gateway.chat_body(credential_id, stream=stream)
    response = await gateway.http.post("/v1/chat", json=body)
    await response.aread()
    return response


async def grpc_call(
    gateway: Gateway, channel: Channel, credential_id: str, *, stream: bool
) -> GRPCError:
    stub = InferenceServiceStub(channel)
    request = chat_request(pb, f"{credential_id}/gpt-4o-mini")
    with pytest.raises(GRPCError) as raised:
        if stream:
            await stub.StreamChat(request, metadata=gateway.metadata, timeout=10)
        else:
            await stub.Chat(request, metadata=gateway.metadata, timeout=10)
    return raised.value


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_upstream_failure_maps_to_one_status_per_surface(
    case: Case,
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    grpclib_channel: Channel,
) -> None:
    fake_openai.program(case.reply, sticky=True)

    unary, streamed, grpc_unary, grpc_streamed = await asyncio.gather(
        rest_call(gateway, openai_credential, stream=False),
        rest_call(gateway, openai_credential, stream=True),
        grpc_call(gateway, grpclib_channel, openai_credential, stream=False),
        grpc_call(gateway, grpclib_channel, openai_credential, stream=True),
    )

    for response in (unary, streamed):
        assert response.status_code in case.http, response.text
        assert response.headers["content-type"].startswith("application/json")
        assert response.json()["error"]["code"]
        assert OPENAI_KEY not in response.text
    assert unary.status_code == streamed.status_code
    assert grpc_unary.status is case.grpc, grpc_unary.message
    assert grpc_streamed.status is case.grpc, grpc_streamed.message
    assert len(fake_openai.requests) == 4 * case.attempts


async def test_rate_limit_carries_retry_after_on_rest_and_grpc(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str, grpclib_channel: Channel
) -> None:
    fake_openai.program(CASES["rate_limited_429"].reply, sticky=True)

    response = await rest_call(gateway, openai_credential, stream=False)
    error = await grpc_call(gateway, grpclib_channel, openai_credential, stream=False)

    assert response.status_code == 429
    assert response.headers["retry-after"] == "30"
    assert error.message is not None and "retry after 30 s" in error.message


@pytest.mark.parametrize("status", [400, 401, 500])
async def test_an_upstream_error_echoing_the_key_never_reaches_the_caller(
    status: int,
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    grpclib_channel: Channel,
) -> None:
    echo = ErrorOut(status, "invalid_request_error", f"Bad key {OPENAI_KEY} in request.")
    fake_openai.program(echo, sticky=True)

    response = await rest_call(gateway, openai_credential, stream=False)
    error = await grpc_call(gateway, grpclib_channel, openai_credential, stream=False)

    assert 400 <= response.status_code < 600
    assert OPENAI_KEY not in response.text
    assert OPENAI_KEY[8:-8] not in response.text
    assert OPENAI_KEY not in (error.message or "")
    assert OPENAI_KEY not in str(error.details)


# --- errors after the first byte -------------------------------------------------------------

MID_STREAM = Completion(
    text_chunks=("Hello", " there", " friend"), error_after=2, error=("server_error", "Boom.")
)


async def test_a_mid_stream_error_is_one_sse_error_event_at_the_end(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(MID_STREAM)
    body = gateway.chat_body(openai_credential, stream=True)

    async with gateway.http.stream("POST", "/v1/chat", json=body) as response:
        frames = [frame async for frame in sse_frames(response)]
    events = [from_sse(frame) for frame in frames]

    assert response.status_code == 200
    assert kinds(events) == ["text", "error"]
    assert text_of(events) == "Hello"
    assert frames[-1].data["code"] == "provider_unavailable"
    assert OPENAI_KEY not in str(frames)


async def test_a_mid_stream_error_raises_api_error_in_the_openai_sdk(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(MID_STREAM)
    stream = await sdk.chat.completions.create(
        model=f"{openai_credential}/gpt-4o-mini",
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
    )
    received: list[str] = []

    with pytest.raises(openai.APIError) as raised:
        async for chunk in stream:
            received.extend(c.delta.content or "" for c in chunk.choices)

    assert "".join(received) == "Hello"
    assert OPENAI_KEY not in str(raised.value)


async def test_a_mid_stream_error_ends_the_grpc_stream_with_an_error_status(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str, grpclib_channel: Channel
) -> None:
    fake_openai.program(MID_STREAM)
    stub = InferenceServiceStub(grpclib_channel)
    events: list[Event] = []

    with pytest.raises(GRPCError) as raised:
        async with stub.StreamChat.open(metadata=gateway.metadata, timeout=10) as stream:
            await stream.send_message(chat_request(pb, f"{openai_credential}/x"), end=True)
            async for message in stream:
                events.append(from_pb(message))

    assert events == [("text", "Hello")]
    assert raised.value.status is not Status.OK
    assert raised.value.status is Status.UNAVAILABLE, raised.value.message


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (429, openai.RateLimitError),
        (503, openai.InternalServerError),
        (400, openai.BadRequestError),
    ],
)
async def test_the_openai_sdk_raises_its_own_error_classes(
    status: int,
    error_class: type[openai.APIStatusError],
    sdk: openai.AsyncOpenAI,
    fake_openai: FakeOpenAI,
    openai_credential: str,
) -> None:
    headers = {"retry-after": "30"} if status == 429 else {}
    fake_openai.program(ErrorOut(status, "server_error", "nope", headers=headers), sticky=True)

    with pytest.raises(error_class) as raised:
        await sdk.chat.completions.create(
            model=f"{openai_credential}/gpt-4o-mini",
            messages=[{"role": "user", "content": "hi"}],
        )

    assert raised.value.status_code == status
    assert OPENAI_KEY not in raised.value.response.text


# --- fallbacks -----------------------------------------------------------------------------

FALLBACK_TEXT = ("Answer from ", "the fallback.")


@pytest.fixture
async def fallback_upstream() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(api_key=OPENAI_KEY) as fake:
        fake.program(Completion(text_chunks=FALLBACK_TEXT), sticky=True)
        yield fake


@pytest.fixture
async def fallback_credential(gateway: Gateway, fallback_upstream: FakeOpenAI) -> str:
    return await gateway.add_credential("openai", fallback_upstream.base_url, OPENAI_KEY)


def fallback_body(gateway: Gateway, primary: str, fallback: str, **extra: Any) -> dict[str, Any]:
    return gateway.chat_body(
        primary, fallbacks=[{"credential_id": fallback, "model": "gpt-4o"}], **extra
    )


async def test_a_503_before_the_first_byte_falls_back(
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    fallback_upstream: FakeOpenAI,
    fallback_credential: str,
    grpclib_channel: Channel,
) -> None:
    fake_openai.program(ErrorOut(503, "service_unavailable", "down"), sticky=True)
    body = fallback_body(gateway, openai_credential, fallback_credential)

    unary = await gateway.http.post("/v1/chat", json=body)
    async with gateway.http.stream("POST", "/v1/chat", json=body | {"stream": True}) as response:
        streamed = [from_sse(frame) async for frame in sse_frames(response)]
    request = chat_request(
        pb,
        f"{openai_credential}/gpt-4o-mini",
        fallback_models=(f"{fallback_credential}/gpt-4o",),
    )
    reply = await InferenceServiceStub(grpclib_channel).Chat(request, metadata=gateway.metadata)

    assert unary.status_code == 200, unary.text
    assert unary.json()["message"]["content"] == "".join(FALLBACK_TEXT)
    assert text_of(streamed) == "".join(FALLBACK_TEXT)
    assert streamed[-1] == ("finish", "stop")
    assert reply.message.content[0].text.text == "".join(FALLBACK_TEXT)
    assert [r.body["model"] for r in fallback_upstream.requests] == ["gpt-4o"] * 3
    assert len(fake_openai.requests) == 3 * 2  # the primary was tried (and retried) first


async def test_a_non_retryable_error_does_not_fall_back(
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    fallback_upstream: FakeOpenAI,
    fallback_credential: str,
) -> None:
    fake_openai.program(ErrorOut(400, "invalid_request_error", "bad"), sticky=True)

    response = await gateway.http.post(
        "/v1/chat", json=fallback_body(gateway, openai_credential, fallback_credential)
    )

    assert response.status_code == 400
    assert fallback_upstream.requests == []
