"""What an OpenAI-dialect adapter must send for each scenario (beyond SDK validity)."""

from __future__ import annotations

import base64
import json
from typing import Any, Protocol

import provider_canon as canon
from harness import RecordedRequest


class _Dialect(Protocol):
    model: str
    max_tokens_field: str


def check_chat_request(dialect: _Dialect, scenario: str, request: RecordedRequest) -> None:
    if not request.path.endswith("/chat/completions"):
        return
    body: dict[str, Any] = request.body
    assert body["model"] == dialect.model
    assert body[dialect.max_tokens_field] == 64
    other = {"max_tokens", "max_completion_tokens"} - {dialect.max_tokens_field}
    assert not other & body.keys()
    if body.get("stream"):
        assert body["stream_options"] == {"include_usage": True}
    check = _CHECKS.get(scenario)
    if check is not None:
        check(body)


def _system_multiturn(body: dict[str, Any]) -> None:
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user", "assistant", "user"]
    assert body["messages"][0]["content"] == "You are terse."
    assert body["messages"][2]["content"] == "Paris."
    assert (body["temperature"], body["top_p"], body["stop"]) == (0.2, 0.9, ["END"])


def _tools(body: dict[str, Any]) -> None:
    names = [t["function"]["name"] for t in body["tools"]]
    assert names == [canon.WEATHER.name, canon.CLOCK.name]
    assert body["tools"][0]["type"] == "function"
    assert body["tools"][0]["function"]["parameters"]["required"] == ["city"]
    assert body["tool_choice"] == "auto"


def _tool_result(body: dict[str, Any]) -> None:
    assistant, tool = body["messages"][1], body["messages"][2]
    call = assistant["tool_calls"][0]
    assert call["id"] == canon.WEATHER.id and call["type"] == "function"
    assert json.loads(call["function"]["arguments"]) == canon.WEATHER.arguments
    assert tool == {"role": "tool", "tool_call_id": canon.WEATHER.id, "content": '{"celsius": 21}'}


def _json_output(body: dict[str, Any]) -> None:
    fmt = body["response_format"]
    if fmt["type"] == "json_schema":
        assert fmt["json_schema"] == {"name": "answer", "schema": canon.JSON_SCHEMA}
    else:
        assert fmt == {"type": "json_object"}


def _image(body: dict[str, Any]) -> None:
    parts = body["messages"][0]["content"]
    assert parts[0] == {"type": "text", "text": "What is in these images?"}
    assert parts[1] == {"type": "image_url", "image_url": {"url": canon.IMAGE_URL, "detail": "low"}}
    data_url = "data:image/png;base64," + base64.b64encode(canon.IMAGE_BYTES).decode()
    assert parts[2] == {"type": "image_url", "image_url": {"url": data_url}}


_CHECKS = {
    "system_multiturn": _system_multiturn,
    "tool_call": _tools,
    "parallel_tool_calls_stream": _tools,
    "tool_result_roundtrip": _tool_result,
    "json_output": _json_output,
    "image_input": _image,
}
