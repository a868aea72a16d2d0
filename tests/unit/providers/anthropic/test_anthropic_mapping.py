"""Domain ChatRequest -> Messages API body, and Messages API response -> ChatResponse."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from anthropic_sdk_checks import assert_valid_request

from integration_api.adapters.providers.anthropic import wire
from integration_api.adapters.providers.anthropic.mapping import (
    DEFAULT_MAX_TOKENS,
    JSON_INSTRUCTION,
    finish_reason,
    to_chat_response,
    to_wire_request,
)
from integration_api.domain.chat import (
    ChatRequest,
    FinishReason,
    ImagePart,
    Message,
    ResponseFormat,
    Role,
    TextPart,
    Tool,
    ToolCall,
    ToolChoice,
)
from integration_api.domain.errors import ProviderRejectedRequest

WEATHER = Tool(
    name="get_weather",
    description="Weather for a city",
    parameters={"type": "object", "properties": {"city": {"type": "string"}}},
)


def text(role: Role, value: str) -> Message:
    return Message(role=role, content=(TextPart(text=value),))


def body_of(request: ChatRequest, *, stream: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = msgspec.json.decode(
        msgspec.json.encode(to_wire_request(request, stream=stream))
    )
    assert_valid_request(body)
    return body


def test_system_is_lifted_and_max_tokens_defaulted() -> None:
    request = ChatRequest(
        model="claude-sonnet-4-5",
        messages=(
            text(Role.SYSTEM, "Be brief."),
            text(Role.USER, "Hi"),
            text(Role.ASSISTANT, "Hello!"),
            text(Role.USER, "Weather?"),
        ),
        stop=("END",),
        temperature=0.2,
    )
    body = body_of(request, stream=True)
    assert body["system"] == "Be brief."
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "user"]
    assert body["max_tokens"] == DEFAULT_MAX_TOKENS
    assert body["stop_sequences"] == ["END"]
    assert body["stream"] is True
    assert body["temperature"] == 0.2


def test_tool_round_trip_merges_tool_results_into_one_user_turn() -> None:
    request = ChatRequest(
        model="m",
        messages=(
            text(Role.USER, "Weather in Paris and Rome?"),
            Message(
                role=Role.ASSISTANT,
                tool_calls=(
                    ToolCall(id="toolu_1", name="get_weather", arguments='{"city":"Paris"}'),
                    ToolCall(id="toolu_2", name="get_weather", arguments=""),
                ),
            ),
            Message(role=Role.TOOL, tool_call_id="toolu_1", content=(TextPart(text="18C"),)),
            Message(role=Role.TOOL, tool_call_id="toolu_2", content=(TextPart(text="22C"),)),
            text(Role.USER, "Thanks"),
        ),
        tools=(WEATHER,),
    )
    body = body_of(request)
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "user"]
    assistant, results = body["messages"][1]["content"], body["messages"][2]["content"]
    assert assistant[0] == {
        "type": "tool_use",
        "id": "toolu_1",
        "name": "get_weather",
        "input": {"city": "Paris"},
    }
    assert assistant[1]["input"] == {}
    assert [b["type"] for b in results] == ["tool_result", "tool_result", "text"]
    assert results[0] == {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"}
    assert body["tools"][0]["input_schema"] == WEATHER.parameters
    assert "tool_choice" not in body  # the API defaults to auto


def test_images_by_bytes_data_url_and_https_url() -> None:
    parts = (
        ImagePart(data=b"\x89PNG", media_type="image/png"),
        ImagePart(url="data:image/jpeg;base64,AAAA"),
        ImagePart(url="https://example.com/cat.webp"),
    )
    request = ChatRequest(model="m", messages=(Message(role=Role.USER, content=parts),))
    sources = [b["source"] for b in body_of(request)["messages"][0]["content"]]
    assert sources == [
        {"type": "base64", "media_type": "image/png", "data": "iVBORw=="},
        {"type": "base64", "media_type": "image/jpeg", "data": "AAAA"},
        {"type": "url", "url": "https://example.com/cat.webp"},
    ]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ToolChoice(mode="auto"), {"type": "auto"}),
        (ToolChoice(mode="required"), {"type": "any"}),
        (ToolChoice(mode="none"), {"type": "none"}),
        (ToolChoice(mode="tool", name="get_weather"), {"type": "tool", "name": "get_weather"}),
    ],
)
def test_tool_choice(choice: ToolChoice, expected: dict[str, str]) -> None:
    request = ChatRequest(
        model="m", messages=(text(Role.USER, "x"),), tools=(WEATHER,), tool_choice=choice
    )
    assert body_of(request)["tool_choice"] == expected


def test_parallel_tool_calls_off_disables_parallel_tool_use() -> None:
    request = ChatRequest(
        model="m",
        messages=(text(Role.USER, "x"),),
        tools=(WEATHER,),
        extra={"parallel_tool_calls": False},
    )
    assert body_of(request)["tool_choice"] == {"type": "auto", "disable_parallel_tool_use": True}


def test_json_output_asks_by_system_instruction_and_schema_uses_output_config() -> None:
    plain = ChatRequest(
        model="m",
        messages=(text(Role.SYSTEM, "Be brief."), text(Role.USER, "x")),
        response_format=ResponseFormat(type="json"),
    )
    assert body_of(plain)["system"] == f"Be brief.\n\n{JSON_INSTRUCTION}"
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    strict = ChatRequest(
        model="m",
        messages=(text(Role.USER, "x"),),
        response_format=ResponseFormat(type="json_schema", json_schema=schema),
    )
    body = body_of(strict)
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": schema}}
    assert "system" not in body


@pytest.mark.parametrize(
    "request_",
    [
        ChatRequest(model="m", messages=(text(Role.USER, "x"),), temperature=1.5),
        ChatRequest(
            model="m",
            messages=(
                Message(role=Role.USER, content=(ImagePart(url="data:image/bmp;base64,AA"),)),
            ),
        ),
        ChatRequest(
            model="m",
            messages=(
                Message(
                    role=Role.ASSISTANT, tool_calls=(ToolCall(id="t", name="f", arguments="[1]"),)
                ),
            ),
        ),
    ],
    ids=["temperature-above-1", "bmp-image", "non-object-arguments"],
)
def test_requests_anthropic_cannot_take_are_rejected_before_sending(request_: ChatRequest) -> None:
    with pytest.raises(ProviderRejectedRequest) as info:
        to_wire_request(request_, stream=False)
    assert info.value.provider == "anthropic"


@pytest.mark.parametrize(
    ("stop_reason", "expected"),
    [
        ("end_turn", FinishReason.STOP),
        ("stop_sequence", FinishReason.STOP),
        ("pause_turn", FinishReason.STOP),
        ("max_tokens", FinishReason.LENGTH),
        ("model_context_window_exceeded", FinishReason.LENGTH),
        ("tool_use", FinishReason.TOOL_CALLS),
        ("refusal", FinishReason.CONTENT_FILTER),
        ("a_reason_from_the_future", FinishReason.STOP),
    ],
)
def test_finish_reason(stop_reason: str, expected: FinishReason) -> None:
    assert finish_reason(stop_reason) is expected


def test_response_maps_text_tool_calls_and_cached_usage() -> None:
    response = msgspec.json.decode(
        b"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
        "content":[{"type":"thinking","thinking":"hm","signature":"s"},
                   {"type":"text","text":"Checking. "},{"type":"text","text":"One moment."},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
        "stop_reason":"tool_use","stop_sequence":null,
        "usage":{"input_tokens":10,"output_tokens":5,"cache_read_input_tokens":90,
                 "cache_creation_input_tokens":0}}""",
        type=wire.MessageResponse,
    )
    result = to_chat_response(response, request_id="req_9", latency_ms=1.0)
    assert result.message.text == "Checking. One moment."
    assert result.message.tool_calls == (
        ToolCall(id="toolu_1", name="get_weather", arguments='{"city":"Paris"}'),
    )
    assert result.finish_reason is FinishReason.TOOL_CALLS
    assert (result.usage.input_tokens, result.usage.cached_tokens) == (100, 90)
    assert result.usage.output_tokens == 5
    assert (result.provider, result.model, result.provider_request_id) == (
        "anthropic",
        "claude-x",
        "req_9",
    )


def test_tool_results_open_the_user_turn_and_may_carry_images() -> None:
    request = ChatRequest(
        model="m",
        messages=(
            text(Role.USER, "Draw it"),
            Message(
                role=Role.ASSISTANT,
                tool_calls=(ToolCall(id="toolu_1", name="draw", arguments="{}"),),
            ),
            text(Role.USER, "Quickly, please."),
            Message(
                role=Role.TOOL,
                tool_call_id="toolu_1",
                content=(TextPart(text="done"), ImagePart(url="https://example.com/a.png")),
            ),
        ),
    )
    last = body_of(request)["messages"][-1]["content"]
    assert [b["type"] for b in last] == ["tool_result", "text"]
    assert [b["type"] for b in last[0]["content"]] == ["text", "image"]
