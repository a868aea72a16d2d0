"""The headline: the official openai SDK, pointed at /openai/v1 with a service token, gets
exactly what the (fake) OpenAI upstream sent — text, two parallel tool calls streamed in
fragments, usage — streaming and not; embeddings in input order; the model list."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass, field
from typing import cast

import openai
from openai.types.chat import (
    ChatCompletionChunk,
    ChatCompletionMessageParam,
    ChatCompletionToolParam,
)

from e2e.inference import scenario
from e2e.inference.gateway import OPENAI_KEY, Gateway
from integration_api.testing.fake_upstreams.openai import EmbeddingsOut, FakeOpenAI

QUESTION: list[ChatCompletionMessageParam] = [
    {"role": "user", "content": "What is the weather and the time in Paris?"}
]
TOOLS = cast(list[ChatCompletionToolParam], scenario.OPENAI_TOOLS)


async def _stream(sdk: openai.AsyncOpenAI, model: str) -> list[ChatCompletionChunk]:
    stream = await sdk.chat.completions.create(
        model=model,
        messages=QUESTION,
        tools=TOOLS,
        stream=True,
        stream_options={"include_usage": True},
    )
    return [chunk async for chunk in stream]


@dataclass
class StreamedCall:
    id: str | None = None
    name: str | None = None
    pieces: list[str] = field(default_factory=list)  # argument fragments, as they arrived


def _reassembled(chunks: list[ChatCompletionChunk]) -> dict[int, StreamedCall]:
    """Tool calls put together from the chunks the way SDK users do."""
    calls: dict[int, StreamedCall] = {}
    for chunk in chunks:
        for choice in chunk.choices:
            for delta in choice.delta.tool_calls or ():
                call = calls.setdefault(delta.index, StreamedCall())
                call.id = call.id or delta.id
                if delta.function is not None:
                    call.name = call.name or delta.function.name
                    if delta.function.arguments:
                        call.pieces.append(delta.function.arguments)
    return calls


async def test_sdk_stream_carries_text_two_parallel_tool_calls_and_usage(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(scenario.TWO_TOOL_CALLS)

    chunks = await _stream(sdk, f"{openai_credential}/gpt-4o-mini")

    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "".join(scenario.TEXT_CHUNKS)
    calls = _reassembled(chunks)
    assert sorted(calls) == [0, 1]
    for index, sent in enumerate(scenario.CALLS):
        assert (calls[index].id, calls[index].name) == (sent.id, sent.name)
        # forwarded fragment by fragment as they arrived, never re-buffered
        assert calls[index].pieces == list(sent.pieces())
        assert "".join(calls[index].pieces) == sent.arguments
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert [f for f in finishes if f] == ["tool_calls"]
    assert chunks[-1].choices == []
    usage = chunks[-1].usage
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens) == (
        scenario.PROMPT_TOKENS,
        scenario.COMPLETION_TOKENS,
    )
    assert usage.prompt_tokens_details is not None
    assert usage.prompt_tokens_details.cached_tokens == scenario.CACHED_TOKENS
    assert usage.completion_tokens_details is not None
    assert usage.completion_tokens_details.reasoning_tokens == scenario.REASONING_TOKENS


async def test_upstream_receives_the_model_tools_and_a_usage_request(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(scenario.TWO_TOOL_CALLS)

    await _stream(sdk, f"{openai_credential}/gpt-4o-mini")

    (sent,) = [r for r in fake_openai.requests if r.path == "/v1/chat/completions"]
    assert sent.headers["authorization"] == f"Bearer {OPENAI_KEY}"
    assert sent.body["model"] == "gpt-4o-mini"
    assert sent.body["stream"] is True
    assert sent.body["stream_options"] == {"include_usage": True}
    assert [t["function"]["name"] for t in sent.body["tools"]] == ["get_weather", "get_time"]


async def test_sdk_without_streaming_gets_the_same_answer(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    fake_openai.program(scenario.TWO_TOOL_CALLS)

    completion = await sdk.chat.completions.create(
        model=f"{openai_credential}/gpt-4o-mini",
        messages=QUESTION,
        tools=TOOLS,
    )

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content == "".join(scenario.TEXT_CHUNKS)
    calls = [c for c in choice.message.tool_calls or [] if c.type == "function"]
    assert [(c.id, c.function.name, c.function.arguments) for c in calls] == [
        (c.id, c.name, c.arguments) for c in scenario.CALLS
    ]
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == scenario.PROMPT_TOKENS
    assert completion.usage.completion_tokens == scenario.COMPLETION_TOKENS


async def test_provider_qualified_model_uses_the_tenants_credential(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    completion = await sdk.chat.completions.create(
        model="openai/gpt-4o-mini",
        messages=QUESTION,
    )

    assert completion.choices[0].message.content == "Hello from the fake OpenAI."
    assert fake_openai.requests[-1].body["model"] == "gpt-4o-mini"


async def test_sdk_embeddings_come_back_in_input_order_in_both_encodings(
    sdk: openai.AsyncOpenAI, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    out = EmbeddingsOut(reverse=True)  # the upstream answers out of order, by index
    fake_openai.program(out, out)
    inputs = ["alpha", "beta", "gamma"]
    expected = [list(out.vector(i, out.default_dimensions)) for i in range(len(inputs))]
    model = f"{openai_credential}/text-embedding-3-small"

    default = await sdk.embeddings.create(model=model, input=inputs)  # SDK asks for base64
    floats = await sdk.embeddings.create(model=model, input=inputs, encoding_format="float")

    assert [d.embedding for d in default.data] == expected
    assert [d.embedding for d in floats.data] == expected
    assert [d.index for d in floats.data] == [0, 1, 2]
    assert fake_openai.requests[-1].body["input"] == inputs


async def test_base64_embeddings_are_little_endian_float32_on_the_wire(
    gateway: Gateway, fake_openai: FakeOpenAI, openai_credential: str
) -> None:
    out = EmbeddingsOut()
    fake_openai.program(out)
    body = {
        "model": f"{openai_credential}/text-embedding-3-small",
        "input": "alpha",
        "encoding_format": "base64",
    }

    response = await gateway.http.post("/openai/v1/embeddings", json=body)

    assert response.status_code == 200, response.text
    raw = base64.b64decode(response.json()["data"][0]["embedding"])
    assert struct.unpack(f"<{len(raw) // 4}f", raw) == out.vector(0, out.default_dimensions)


async def test_sdk_lists_models_named_by_credential(
    sdk: openai.AsyncOpenAI, openai_credential: str
) -> None:
    page = await sdk.models.list()

    ids = [m.id for m in page.data]
    assert f"{openai_credential}/gpt-4o-mini" in ids
    assert f"{openai_credential}/text-embedding-3-small" in ids


async def test_dialect_stream_is_served_as_an_event_stream(
    gateway: Gateway, openai_credential: str
) -> None:
    body = {
        "model": f"{openai_credential}/gpt-4o-mini",
        "messages": QUESTION,
        "stream": True,
    }
    async with gateway.http.stream("POST", "/openai/v1/chat/completions", json=body) as response:
        lines = [line async for line in response.aiter_lines() if line]

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert lines[-1] == "data: [DONE]"
