"""The Anthropic adapter against FakeAnthropic on loopback, through the real UpstreamClient."""

from __future__ import annotations

import asyncio

import pytest
from anthropic_sdk_checks import assert_valid_request

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.anthropic.chat import AnthropicChat
from integration_api.adapters.providers.anthropic.client import AnthropicClient
from integration_api.adapters.providers.anthropic.verify import AnthropicModelLister
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import (
    ChatRequest,
    FinishReason,
    Message,
    Role,
    TextPart,
    Tool,
    Usage,
)
from integration_api.domain.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderInvalidResponse,
    ProviderOverloaded,
    ProviderUnavailable,
)
from integration_api.domain.secrets import SecretValue
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta
from integration_api.testing.fake_upstreams.anthropic import (
    Completion,
    ErrorOut,
    FakeAnthropic,
    RawOut,
    TextOut,
    ToolUseOut,
)

WEATHER = Tool(name="get_weather", parameters={"type": "object", "properties": {}})
REQUEST = ChatRequest(
    model="claude-sonnet-4-5",
    messages=(Message(role=Role.USER, content=(TextPart(text="Weather in Paris?"),)),),
    tools=(WEATHER,),
)


def chat_of(entry: ProviderEntry) -> AnthropicChat:
    assert isinstance(entry.chat, AnthropicChat)
    return entry.chat


async def collect(entry: ProviderEntry, binding: ProviderBinding) -> list[StreamEvent]:
    return [event async for event in chat_of(entry).stream(binding, REQUEST)]


