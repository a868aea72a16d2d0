"""FakeChatProvider: scripted replies and errors, deterministic embeddings and rerank."""

from __future__ import annotations

import pytest

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import ChatRequest, Message, Role, TextPart, ToolCall
from integration_api.domain.embeddings import EmbeddingRequest, RerankRequest
from integration_api.domain.errors import ProviderAuthFailed, ProviderRateLimited
from integration_api.domain.secrets import SecretValue
from integration_api.testing.fake_chat_provider import FakeChatProvider, FakeReply

BINDING = ProviderBinding(provider="fake", secret=SecretValue({"api_key": "k-fake"}), config={})
REQUEST = ChatRequest(model="m", messages=(Message(role=Role.USER, content=(TextPart(text="x"),)),))


async def test_scripted_replies_then_default() -> None:
    fake = FakeChatProvider()
    call = ToolCall(id="c1", name="f", arguments='{"a": 1}')
    fake.script(FakeReply.text("a", "b"), FakeReply.tool_calls(call))
    assert (await fake.chat(BINDING, REQUEST)).message.text == "ab"
    assert (await fake.chat(BINDING, REQUEST)).message.tool_calls == (call,)
    assert (await fake.chat(BINDING, REQUEST)).message.text == "Hello from the fake."
    assert [op for op, _ in fake.calls] == ["chat", "chat", "chat"]


async def test_scripted_errors_hit_the_next_call() -> None:
    fake = FakeChatProvider()
    fake.script(ProviderRateLimited("slow", retry_after=1.0), ProviderAuthFailed("no"))
    with pytest.raises(ProviderRateLimited):
        await fake.embed(BINDING, EmbeddingRequest(model="e", inputs=("a",)))
    assert not (await fake.verify(BINDING)).ok


async def test_embeddings_and_rerank_are_deterministic() -> None:
    fake = FakeChatProvider()
    request = EmbeddingRequest(model="e", inputs=("a", "b"), dimensions=4)
    first = await fake.embed(BINDING, request)
    assert first == await fake.embed(BINDING, request)
    assert [len(v) for v in first.vectors] == [4, 4]
    ranked = await fake.rerank(
        BINDING, RerankRequest(model="r", query="red fox", documents=("blue", "red fox", "red"))
    )
    assert [r.index for r in ranked.results] == [1, 2, 0]
