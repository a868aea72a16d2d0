"""FakeAnthropic is grounded in vendor truth: the official `anthropic` SDK, pointed at it,
reads every kind of reply it serves, streaming and not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anthropic
import pytest

from integration_api.testing.fake_upstreams.anthropic import (
    Completion,
    ErrorOut,
    FakeAnthropic,
    RawOut,
    TextOut,
    ToolUseOut,
)

KEY = "sk-ant-fake-canary-sdk-000000000000"
PARAMS: dict[str, Any] = {
    "model": "claude-fake-model",  # a name the SDK has no deprecation notice for
    "max_tokens": 64,
    "messages": [{"role": "user", "content": "Hi"}],
}

COMPLETIONS = {
    "text": Completion(blocks=(TextOut("Hello there", chunks=("Hel", "lo", " there")),)),
    "tool_use": Completion(
        blocks=(TextOut("Checking."), ToolUseOut("toolu_1", "get_weather", {"city": "Paris"})),
        stop_reason="tool_use",
    ),
    "parallel_tool_use": Completion(
        blocks=(
            ToolUseOut("toolu_1", "get_weather", {"city": "Paris"}),
            ToolUseOut("toolu_2", "get_time", {}, fragments=("",)),
        ),
        stop_reason="tool_use",
    ),
    "max_tokens": Completion(stop_reason="max_tokens"),
    "stop_sequence": Completion(stop_reason="stop_sequence", stop_sequence="END"),
    "refusal": Completion(blocks=(), stop_reason="refusal"),
    "cached_usage": Completion(input_tokens=26, cache_read_input_tokens=4, output_tokens=9),
}

ERRORS = {
    "401": (
        ErrorOut(401, "authentication_error", "invalid x-api-key"),
        anthropic.AuthenticationError,
    ),
    "403": (ErrorOut(403, "permission_error", "nope"), anthropic.PermissionDeniedError),
    "404": (ErrorOut(404, "not_found_error", "model: x"), anthropic.NotFoundError),
    "400": (ErrorOut(400, "invalid_request_error", "bad"), anthropic.BadRequestError),
    "429": (
        ErrorOut(429, "rate_limit_error", "slow down", headers={"retry-after": "3"}),
        anthropic.RateLimitError,
    ),
    "500": (ErrorOut(500, "api_error", "oops"), anthropic.InternalServerError),
    "529": (ErrorOut(529, "overloaded_error", "Overloaded"), anthropic.APIStatusError),
}


@pytest.fixture
async def fake() -> AsyncIterator[FakeAnthropic]:
    async with FakeAnthropic(api_key=KEY) as server:
        yield server


@pytest.fixture
async def sdk(fake: FakeAnthropic) -> AsyncIterator[anthropic.AsyncAnthropic]:
    client = anthropic.AsyncAnthropic(base_url=fake.base_url, api_key=KEY, max_retries=0)
    yield client
    await client.close()


async def read(sdk: anthropic.AsyncAnthropic, *, stream: bool) -> Any:
    if not stream:
        return await sdk.messages.create(**PARAMS)
    async with sdk.messages.stream(**PARAMS) as events:
        async for _ in events:
            pass
        return await events.get_final_message()


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
@pytest.mark.parametrize("name", sorted(COMPLETIONS))
async def test_sdk_reads_every_completion(
    fake: FakeAnthropic, sdk: anthropic.AsyncAnthropic, name: str, stream: bool
) -> None:
    completion = COMPLETIONS[name]
    fake.program(completion)
    message = await read(sdk, stream=stream)
    expected_blocks = [
        ("text", b.text) if isinstance(b, TextOut) else ("tool_use", (b.id, b.name, b.input))
        for b in completion.blocks
    ]
    got_blocks = [
        ("text", b.text) if b.type == "text" else ("tool_use", (b.id, b.name, b.input))
        for b in message.content
    ]
    assert got_blocks == expected_blocks
    assert (message.stop_reason, message.stop_sequence) == (
        completion.stop_reason,
        completion.stop_sequence,
    )
    usage = message.usage
    assert (usage.input_tokens, usage.output_tokens, usage.cache_read_input_tokens) == (
        completion.input_tokens,
        completion.output_tokens,
        completion.cache_read_input_tokens,
    )


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
@pytest.mark.parametrize("name", sorted(ERRORS))
async def test_sdk_reads_every_error(
    fake: FakeAnthropic, sdk: anthropic.AsyncAnthropic, name: str, stream: bool
) -> None:
    reply, error_class = ERRORS[name]
    fake.program(reply)
    with pytest.raises(error_class) as info:
        await read(sdk, stream=stream)
    assert info.value.status_code == reply.status
    assert info.value.body["error"]["type"] == reply.type  # type: ignore[index]


async def test_sdk_raises_on_an_error_event_after_200(
    fake: FakeAnthropic, sdk: anthropic.AsyncAnthropic
) -> None:
    fake.program(Completion(error_after=4, error=("overloaded_error", "Overloaded")))
    with pytest.raises(anthropic.APIStatusError) as info:
        await read(sdk, stream=True)
    assert info.value.body["error"]["type"] == "overloaded_error"  # type: ignore[index]


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse"])
async def test_sdk_rejects_the_malformed_body(
    fake: FakeAnthropic, sdk: anthropic.AsyncAnthropic, stream: bool
) -> None:
    fake.program(RawOut(b"not json", stream_body=b"event: message_start\ndata: not json\n\n"))
    with pytest.raises(ValueError):  # json.JSONDecodeError: the SDK could not read it either
        await read(sdk, stream=stream)


async def test_sdk_pages_through_models(fake: FakeAnthropic, sdk: anthropic.AsyncAnthropic) -> None:
    ids = [model.id async for model in sdk.models.list(limit=2)]
    assert ids == ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"]
    assert len(fake.requests) == 2


async def test_sdk_is_refused_with_a_wrong_key(fake: FakeAnthropic) -> None:
    client = anthropic.AsyncAnthropic(
        base_url=fake.base_url, api_key="sk-ant-fake-wrong-000000000", max_retries=0
    )
    try:
        with pytest.raises(anthropic.AuthenticationError):
            await client.models.list()
    finally:
        await client.close()