async def test_tool_use_stream_becomes_ordered_tool_call_deltas_then_usage_and_finish(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fragments = ("", '{"city"', ': "Par', 'is"}')
    fake.program(
        Completion(
            blocks=(
                TextOut("Checking.", chunks=("Check", "ing.")),
                ToolUseOut("toolu_1", "get_weather", {"city": "Paris"}, fragments=fragments),
            ),
            stop_reason="tool_use",
            input_tokens=20,
            cache_read_input_tokens=5,
            output_tokens=11,
        )
    )
    events = await collect(entry, binding)
    assert events == [
        TextDelta(text="Check"),
        TextDelta(text="ing."),
        ToolCallDelta(index=0, id="toolu_1", name="get_weather"),
        ToolCallDelta(index=0, arguments_fragment='{"city"'),
        ToolCallDelta(index=0, arguments_fragment=': "Par'),
        ToolCallDelta(index=0, arguments_fragment='is"}'),
        Usage(input_tokens=25, output_tokens=11, cached_tokens=5),
        Finish(reason=FinishReason.TOOL_CALLS),
    ]
    assert_valid_request(fake.requests[0].body)
    assert fake.requests[0].body["stream"] is True


async def test_parallel_tool_uses_get_their_own_indexes_and_empty_input_becomes_braces(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fake.program(
        Completion(
            blocks=(
                ToolUseOut("toolu_1", "get_weather", {"city": "Rome"}),
                ToolUseOut("toolu_2", "get_time", {}, fragments=("",)),
            ),
            stop_reason="tool_use",
        )
    )
    calls: dict[int, list[ToolCallDelta]] = {}
    for event in await collect(entry, binding):
        if isinstance(event, ToolCallDelta):
            calls.setdefault(event.index, []).append(event)
    assert [(d[0].id, d[0].name) for d in calls.values()] == [
        ("toolu_1", "get_weather"),
        ("toolu_2", "get_time"),
    ]
    assert "".join(d.arguments_fragment for d in calls[0]) == '{"city": "Rome"}'
    assert "".join(d.arguments_fragment for d in calls[1]) == "{}"


async def test_unary_chat_maps_the_message_and_sends_a_valid_body(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fake.program(
        Completion(
            blocks=(ToolUseOut("toolu_9", "get_weather", {"city": "Oslo"}),),
            stop_reason="tool_use",
        )
    )
    response = await chat_of(entry).chat(binding, REQUEST)
    assert [(c.id, c.name, c.arguments) for c in response.message.tool_calls] == [
        ("toolu_9", "get_weather", '{"city":"Oslo"}')
    ]
    assert response.finish_reason is FinishReason.TOOL_CALLS
    sent = fake.requests[0]
    assert sent.headers["x-api-key"] == binding.secret.get("api_key")
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert_valid_request(sent.body)


async def test_error_event_after_200_raises_instead_of_finishing(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fake.program(Completion(error_after=4))
    seen: list[StreamEvent] = []
    with pytest.raises(ProviderOverloaded):
        async for event in chat_of(entry).stream(binding, REQUEST):
            seen.append(event)
    assert seen and not any(isinstance(e, Finish) for e in seen)


async def test_stream_cut_before_message_stop_is_an_invalid_response(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    start = b'{"type":"message_start","message":{"id":"m","type":"message","role":"assistant",'
    start += b'"model":"x","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}'
    body = b"event: message_start\ndata: " + start + b"\n\n"
    fake.program(RawOut(b"", stream_body=body))
    with pytest.raises(ProviderInvalidResponse):
        await collect(entry, binding)


async def test_pings_unknown_events_and_thinking_blocks_are_skipped(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    lines = [
        (
            "message_start",
            '{"type":"message_start","message":{"id":"m","type":"message",'
            '"role":"assistant","model":"x","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}',
        ),
        ("ping", '{"type":"ping"}'),
        (
            "content_block_start",
            '{"type":"content_block_start","index":0,'
            '"content_block":{"type":"thinking","thinking":"","signature":""}}',
        ),
        (
            "content_block_delta",
            '{"type":"content_block_delta","index":0,'
            '"delta":{"type":"thinking_delta","thinking":"hmm"}}',
        ),
        ("content_block_stop", '{"type":"content_block_stop","index":0}'),
        ("a_future_event", '{"type":"a_future_event"}'),
        (
            "content_block_start",
            '{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}',
        ),
        (
            "content_block_delta",
            '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi"}}',
        ),
        ("content_block_stop", '{"type":"content_block_stop","index":1}'),
        (
            "message_delta",
            '{"type":"message_delta","delta":{"stop_reason":"end_turn"},'
            '"usage":{"output_tokens":4}}',
        ),
        ("message_stop", '{"type":"message_stop"}'),
    ]
    body = "".join(f"event: {name}\r\ndata: {data}\r\n\r\n" for name, data in lines)
    fake.program(RawOut(b"", stream_body=(": keep-alive\n\n" + body).encode()))
    assert await collect(entry, binding) == [
        TextDelta(text="Hi"),
        Usage(input_tokens=3, output_tokens=4),
        Finish(reason=FinishReason.STOP),
    ]


async def test_closing_the_stream_early_closes_the_upstream_connection(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fake.program(Completion(stall_after=4, stall_seconds=5.0))
    stream = chat_of(entry).stream(binding, REQUEST)
    first = await anext(aiter(stream))
    assert isinstance(first, TextDelta)
    await stream.aclose()  # type: ignore[attr-defined]
    await asyncio.wait_for(fake.disconnected.wait(), 1.0)


async def test_overloaded_529_is_retried_then_succeeds(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    fake.program(ErrorOut(529, "overloaded_error", "Overloaded"))
    response = await chat_of(entry).chat(binding, REQUEST)
    assert response.message.text == "Hello from the fake Anthropic."
    assert len(fake.requests) == 2


async def test_errors_never_carry_the_key(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    key = binding.secret.get("api_key")
    assert key
    fake.default = ErrorOut(400, "invalid_request_error", f"bad header x-api-key: {key}")
    with pytest.raises(ProviderError) as info:
        await chat_of(entry).chat(binding, REQUEST)
    assert key not in str(info.value)
    assert key not in repr(info.value)


async def test_a_binding_without_api_key_fails_before_any_request(
    fake: FakeAnthropic, entry: ProviderEntry
) -> None:
    keyless = ProviderBinding(
        provider="anthropic", secret=SecretValue({"other": "x"}), config={"base_url": fake.base_url}
    )
    with pytest.raises(ProviderAuthFailed):
        await chat_of(entry).chat(keyless, REQUEST)
    assert fake.requests == []


async def test_verify_distinguishes_a_bad_key_from_an_outage(
    fake: FakeAnthropic, entry: ProviderEntry, binding: ProviderBinding
) -> None:
    assert entry.verifier is not None
    assert (await entry.verifier.verify(binding)).ok
    wrong = ProviderBinding(
        provider="anthropic",
        secret=SecretValue({"api_key": "sk-ant-fake-wrong-key-000000"}),
        config=binding.config,
    )
    rejected = await entry.verifier.verify(wrong)
    assert (rejected.ok, rejected.error_code) == (False, "provider_auth_failed")
    assert fake.requests[-1].path == "/v1/models"
    fake.default = ErrorOut(500, "api_error", "Internal server error")
    with pytest.raises(ProviderUnavailable):
        await entry.verifier.verify(binding)


async def test_model_listing_follows_pages(
    fake: FakeAnthropic, upstream: UpstreamClient, binding: ProviderBinding
) -> None:
    lister = AnthropicModelLister(AnthropicClient(upstream), page_size=2)
    models = await lister.list_models(binding)
    assert [m.id for m in models] == ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"]
    assert [r.query.get("after_id") for r in fake.requests] == [None, "claude-haiku-4-5"]
