"""The fakes speak the vendors' real formats: the official SDK (openai / anthropic) reads
every body a fake serves, unary and streamed, and finds the canonical content in it.

Scenarios whose point is a broken or absent body (timeout, malformed_body, cancellation)
are not SDK-readable by design and are left out.
"""

from __future__ import annotations

import provider_canon as canon
import pytest
from harness import SdkObservation
from provider_suite import Running

CHAT_SCENARIOS = sorted(canon.REPLIES)
ERROR_STATUS = {
    "error_401": 401,
    "error_403": 403,
    "error_429_retry_after": 429,
    "error_500": 500,
    "error_529": 529,
}


async def _observe(provider: Running, scenario: str, mode: str) -> SdkObservation:
    provider.skip_if_unsupported("sdk")
    return await provider.harness.sdk_observe(scenario, stream=mode == "stream")


@pytest.mark.parametrize("scenario", CHAT_SCENARIOS)
async def test_sdk_reads_chat_replies(provider: Running, mode: str, scenario: str) -> None:
    seen = await _observe(provider, scenario, mode)
    reply = canon.REPLIES[scenario]
    assert seen.error is None
    assert seen.text == reply.text
    assert seen.tool_calls == tuple((c.name, c.arguments) for c in reply.tool_calls)
    assert seen.output_tokens == reply.usage.output_tokens


@pytest.mark.parametrize("scenario", sorted(ERROR_STATUS))
async def test_sdk_reads_error_bodies(provider: Running, mode: str, scenario: str) -> None:
    seen = await _observe(provider, scenario, mode)
    assert seen.error_status == ERROR_STATUS[scenario]


async def test_sdk_sees_the_error_event_after_200(provider: Running) -> None:
    seen = await _observe(provider, "midstream_error", "stream")
    assert seen.error is not None or seen.error_status is not None
    assert canon.TEXT_CHUNKS[0].startswith(seen.text)  # at most the delta sent before it


async def test_sdk_reads_embeddings(provider: Running) -> None:
    provider.require("embeddings")
    seen = await _observe(provider, "embeddings_order_dimensions", "chat")
    assert seen.vectors == tuple(
        canon.vector(i, canon.EMBED_DIMENSIONS) for i in range(len(canon.EMBED_INPUTS))
    )


async def test_sdk_reads_model_lists(provider: Running) -> None:
    seen = await _observe(provider, "verify_valid", "chat")
    assert seen.model_ids == canon.MODELS
    invalid = await _observe(provider, "verify_invalid", "chat")
    assert invalid.error_status == 401
