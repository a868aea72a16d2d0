"""The mock upstream speaks OpenAI's wire format well enough for the official SDK, and the
load clients judge its streams correctly. Functional checks only: no timing is asserted."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from openai import AsyncOpenAI

from benchmarks.load import http_streams, http_unary
from benchmarks.load.spec import LoadSpec
from benchmarks.mock_upstream.server import MockConfig, MockServer
from benchmarks.mock_upstream.wire import StreamProfile

FAKE_KEY = "sk-bench-fake-canary"


@pytest.fixture
async def mock_url() -> AsyncIterator[str]:
    config = MockConfig(
        dimensions=1536,
        default_stream=StreamProfile(chunks=20, delay=0.001),
        profiles={"slow": StreamProfile(chunks=3, delay=0.002)},
    )
    server = MockServer(config)
    port = await server.start()
    yield f"http://127.0.0.1:{port}"
    await server.stop()


async def test_the_sdk_reads_a_chat_completion(mock_url: str) -> None:
    async with AsyncOpenAI(api_key=FAKE_KEY, base_url=mock_url + "/v1") as client:
        reply = await client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
        )
    assert reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.total_tokens == 21


async def test_the_sdk_reads_a_stream_with_its_usage_chunk(mock_url: str) -> None:
    async with AsyncOpenAI(api_key=FAKE_KEY, base_url=mock_url + "/v1") as client:
        stream = await client.chat.completions.create(
            model="slow",
            messages=[{"role": "user", "content": "hi"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        chunks = [chunk async for chunk in stream]
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "piece-00 piece-01 piece-02 "
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 3


async def test_the_sdk_reads_embeddings_of_the_chosen_dimension(mock_url: str) -> None:
    async with AsyncOpenAI(api_key=FAKE_KEY, base_url=mock_url + "/v1") as client:
        reply = await client.embeddings.create(model="text-embedding-3-small", input=["a"])
    assert len(reply.data) == 1 and len(reply.data[0].embedding) == 1536


async def test_streams_from_the_mock_count_as_complete(mock_url: str) -> None:
    spec = LoadSpec(
        kind="http_stream",
        url=mock_url + "/v1/chat/completions",
        body='{"model":"gpt-4o-mini","stream":true}',
        concurrency=4,
        warmup=0.0,
        duration=0.3,
        end_marker="[DONE]",
    )
    result = await http_streams.run(spec)
    assert result.requests > 0 and result.errors == 0
    assert result.ttft_ms and result.latency_ms


async def test_a_stream_missing_its_end_is_an_error(mock_url: str) -> None:
    spec = LoadSpec(
        kind="http_stream",
        url=mock_url + "/v1/chat/completions",
        body='{"model":"gpt-4o-mini","stream":true}',
        warmup=0.0,
        duration=0.2,
        end_marker="event: finish",  # what native REST streams end with, not OpenAI's
    )
    result = await http_streams.run(spec)
    assert result.requests == 0 and result.error_kinds.get("no_end", 0) > 0


async def test_unknown_routes_are_counted_as_errors(mock_url: str) -> None:
    spec = LoadSpec(
        kind="http_unary", url=mock_url + "/v1/nowhere", body="{}", warmup=0.0, duration=0.2
    )
    result = await http_unary.run(spec)
    assert result.requests == 0 and result.error_kinds.get("status_404", 0) > 0
