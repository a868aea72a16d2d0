"""The facts every provider harness serves and the contract suite asserts.

Each harness renders these into its vendor's wire format; the suite then expects exactly
these domain values back, whatever the provider.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

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
    Usage,
)


class CanonToolCall(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    arguments: dict[str, Any]
    fragments: tuple[str, ...]  # concatenated, they are a JSON text of `arguments`


TEXT_CHUNKS = ("Hello", " from the", " fake upstream.")
TEXT = "".join(TEXT_CHUNKS)
JSON_TEXT = '{"answer": 42}'
USAGE = Usage(input_tokens=12, output_tokens=7)
USAGE_DETAILED = Usage(input_tokens=30, output_tokens=9, cached_tokens=4)  # "usage" scenario

WEATHER = CanonToolCall(
    id="call_weather_1",
    name="get_weather",
    arguments={"city": "Paris"},
    fragments=('{"city"', ': "Par', 'is"}'),
)
CLOCK = CanonToolCall(
    id="call_time_2",
    name="get_time",
    arguments={"zone": "Asia/Tokyo"},
    fragments=('{"zone": ', '"Asia/', 'Tokyo"}'),
)
TOOL_RESULT_TEXT = "It is 21 degrees in Paris."

RETRY_AFTER = 3.0  # seconds, sent as Retry-After on error_429_retry_after
TIMEOUT_DELAY = 2.0  # the fake's wait in the timeout scenario; the suite reads for 0.3 s
HOLD_SECONDS = 5.0  # how long the cancellation scenario keeps a stream open
ERROR_MESSAGE = "canned upstream error"

MODELS = ("model-alpha", "model-beta")

EMBED_INPUTS = ("alpha", "beta", "gamma", "delta")
EMBED_DIMENSIONS = 4

IMAGE_URL = "https://example.invalid/red-square.png"
IMAGE_BYTES = b"\x89PNG\r\n\x1a\nfake-png-bytes"


class CanonReply(msgspec.Struct, frozen=True, kw_only=True):
    """A successful completion: text (streamed in these chunks), then tool calls (their
    argument fragments streamed in this order; parallel calls may interleave), the finish
    reason and usage."""

    text_chunks: tuple[str, ...] = ()
    tool_calls: tuple[CanonToolCall, ...] = ()
    finish: FinishReason = FinishReason.STOP
    usage: Usage = USAGE

    @property
    def text(self) -> str:
        return "".join(self.text_chunks)


_TEXT_REPLY = CanonReply(text_chunks=TEXT_CHUNKS)

REPLIES: dict[str, CanonReply] = {
    "simple_text": _TEXT_REPLY,
    "system_multiturn": _TEXT_REPLY,
    "image_input": _TEXT_REPLY,
    "finish_stop": _TEXT_REPLY,
    "usage": CanonReply(text_chunks=TEXT_CHUNKS, usage=USAGE_DETAILED),
    "finish_length": CanonReply(text_chunks=TEXT_CHUNKS[:2], finish=FinishReason.LENGTH),
    "finish_content_filter": CanonReply(finish=FinishReason.CONTENT_FILTER),
    "json_output": CanonReply(text_chunks=('{"answer"', ": 42}")),
    "tool_result_roundtrip": CanonReply(text_chunks=(TOOL_RESULT_TEXT,)),
    "tool_call": CanonReply(tool_calls=(WEATHER,), finish=FinishReason.TOOL_CALLS),
    "finish_tool_calls": CanonReply(tool_calls=(WEATHER,), finish=FinishReason.TOOL_CALLS),
    "parallel_tool_calls_stream": CanonReply(
        tool_calls=(WEATHER, CLOCK), finish=FinishReason.TOOL_CALLS
    ),
}
"""What each successful chat scenario answers (error scenarios are described in harness.py)."""


def vector(index: int, dimensions: int) -> tuple[float, ...]:
    """The embedding the fakes serve for input `index`: distinct per index and dimension."""
    return tuple(float(index) + (k + 1) / 8 for k in range(dimensions))


def fragments_json(call: CanonToolCall) -> str:
    text = "".join(call.fragments)
    assert json.loads(text) == call.arguments, "canon fragments must spell the arguments"
    return text


TOOLS = (
    Tool(
        name=WEATHER.name,
        description="Current weather in a city",
        parameters={
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    ),
    Tool(
        name=CLOCK.name,
        description="Current time in a zone",
        parameters={
            "type": "object",
            "properties": {"zone": {"type": "string"}},
            "required": ["zone"],
        },
    ),
)

JSON_SCHEMA = {
    "type": "object",
    "properties": {"answer": {"type": "integer"}},
    "required": ["answer"],
    "additionalProperties": False,
}


def _user(text: str) -> Message:
    return Message(role=Role.USER, content=(TextPart(text=text),))


def chat_request(scenario: str, model: str, **params: Any) -> ChatRequest:
    """The domain request the suite sends for `scenario`."""
    builder = _BUILDERS.get(scenario, _simple)
    return builder(model, **params)


def _simple(model: str, **_: Any) -> ChatRequest:
    return ChatRequest(model=model, messages=(_user("Say hello."),), max_tokens=64)


def _system_multiturn(model: str, **_: Any) -> ChatRequest:
    return ChatRequest(
        model=model,
        messages=(
            Message(role=Role.SYSTEM, content=(TextPart(text="You are terse."),)),
            _user("Capital of France?"),
            Message(role=Role.ASSISTANT, content=(TextPart(text="Paris."),)),
            _user("Say hello."),
        ),
        temperature=0.2,
        top_p=0.9,
        max_tokens=64,
        stop=("END",),
    )


def _tools(model: str, **_: Any) -> ChatRequest:
    return ChatRequest(
        model=model,
        messages=(_user("Weather in Paris and time in Tokyo?"),),
        tools=TOOLS,
        tool_choice=ToolChoice(mode="auto"),
        max_tokens=64,
    )


def _tool_result(model: str, **_: Any) -> ChatRequest:
    call = ToolCall(id=WEATHER.id, name=WEATHER.name, arguments=fragments_json(WEATHER))
    return ChatRequest(
        model=model,
        messages=(
            _user("Weather in Paris?"),
            Message(role=Role.ASSISTANT, tool_calls=(call,)),
            Message(
                role=Role.TOOL,
                tool_call_id=WEATHER.id,
                content=(TextPart(text='{"celsius": 21}'),),
            ),
        ),
        tools=TOOLS,
        max_tokens=64,
    )


def _json(model: str, *, schema: bool = False, **_: Any) -> ChatRequest:
    fmt = (
        ResponseFormat(type="json_schema", json_schema=JSON_SCHEMA, schema_name="answer")
        if schema
        else ResponseFormat(type="json")
    )
    return ChatRequest(
        model=model,
        messages=(_user("Answer in JSON: what is six times seven?"),),
        response_format=fmt,
        max_tokens=64,
    )


def _image(model: str, **_: Any) -> ChatRequest:
    parts = (
        TextPart(text="What is in these images?"),
        ImagePart(url=IMAGE_URL, detail="low"),
        ImagePart(data=IMAGE_BYTES, media_type="image/png"),
    )
    return ChatRequest(
        model=model, messages=(Message(role=Role.USER, content=parts),), max_tokens=64
    )


_BUILDERS = {
    "system_multiturn": _system_multiturn,
    "tool_call": _tools,
    "parallel_tool_calls_stream": _tools,
    "finish_tool_calls": _tools,
    "tool_result_roundtrip": _tool_result,
    "json_output": _json,
    "image_input": _image,
}
