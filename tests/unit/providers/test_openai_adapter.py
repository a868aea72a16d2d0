"""OpenAI adapter details the contract suite does not pin: batching, headers, dialects."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from integration_api.adapters.providers import openai, openai_compatible
from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers._shared.transport import TransportName
from integration_api.adapters.providers.openai.embedding import OpenAIEmbeddings
from integration_api.adapters.providers.openai.mapping import (
    encode_chat_request,
    finish_from_wire,
    usage_from_wire,
)
from integration_api.adapters.providers.openai.wire import (
    WireCompletionDetails,
    WirePromptDetails,
    WireUsage,
)
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import ChatRequest, FinishReason, Message, Role, TextPart, Usage
from integration_api.domain.embeddings import EmbeddingRequest
from integration_api.domain.errors import ProviderInvalidResponse, ProviderRejectedRequest
from integration_api.domain.secrets import SecretValue
from integration_api.testing.fake_upstreams.openai import Completion, FakeOpenAI

KEY = "sk-unit-canary-222222222222222222222222"
HELLO = (Message(role=Role.USER, content=(TextPart(text="hi"),)),)


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    async with FakeOpenAI(api_key=KEY) as server:
        yield server


@pytest.fixture
async def client(upstream_transport: TransportName) -> AsyncIterator[UpstreamClient]:
    upstream = UpstreamClient(transport=upstream_transport)
    yield upstream
    await upstream.aclose()


def binding(fake: FakeOpenAI, **config: str) -> ProviderBinding:
    return ProviderBinding(
        provider="openai",
        secret=SecretValue({"api_key": KEY}),
        config={"base_url": fake.base_url, **config},
    )


async def test_embeddings_are_batched_and_kept_in_order(
    fake: FakeOpenAI, client: UpstreamClient
) -> None:
    embeddings = OpenAIEmbeddings(client, openai.DIALECT, max_batch=2)
    inputs = ("a", "b", "c", "d", "e")
    response = await embeddings.embed(
        binding(fake), EmbeddingRequest(model="m", inputs=inputs, dimensions=3)
    )
    assert [len(r.body["input"]) for r in fake.requests] == [2, 2, 1]
    # The fake's vector for batch position i is i + 1/8, ...; batches restart at 0.
    assert [int(v[0]) for v in response.vectors] == [0, 1, 0, 1, 0]
    assert all(len(v) == 3 for v in response.vectors)


async def test_organization_and_project_headers(fake: FakeOpenAI, client: UpstreamClient) -> None:
    entry = openai.build(client)
    assert entry.chat is not None
    request = ChatRequest(model="gpt-4o-mini", messages=HELLO)
    await entry.chat.chat(binding(fake, organization="org-1", project="proj-1"), request)
    headers = fake.requests[0].headers
    assert headers["openai-organization"] == "org-1"
    assert headers["openai-project"] == "proj-1"
    assert headers["authorization"] == f"Bearer {KEY}"


async def test_compatible_servers_need_a_base_url(client: UpstreamClient) -> None:
    entry = openai_compatible.build(client)
    assert entry.chat is not None
    keyless = ProviderBinding(
        provider="openai_compatible", secret=SecretValue({"note": "x"}), config={}
    )
    with pytest.raises(ProviderRejectedRequest) as caught:
        await entry.chat.chat(keyless, ChatRequest(model="m", messages=HELLO))
    assert caught.value.field == "base_url"


async def test_stream_cut_before_finish_is_an_invalid_response(
    fake: FakeOpenAI, client: UpstreamClient
) -> None:
    fake.program(Completion(stall_after=2, hold_seconds=0.0))
    entry = openai.build(client)
    assert entry.chat is not None
    request = ChatRequest(model="gpt-4o-mini", messages=HELLO)
    with pytest.raises(ProviderInvalidResponse):
        _ = [e async for e in entry.chat.stream(binding(fake), request)]


def test_extra_adds_fields_but_never_replaces_ours() -> None:
    request = ChatRequest(
        model="gpt-4o-mini", messages=HELLO, extra={"model": "other", "user": "u-1"}
    )
    body = encode_chat_request(request, openai.DIALECT, stream=False)
    assert b'"model":"gpt-4o-mini"' in body and b'"user":"u-1"' in body
    assert b"other" not in body


def test_usage_details_and_forced_tool_finish() -> None:
    wire = WireUsage(
        prompt_tokens=10,
        completion_tokens=5,
        prompt_tokens_details=WirePromptDetails(cached_tokens=3),
        completion_tokens_details=WireCompletionDetails(reasoning_tokens=2),
    )
    assert usage_from_wire(wire) == Usage(
        input_tokens=10, output_tokens=5, cached_tokens=3, reasoning_tokens=2
    )
    assert finish_from_wire("stop", has_tool_calls=True) is FinishReason.TOOL_CALLS
    assert finish_from_wire("content_filter", has_tool_calls=False) is FinishReason.CONTENT_FILTER
