"""OpenAI-dialect chat: POST /chat/completions, unary and streaming."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

from integration_api.adapters.providers._shared import UpstreamClient, UpstreamRequest, decode_json
from integration_api.adapters.providers.openai.client import OpenAIDialect, endpoint_for
from integration_api.adapters.providers.openai.errors import OpenAIErrorMapper
from integration_api.adapters.providers.openai.mapping import (
    encode_chat_request,
    response_from_wire,
)
from integration_api.adapters.providers.openai.stream import StreamTranslator
from integration_api.adapters.providers.openai.wire import WireChatResponse, WireChunk
from integration_api.application.ports.chat_provider import ChatProvider
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import ChatRequest, ChatResponse
from integration_api.domain.streaming import StreamEvent

DONE = "[DONE]"


class OpenAIChat(ChatProvider):
    """Chat for any OpenAI-dialect server described by `dialect`."""

    def __init__(self, client: UpstreamClient, dialect: OpenAIDialect) -> None:
        self._client = client
        self._dialect = dialect
        self._errors = OpenAIErrorMapper(dialect.provider, dialect.request_id_header)

    async def chat(self, binding: ProviderBinding, request: ChatRequest) -> ChatResponse:
        started = time.perf_counter()
        upstream = self._request(binding, request, stream=False)
        response = await self._client.send(upstream, self._errors)
        request_id = response.headers.get(self._dialect.request_id_header)
        wire = decode_json(
            response.body, WireChatResponse, provider=self._dialect.provider, request_id=request_id
        )
        return response_from_wire(
            wire,
            provider=self._dialect.provider,
            request_id=request_id,
            latency_ms=(time.perf_counter() - started) * 1000.0,
        )

    async def stream(
        self, binding: ProviderBinding, request: ChatRequest
    ) -> AsyncIterator[StreamEvent]:
        provider = self._dialect.provider
        upstream = self._request(binding, request, stream=True)
        async with self._client.stream(upstream, self._errors) as body:
            request_id = body.headers.get(self._dialect.request_id_header)
            translator = StreamTranslator(provider)
            async for event in body.sse():
                if event.data == DONE:
                    break
                chunk = decode_json(event.data, WireChunk, provider=provider, request_id=request_id)
                if chunk.error is not None:
                    raise self._errors.from_wire(chunk.error, request_id=request_id)
                for out in translator.feed(chunk):
                    yield out
            for out in translator.finish():
                yield out

    def _request(
        self, binding: ProviderBinding, request: ChatRequest, *, stream: bool
    ) -> UpstreamRequest:
        endpoint = endpoint_for(binding, self._dialect)
        return UpstreamRequest(
            method="POST",
            url=endpoint.url("/chat/completions"),
            headers=endpoint.headers,
            body=encode_chat_request(request, self._dialect, stream=stream),
            provider=self._dialect.provider,
            operation="stream" if stream else "chat",
        )
