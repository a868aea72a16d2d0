"""Contract-suite harness for Anthropic: the canon scenarios rendered as the Messages API
by FakeAnthropic, the adapter built by `anthropic.build`, and the official `anthropic` SDK
pointed at the same fake to prove the fake speaks the real wire format."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import anthropic as sdk
import provider_canon as canon
import pydantic
from anthropic.types import message_create_params
from harness import RecordedRequest, SdkObservation

from integration_api.adapters.providers import anthropic as adapter
from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.anthropic.client import API_VERSION
from integration_api.adapters.providers.anthropic.mapping import JSON_INSTRUCTION
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import FinishReason
from integration_api.domain.secrets import SecretValue
from integration_api.testing.fake_upstreams.anthropic import (
    Completion,
    Delay,
    ErrorOut,
    FakeAnthropic,
    RawOut,
    Reply,
    TextOut,
    ToolUseOut,
)

API_KEY = "sk-ant-fake-canary-0123456789abcdef"  # a canary, never a real key
_STOP_REASONS = {
    FinishReason.STOP: "end_turn",
    FinishReason.LENGTH: "max_tokens",
    FinishReason.TOOL_CALLS: "tool_use",
    FinishReason.CONTENT_FILTER: "refusal",
}
# Events before the first text delta's successor: message_start, ping, content_block_start,
# the first content_block_delta (see FakeAnthropic.stream_events).
_AFTER_FIRST_CHUNK = 4


def completion(reply: canon.CanonReply, **overrides: Any) -> Completion:
    """`reply` as an Anthropic message: a text block, then one tool_use block per call."""
    blocks: list[TextOut | ToolUseOut] = []
    if reply.text_chunks:
        blocks.append(TextOut(reply.text, chunks=reply.text_chunks))
    for call in reply.tool_calls:
        # The API's first input_json_delta is usually empty; the adapter must skip it.
        fragments = ("", *call.fragments)
        blocks.append(ToolUseOut(call.id, call.name, call.arguments, fragments=fragments))
    usage = reply.usage
    return Completion(
        blocks=tuple(blocks),
        stop_reason=_STOP_REASONS[reply.finish],
        input_tokens=usage.input_tokens - usage.cached_tokens,
        cache_read_input_tokens=usage.cached_tokens,
        output_tokens=usage.output_tokens,
        **overrides,
    )


def _error(status: int, type_: str, **headers: str) -> ErrorOut:
    return ErrorOut(status, type_, canon.ERROR_MESSAGE, headers=headers)


_SIMPLE = completion(canon.REPLIES["simple_text"])
_ERRORS: dict[str, Reply] = {
    "error_401": _error(401, "authentication_error"),
    "error_403": _error(403, "permission_error"),
    "error_500": _error(500, "api_error"),
    "error_529": _error(529, "overloaded_error"),
    "timeout": Delay(canon.TIMEOUT_DELAY, then=_SIMPLE),
    "malformed_body": RawOut(
        b"this is not JSON", stream_body=b"event: message_start\ndata: not JSON\n\n"
    ),
    "midstream_error": completion(
        canon.REPLIES["simple_text"],
        error_after=_AFTER_FIRST_CHUNK,
        error=("overloaded_error", canon.ERROR_MESSAGE),
    ),
    "cancellation": completion(
        canon.REPLIES["simple_text"],
        stall_after=_AFTER_FIRST_CHUNK,
        stall_seconds=canon.HOLD_SECONDS,
    ),
    "verify_valid": _SIMPLE,
}

_validate_streaming = pydantic.TypeAdapter(message_create_params.MessageCreateParamsStreaming)
_validate_unary = pydantic.TypeAdapter(message_create_params.MessageCreateParamsNonStreaming)


class AnthropicHarness:
    name = "anthropic"
    model = "claude-fake-model"  # a name the SDK has no deprecation warning for
    embedding_model = ""
    unsupported: Mapping[str, str] = {}

    def __init__(self) -> None:
        self._fake = FakeAnthropic(api_key=API_KEY, models=canon.MODELS)

    async def start(self, client: UpstreamClient) -> ProviderEntry:
        await self._fake.start()
        return adapter.build(client)

    async def stop(self) -> None:
        await self._fake.stop()

    def binding(self) -> ProviderBinding:
        return ProviderBinding(
            provider=self.name,
            secret=SecretValue({"api_key": API_KEY}),
            config={"base_url": self._fake.base_url},
        )

    def program(self, scenario: str, **params: Any) -> None:
        first, then = _replies(scenario, **params)
        self._fake.reset()
        self._fake.default = then
        if first is not None:
            self._fake.program(first)

    def requests(self) -> Sequence[RecordedRequest]:
        return list(self._fake.requests)

    async def wait_disconnected(self, timeout: float) -> bool:  # noqa: ASYNC109 (protocol)
        return await _wait(self._fake, timeout)

    def check_request(self, scenario: str, request: RecordedRequest) -> None:
        assert request.headers["x-api-key"] == API_KEY
        assert request.headers["anthropic-version"] == API_VERSION
        if scenario.startswith("verify"):
            assert (request.method, request.path) == ("GET", "/v1/models")
            return
        assert (request.method, request.path) == ("POST", "/v1/messages")
        body = request.body
        assert isinstance(body["max_tokens"], int)
        assert all(m["role"] in ("user", "assistant") for m in body["messages"])
        _CHECKS.get(scenario, _no_check)(body)

    def validate_request(self, request: RecordedRequest) -> None:
        if request.body is None:
            return  # GET /v1/models carries no body
        assert_valid_request(request.body)

    async def sdk_observe(self, scenario: str, *, stream: bool) -> SdkObservation:
        self.program(scenario)
        client = sdk.AsyncAnthropic(base_url=self._fake.base_url, api_key=API_KEY, max_retries=0)
        try:
            if scenario.startswith("verify"):
                return SdkObservation(model_ids=tuple([m.id async for m in client.models.list()]))
            return _observe(await _sdk_message(client, self.model, stream=stream))
        except sdk.APIStatusError as error:
            return SdkObservation(error_status=error.status_code)
        finally:
            await client.close()


HARNESS: Callable[[], AnthropicHarness] = AnthropicHarness


def _replies(scenario: str, **params: Any) -> tuple[Reply | None, Reply]:
    """(a reply for the next request only, the reply for every request after it)."""
    if scenario in canon.REPLIES:
        return None, completion(canon.REPLIES[scenario])
    if scenario == "error_429_retry_after":
        limited = _error(429, "rate_limit_error", **{"retry-after": f"{canon.RETRY_AFTER:g}"})
        return (limited, _SIMPLE) if params.get("then_succeed") else (None, limited)
    if scenario == "verify_invalid":
        status = params.get("status", 401)
        return None, _error(status, "authentication_error" if status == 401 else "permission_error")
    if scenario == "embeddings_order_dimensions":
        raise KeyError(f"{scenario}: Anthropic has no embeddings endpoint")
    return None, _ERRORS[scenario]


async def _wait(fake: FakeAnthropic, seconds: float) -> bool:
    try:
        await asyncio.wait_for(fake.disconnected.wait(), seconds)
    except TimeoutError:
        return False
    return True


async def _sdk_message(client: sdk.AsyncAnthropic, model: str, *, stream: bool) -> Any:
    kwargs: dict[str, Any] = {
        "model": model,
        "max_tokens": 64,
        "messages": [{"role": "user", "content": "Say hello."}],
    }
    if not stream:
        return await client.messages.create(**kwargs)
    async with client.messages.stream(**kwargs) as events:
        async for _ in events:
            pass
        return await events.get_final_message()


def _observe(message: Any) -> SdkObservation:
    usage = message.usage
    cached = (usage.cache_read_input_tokens or 0) + (usage.cache_creation_input_tokens or 0)
    return SdkObservation(
        text="".join(b.text for b in message.content if b.type == "text"),
        tool_calls=tuple((b.name, b.input) for b in message.content if b.type == "tool_use"),
        input_tokens=usage.input_tokens + cached,  # the domain's convention: all prompt tokens
        output_tokens=usage.output_tokens,
    )


# --- what the adapter must have sent, per scenario -----------------------------------------


def _no_check(body: dict[str, Any]) -> None:
    assert "system" not in body


def _check_system_multiturn(body: dict[str, Any]) -> None:
    assert body["system"] == "You are terse."
    assert [m["role"] for m in body["messages"]] == ["user", "assistant", "user"]
    assert body["stop_sequences"] == ["END"]
    assert (body["temperature"], body["top_p"]) == (0.2, 0.9)


def _check_tools(body: dict[str, Any]) -> None:
    tools = {t["name"]: t["input_schema"] for t in body["tools"]}
    assert tools == {t.name: t.parameters for t in canon.TOOLS}
    assert body["tool_choice"] == {"type": "auto"}


def _check_tool_result(body: dict[str, Any]) -> None:
    assistant, result = body["messages"][-2], body["messages"][-1]
    use = assistant["content"][-1]
    assert (use["type"], use["id"], use["input"]) == (
        "tool_use",
        canon.WEATHER.id,
        canon.WEATHER.arguments,
    )
    block = result["content"][0]
    assert result["role"] == "user"
    assert (block["type"], block["tool_use_id"]) == ("tool_result", canon.WEATHER.id)


def _check_json(body: dict[str, Any]) -> None:
    schema = body.get("output_config", {}).get("format", {}).get("schema")
    assert schema == canon.JSON_SCHEMA or JSON_INSTRUCTION in body.get("system", "")


def _check_image(body: dict[str, Any]) -> None:
    sources = [b["source"] for b in body["messages"][0]["content"] if b["type"] == "image"]
    assert sources == [
        {"type": "url", "url": canon.IMAGE_URL},
        {
            "type": "base64",
            "media_type": "image/png",
            "data": base64.b64encode(canon.IMAGE_BYTES).decode(),
        },
    ]


_CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "system_multiturn": _check_system_multiturn,
    "tool_call": _check_tools,
    "finish_tool_calls": _check_tools,
    "parallel_tool_calls_stream": _check_tools,
    "tool_result_roundtrip": _check_tool_result,
    "json_output": _check_json,
    "image_input": _check_image,
}


# --- request bodies against the SDK's own types --------------------------------------------


def assert_valid_request(body: Mapping[str, Any]) -> None:
    """`body` is a Messages API request the SDK could have sent. pydantic checks the SDK's
    Iterable fields lazily and drops unknown keys, so every iterator is forced and the
    result compared with the input. `temperature`/`top_p`/`top_k` are request fields of the
    pinned API version 2023-06-01 that the installed SDK (a later version) no longer
    declares; they are checked by hand."""
    body = dict(body)
    for name in ("temperature", "top_p"):
        value = body.pop(name, None)
        assert value is None or (isinstance(value, int | float) and 0 <= value <= 1), name
    top_k = body.pop("top_k", None)
    assert top_k is None or (isinstance(top_k, int) and top_k >= 0), "top_k"
    adapter_ = _validate_streaming if body.get("stream") is True else _validate_unary
    validated = _materialize(adapter_.validate_python(body))
    assert validated == body, "the body has fields the anthropic SDK does not know"


def _materialize(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, str | bytes):
        return value
    if hasattr(value, "__iter__"):
        return [_materialize(v) for v in value]
    return value
