"""Stream grammar, errors after HTTP 200, and cancellation reaching the upstream."""

from __future__ import annotations

import provider_canon as canon
import pytest
from provider_suite import Running

from integration_api.domain.chat import Usage
from integration_api.domain.errors import ProviderUnavailable
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta


async def test_stream_is_deltas_then_usage_then_one_finish(provider: Running) -> None:
    provider.require("streaming")
    provider.harness.program("simple_text")
    events = await provider.stream(canon.chat_request("simple_text", provider.harness.model))
    kinds = [type(e) for e in events]
    assert kinds == [TextDelta] * len(canon.TEXT_CHUNKS) + [Usage, Finish]
    assert [e.text for e in events if isinstance(e, TextDelta)] == list(canon.TEXT_CHUNKS)


async def test_error_event_after_200_is_raised_after_earlier_deltas(provider: Running) -> None:
    provider.require("streaming")
    provider.harness.program("midstream_error")
    assert provider.entry.chat is not None
    stream = provider.entry.chat.stream(
        provider.harness.binding(), canon.chat_request("midstream_error", provider.harness.model)
    )
    received: list[StreamEvent] = []
    with pytest.raises(ProviderUnavailable):
        async for event in stream:
            received.append(event)
    assert received == [TextDelta(text=canon.TEXT_CHUNKS[0])]


async def test_closing_the_stream_closes_the_upstream_within_one_second(
    provider: Running,
) -> None:
    provider.require("streaming")
    provider.harness.program("cancellation")
    assert provider.entry.chat is not None
    stream = provider.entry.chat.stream(
        provider.harness.binding(), canon.chat_request("cancellation", provider.harness.model)
    )
    first = await anext(aiter(stream))
    # The first delta arrived while the upstream still holds the stream open: not buffered.
    assert first == TextDelta(text=canon.TEXT_CHUNKS[0])
    await stream.aclose()  # type: ignore[attr-defined]
    assert await provider.harness.wait_disconnected(1.0)
