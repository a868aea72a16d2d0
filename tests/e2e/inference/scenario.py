"""The headline upstream scenario: an OpenAI stream with text, then TWO parallel tool calls
whose argument fragments interleave over several chunks, then a usage chunk. Every surface
must hand the caller exactly this."""

from __future__ import annotations

from typing import Any

from integration_api.testing.fake_upstreams.openai import Completion, ToolCallOut

TEXT_CHUNKS = ("Let me ", "check both ", "for you.")
WEATHER = ToolCallOut(
    id="call_weather_1",
    name="get_weather",
    arguments='{"city": "Paris", "unit": "celsius"}',
    fragments=('{"city', '": "Par', 'is", "unit', '": "celsius"}'),
)
TIME = ToolCallOut(
    id="call_time_2",
    name="get_time",
    arguments='{"timezone": "Europe/Paris"}',
    fragments=('{"timez', 'one": "Eur', 'ope/Paris"}'),
)
CALLS = (WEATHER, TIME)
PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, REASONING_TOKENS = 41, 23, 8, 5

TWO_TOOL_CALLS = Completion(
    text_chunks=TEXT_CHUNKS,
    tool_calls=CALLS,
    finish_reason="tool_calls",
    prompt_tokens=PROMPT_TOKENS,
    completion_tokens=COMPLETION_TOKENS,
    cached_tokens=CACHED_TOKENS,
    reasoning_tokens=REASONING_TOKENS,
)

USAGE_EVENT = ("usage", PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, REASONING_TOKENS)


TOOL_PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
}


OPENAI_TOOLS: list[dict[str, Any]] = [
    {"type": "function", "function": {"name": c.name, "parameters": TOOL_PARAMETERS}} for c in CALLS
]
NATIVE_TOOLS: list[dict[str, Any]] = [
    {"name": c.name, "parameters": TOOL_PARAMETERS} for c in CALLS
]
