"""Domain stream events -> OpenAI `chat.completion.chunk` SSE lines, ending in `[DONE]`.

Usage is held back and sent as the final chunk (empty choices) when the caller asked for
`stream_options.include_usage`, as OpenAI does. An error after the first byte becomes a
`data: {"error": ...}` line, which the official SDK raises as an APIError."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

import msgspec

from integration_api.domain.chat import Usage
from integration_api.domain.errors import IntegrationError
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta
from integration_api.entrypoints.rest.openai_dialect.mapping import usage_object

log = logging.getLogger(__name__)
_encode = msgspec.json.encode
DONE = b"data: [DONE]\n\n"


def _line(payload: Any) -> bytes:
    return b"data: " + _encode(payload) + b"\n\n"


def _tool_delta(event: ToolCallDelta) -> dict[str, Any]:
    function: dict[str, Any] = {"arguments": event.arguments_fragment}
    call: dict[str, Any] = {"index": event.index, "function": function}
    if event.id is not None:
        call["id"] = event.id
        call["type"] = "function"
    if event.name is not None:
        function["name"] = event.name
    return {"tool_calls": [call]}


class ChunkWriter:
    def __init__(self, *, id: str, created: int, model: str) -> None:
        self._head = {
            "id": id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
        }
        self._first = True

    def chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        if self._first:
            delta = {"role": "assistant", **delta}
            self._first = False
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        return _line({**self._head, "choices": [choice]})

    def usage(self, usage: Usage) -> bytes:
        return _line({**self._head, "choices": [], "usage": usage_object(usage)})


async def openai_chunks(
    events: AsyncGenerator[StreamEvent, None], writer: ChunkWriter, *, include_usage: bool
) -> AsyncIterator[bytes]:
    usage: Usage | None = None
    try:
        async for event in events:
            if isinstance(event, TextDelta):
                yield writer.chunk({"content": event.text})
            elif isinstance(event, ToolCallDelta):
                yield writer.chunk(_tool_delta(event))
            elif isinstance(event, Usage):
                usage = event
            elif isinstance(event, Finish):
                yield writer.chunk({}, event.reason.value)
        if include_usage and usage is not None:
            yield writer.usage(usage)
        yield DONE
    except IntegrationError as exc:
        yield _line({"error": {"message": exc.message, "type": exc.code, "code": exc.code}})
    except Exception:
        log.exception("stream failed")
        yield _line(
            {"error": {"message": "internal error", "type": "internal", "code": "internal"}}
        )
    finally:
        await events.aclose()
