"""Chat contract: the same canonical answers from every provider, unary and streamed."""

from __future__ import annotations

import json

import provider_canon as canon
import pytest
from provider_suite import Running, run_chat

from integration_api.domain.chat import FinishReason


async def test_simple_text(provider: Running, mode: str) -> None:
    outcome = await run_chat(provider, "simple_text", mode)
    assert outcome.text == canon.TEXT
    assert outcome.finish is FinishReason.STOP
    assert outcome.tool_calls == []
    assert outcome.usage == canon.USAGE


async def test_system_prompt_and_multiple_turns(provider: Running, mode: str) -> None:
    outcome = await run_chat(provider, "system_multiturn", mode)
    assert outcome.text == canon.TEXT


@pytest.mark.parametrize("schema", [False, True], ids=["json", "json_schema"])
async def test_json_output(provider: Running, mode: str, schema: bool) -> None:
    provider.require("json_schema" if schema else "json_output")
    outcome = await run_chat(provider, "json_output", mode, schema=schema)
    assert json.loads(outcome.text) == {"answer": 42}


async def test_image_input(provider: Running, mode: str) -> None:
    provider.require("vision")
    outcome = await run_chat(provider, "image_input", mode)
    assert outcome.text == canon.TEXT


async def test_usage_counts_input_output_and_cached_tokens(provider: Running, mode: str) -> None:
    outcome = await run_chat(provider, "usage", mode)
    assert outcome.usage == canon.USAGE_DETAILED


@pytest.mark.parametrize(
    "scenario", ["finish_stop", "finish_length", "finish_tool_calls", "finish_content_filter"]
)
async def test_finish_reason(provider: Running, mode: str, scenario: str) -> None:
    outcome = await run_chat(provider, scenario, mode)
    assert outcome.finish is canon.REPLIES[scenario].finish
    assert outcome.text == canon.REPLIES[scenario].text
