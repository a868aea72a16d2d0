"""Chat and streaming chat over the Anthropic Messages API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable

import msgspec

from integration_api.adapters.providers._shared import SseEvent, decode_json
from integration_api.adapters.providers.anthropic import wire
from integration_api.adapters.providers.anthropic.client import AnthropicClient
from integration_api.adapters.providers.anthropic.errors import PROVIDER, map_stream_error
from integration_api.adapters.providers.anthropic.mapping import (
    encode_arguments,
    finish_reason,
    to_chat_response,
    to_wire_request,
    usage_of,
)
from integration_api.application.ports.chat_provider import ChatProvider
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import ChatRequest, ChatResponse
from integration_api.domain.errors import ProviderInvalidResponse
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta

MESSAGES_PATH = "/v1/messages"


class AnthropicChat(ChatProvider):
    """POST /v1/messages, as JSON or as typed SSE events."""

    def __init__(
        self, client: AnthropicClient, *, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self._client = client
        self._clock = clock

    async def chat(self, binding: ProviderBinding, request: ChatRequest) -> ChatResponse:
        body = msgspec.json.encode(to_wire_request(request, stream=False))
        started = self._clock()
        response = await self._client.send(binding, "POST", MESSAGES_PATH, "chat", body)
        request_id = response.headers.get("request-id")
        message = decode_json(
            response.body, wire.MessageResponse, provider=PROVIDER, request_id=request_id
        )
        latency_ms = (self._clock() - started) * 1000.0
        return to_chat_response(message, request_id=request_id, latency_ms=latency_ms)

    async def stream(
        self, binding: ProviderBinding, request: ChatRequest
    ) -> AsyncIterator[StreamEvent]:
        body = msgspec.json.encode(to_wire_request(request, stream=True))
        async with self._client.stream(binding, MESSAGES_PATH, body) as upstream:
            translator = StreamTranslator(request_id=upstream.headers.get("request-id"))
            async for sse in upstream.sse():
                for event in translator.feed(sse):
                    yield event
                if translator.finished:
                    return  # leaving the context closes the connection; nothing may follow
        raise ProviderInvalidResponse(
            "Anthropic stream ended before message_stop",
            provider=PROVIDER,
            request_id=translator.request_id,
        )


class StreamTranslator:
    """Anthropic SSE events -> domain stream events, one event at a time.

    Text deltas pass through. Each tool_use block becomes tool call number `index` (counting
    tool blocks only, like OpenAI's index): a first ToolCallDelta with id and name, then one
    per input_json_delta fragment in order; a call whose input never streamed gets "{}".
    Usage (input from message_start, output from message_delta) and Finish come out once, at
    message_stop. An `error` event raises the mapped ProviderError.
    """

    def __init__(self, *, request_id: str | None = None) -> None:
        self.request_id = request_id
        self.finished = False
        self._usage = wire.WireUsage()
        self._stop_reason: str | None = None
        self._tools: dict[int, int] = {}  # content block index -> tool call index
        self._streamed_input: set[int] = set()

    def feed(self, sse: SseEvent) -> list[StreamEvent]:
        if sse.event == "error":
            raise map_stream_error(sse.data, request_id=self.request_id)
        kind = wire.STREAM_EVENT_TYPES.get(sse.event or "")
        if kind is None:
            return []  # ping, or an event type newer than this adapter
        event = decode_json(sse.data, kind, provider=PROVIDER, request_id=self.request_id)
        if isinstance(event, wire.ContentBlockDelta):
            return self._delta(event)
        if isinstance(event, wire.ContentBlockStart):
            return self._start(event)
        if isinstance(event, wire.ContentBlockStop):
            return self._stop(event.index)
        if isinstance(event, wire.MessageStart):
            self._usage = event.message.usage
        elif isinstance(event, wire.MessageDelta):
            self._stop_reason = event.delta.stop_reason or self._stop_reason
            self._usage = _merge(self._usage, event.usage)
        elif isinstance(event, wire.MessageStop):
            self.finished = True
            return [usage_of(self._usage), Finish(reason=finish_reason(self._stop_reason))]
        return []

    def _start(self, event: wire.ContentBlockStart) -> list[StreamEvent]:
        block = event.content_block
        if block.type == "text":
            return [TextDelta(text=block.text)] if block.text else []
        if block.type != "tool_use":
            return []  # thinking, server tools: nothing the domain carries
        index = self._tools[event.index] = len(self._tools)
        first = ToolCallDelta(index=index, id=block.id, name=block.name)
        if not block.input:
            return [first]
        self._streamed_input.add(event.index)
        return [first, ToolCallDelta(index=index, arguments_fragment=encode_arguments(block.input))]

    def _delta(self, event: wire.ContentBlockDelta) -> list[StreamEvent]:
        delta = event.delta
        if delta.type == "text_delta" and delta.text:
            return [TextDelta(text=delta.text)]
        index = self._tools.get(event.index)
        if delta.type == "input_json_delta" and delta.partial_json and index is not None:
            self._streamed_input.add(event.index)
            return [ToolCallDelta(index=index, arguments_fragment=delta.partial_json)]
        return []

    def _stop(self, block_index: int) -> list[StreamEvent]:
        index = self._tools.get(block_index)
        if index is None or block_index in self._streamed_input:
            return []
        return [ToolCallDelta(index=index, arguments_fragment="{}")]


def _merge(start: wire.WireUsage, delta: wire.WireUsage) -> wire.WireUsage:
    """message_delta usage is cumulative; newer API versions repeat the input counts."""
    return wire.WireUsage(
        input_tokens=_pick(delta.input_tokens, start.input_tokens),
        output_tokens=_pick(delta.output_tokens, start.output_tokens),
        cache_creation_input_tokens=_pick(
            delta.cache_creation_input_tokens, start.cache_creation_input_tokens
        ),
        cache_read_input_tokens=_pick(delta.cache_read_input_tokens, start.cache_read_input_tokens),
    )


def _pick(new: int | None, old: int | None) -> int | None:
    return old if new is None else new
