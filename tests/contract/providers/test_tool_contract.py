"""Tool calls, tool results and parallel tool calls whose fragments stream as they arrive."""

from __future__ import annotations

import provider_canon as canon
from provider_suite import Running, run_chat

from integration_api.domain.chat import FinishReason
from integration_api.domain.streaming import Finish, ToolCallDelta


def _expected(*calls: canon.CanonToolCall) -> list[tuple[str, str, object]]:
    return [(c.id, c.name, c.arguments) for c in calls]


async def test_tool_call(provider: Running, mode: str) -> None:
    provider.require("tools")
    outcome = await run_chat(provider, "tool_call", mode)
    assert outcome.tool_calls == _expected(canon.WEATHER)
    assert outcome.finish is FinishReason.TOOL_CALLS


async def test_tool_result_roundtrip(provider: Running, mode: str) -> None:
    provider.require("tools")
    outcome = await run_chat(provider, "tool_result_roundtrip", mode)
    assert outcome.text == canon.TOOL_RESULT_TEXT
    assert outcome.finish is FinishReason.STOP


async def test_parallel_tool_calls(provider: Running, mode: str) -> None:
    provider.require("parallel_tool_calls")
    outcome = await run_chat(provider, "parallel_tool_calls_stream", mode)
    assert outcome.tool_calls == _expected(canon.WEATHER, canon.CLOCK)
    assert outcome.finish is FinishReason.TOOL_CALLS


async def test_parallel_tool_call_fragments_are_forwarded_one_by_one(provider: Running) -> None:
    provider.require("parallel_tool_calls")
    provider.harness.program("parallel_tool_calls_stream")
    request = canon.chat_request("parallel_tool_calls_stream", provider.harness.model)
    events = await provider.stream(request)
    fragments: dict[int, list[str]] = {}
    for event in events:
        if isinstance(event, ToolCallDelta) and event.arguments_fragment:
            fragments.setdefault(event.index, []).append(event.arguments_fragment)
    # Each upstream fragment is its own event, in order: nothing is merged or held back.
    assert fragments == {0: list(canon.WEATHER.fragments), 1: list(canon.CLOCK.fragments)}
    assert isinstance(events[-1], Finish)
