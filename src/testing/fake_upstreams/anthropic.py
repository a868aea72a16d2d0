"""A fake Anthropic Messages API on loopback, speaking the real wire format.

POST /v1/messages answers JSON, or typed SSE events when the body says `"stream": true`;
GET /v1/models pages through a model list. Program the next answers with `program(...)`
(served in order, one per request, then `default`: a plain completion unless replaced);
every request is recorded,
and a client closing its connection while a reply is still being served sets `disconnected`.

    async with FakeAnthropic(api_key="sk-ant-fake-canary") as fake:
        fake.program(Completion(blocks=(ToolUseOut(id="toolu_1", name="f", input={}),),
                                stop_reason="tool_use"))
        ... point a client at fake.base_url ...
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from integration_api.testing.fake_upstreams.loopback import LoopbackServer

DEFAULT_MODELS = ("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1")
_POLL = 0.02  # seconds between checks for a closed client connection


@dataclass(frozen=True)
class TextOut:
    """A text block; streamed as one text_delta per chunk."""

    text: str
    chunks: tuple[str, ...] | None = None

    def pieces(self) -> tuple[str, ...]:
        return self.chunks if self.chunks is not None else _split(self.text, 3)


@dataclass(frozen=True)
class ToolUseOut:
    """A tool_use block; its input is streamed as input_json_delta fragments."""

    id: str
    name: str
    input: dict[str, Any]
    fragments: tuple[str, ...] | None = None

    def pieces(self) -> tuple[str, ...]:
        if self.fragments is not None:
            return self.fragments
        return ("", *_split(json.dumps(self.input), 3))  # the API's first fragment is often ""


@dataclass(frozen=True)
class Completion:
    """A successful message. `error_after` / `stall_after` count SSE events already sent
    before the stream reports `error` (mid-stream failure) or stops sending (cancellation)."""

    blocks: tuple[TextOut | ToolUseOut, ...] = (TextOut("Hello from the fake Anthropic."),)
    stop_reason: str = "end_turn"
    stop_sequence: str | None = None
    input_tokens: int = 12
    output_tokens: int = 7
    cache_read_input_tokens: int = 0
    cache_creation_input_tokens: int = 0
    message_id: str = "msg_01FakeAnthropic"
    model: str | None = None  # None: echo the request's model
    event_delay: float = 0.0
    error_after: int | None = None
    error: tuple[str, str] = ("overloaded_error", "Overloaded")
    stall_after: int | None = None
    stall_seconds: float = float("inf")


@dataclass(frozen=True)
class ErrorOut:
    status: int
    type: str
    message: str
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawOut:
    """Bytes as they are: a malformed body, an edge proxy's HTML page... `stream_body`,
    when given, is served (as text/event-stream) to requests that asked to stream."""

    body: bytes
    status: int = 200
    content_type: str = "application/json"
    stream_body: bytes | None = None


@dataclass(frozen=True)
class Delay:
    """Wait before answering `then` (a client with a shorter timeout gives up first)."""

    seconds: float
    then: Completion | ErrorOut | RawOut = field(default_factory=Completion)


Reply = Completion | ErrorOut | RawOut | Delay


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]  # lower-case names
    body: Any  # decoded JSON, or None


def error_body(type_: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": type_, "message": message}, "request_id": _REQ_ID}


def message_body(completion: Completion, model: str) -> dict[str, Any]:
    """The non-streaming response for `completion`."""
    return {
        "id": completion.message_id,
        "type": "message",
        "role": "assistant",
        "model": completion.model or model,
        "content": [_block(b, full=True) for b in completion.blocks],
        "stop_reason": completion.stop_reason,
        "stop_sequence": completion.stop_sequence,
        "usage": _usage(completion, output=completion.output_tokens),
    }


def stream_events(completion: Completion, model: str) -> list[tuple[str, dict[str, Any]]]:
    """The SSE events (name, data) for `completion`, in the API's order."""
    start = message_body(completion, model) | {"content": [], "stop_reason": None}
    start["usage"] = _usage(completion, output=1)
    events: list[tuple[str, dict[str, Any]]] = [("message_start", {"message": start})]
    events.append(("ping", {}))
    for index, block in enumerate(completion.blocks):
        events.append(("content_block_start", {"index": index, "content_block": _block(block)}))
        kind, key = ("text_delta", "text") if isinstance(block, TextOut) else _JSON_DELTA
        for piece in block.pieces():
            delta = {"type": kind, key: piece}
            events.append(("content_block_delta", {"index": index, "delta": delta}))
        events.append(("content_block_stop", {"index": index}))
    stop = {"stop_reason": completion.stop_reason, "stop_sequence": completion.stop_sequence}
    events.append(("message_delta", {"delta": stop, "usage": _delta_usage(completion)}))
    events.append(("message_stop", {}))
    return [(name, {"type": name, **data}) for name, data in events]


def models_page(models: tuple[str, ...], query: Mapping[str, str]) -> dict[str, Any]:
    limit = int(query.get("limit", "20"))
    after = query.get("after_id")
    start = models.index(after) + 1 if after in models else 0
    page = models[start : start + limit]
    return {
        "data": [_model(m) for m in page],
        "has_more": start + limit < len(models),
        "first_id": page[0] if page else None,
        "last_id": page[-1] if page else None,
    }


class FakeAnthropic(LoopbackServer):
    """The fake server. `api_key=None` accepts any key; otherwise others get a 401."""

    def __init__(self, *, api_key: str | None = None, models: tuple[str, ...] = DEFAULT_MODELS):
        super().__init__()
        self._api_key = api_key
        self._models = models
        self._queue: list[Reply] = []
        self.default: Reply = Completion()
        self.requests: list[RecordedRequest] = []
        self.disconnected = asyncio.Event()

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/messages", self._messages)
        app.router.add_get("/v1/models", self._list_models)

    def program(self, *replies: Reply) -> None:
        """Serve `replies` to the next requests, one each, in order."""
        self._queue.extend(replies)

    def reset(self) -> None:
        self._queue.clear()
        self.default = Completion()
        self.requests.clear()
        self.disconnected = asyncio.Event()

    async def _messages(self, request: web.Request) -> web.StreamResponse:
        body = await self._record(request)
        refusal = self._refuse(request)
        if refusal is None and not (isinstance(body, dict) and _valid_messages_body(body)):
            refusal = ErrorOut(400, "invalid_request_error", "model, max_tokens, messages")
        reply = refusal or self._next()
        model = str(body.get("model", "")) if isinstance(body, dict) else ""
        streaming = isinstance(body, dict) and body.get("stream") is True
        return await self._serve(request, reply, model=model, streaming=streaming)

    async def _list_models(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        reply = self._refuse(request) or self._next()
        if isinstance(reply, Completion):  # a chat reply means "no error": list the models
            return _json(200, models_page(self._models, request.query))
        return await self._serve(request, reply, model="", streaming=False)

    async def _record(self, request: web.Request) -> Any:
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.requests.append(
            RecordedRequest(request.method, request.path, dict(request.query), headers, body)
        )
        return body

    def _refuse(self, request: web.Request) -> ErrorOut | None:
        """What the real API says to a request without a valid key or version header."""
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        key = request.headers.get("x-api-key") or bearer  # newer SDKs send a bearer token
        if not key or (self._api_key is not None and key != self._api_key):
            return ErrorOut(401, "authentication_error", "invalid x-api-key")
        if not request.headers.get("anthropic-version"):
            return ErrorOut(400, "invalid_request_error", "anthropic-version header is required")
        return None

    def _next(self) -> Reply:
        return self._queue.pop(0) if self._queue else self.default

    async def _serve(
        self, request: web.Request, reply: Reply, *, model: str, streaming: bool
    ) -> web.StreamResponse:
        if isinstance(reply, Delay):
            if not await self._wait(request, reply.seconds):
                return web.Response(status=499)
            reply = reply.then
        if isinstance(reply, ErrorOut):
            headers = {"request-id": _REQ_ID, **reply.headers}
            return _json(reply.status, error_body(reply.type, reply.message), headers)
        if isinstance(reply, RawOut):
            if streaming and reply.stream_body is not None:
                return web.Response(status=reply.status, body=reply.stream_body, headers=_SSE)
            return web.Response(
                status=reply.status, body=reply.body, content_type=reply.content_type
            )
        if not streaming:
            return _json(200, message_body(reply, model))
        return await self._stream(request, reply, model)

    async def _stream(
        self, request: web.Request, completion: Completion, model: str
    ) -> web.StreamResponse:
        response = web.StreamResponse(headers=_SSE)
        await response.prepare(request)
        try:
            for sent, (name, data) in enumerate(stream_events(completion, model)):
                if sent == completion.error_after:
                    await response.write(_sse("error", error_body(*completion.error)))
                    return response
                if sent == completion.stall_after:
                    await self._wait(request, completion.stall_seconds)
                    return response
                await response.write(_sse(name, data))
                if completion.event_delay:
                    await asyncio.sleep(completion.event_delay)
            await response.write_eof()
        except (ConnectionResetError, asyncio.CancelledError):
            self.disconnected.set()
            raise
        return response

    async def _wait(self, request: web.Request, seconds: float) -> bool:
        """Sleeps up to `seconds`; False (and `disconnected` set) if the client left."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while loop.time() < deadline:
            transport = request.transport
            if transport is None or transport.is_closing():
                self.disconnected.set()
                return False
            await asyncio.sleep(min(_POLL, max(0.0, deadline - loop.time())))
        return True


_REQ_ID = "req_01FakeAnthropic"
_SSE = {"content-type": "text/event-stream", "request-id": _REQ_ID}
_JSON_DELTA = ("input_json_delta", "partial_json")


def _block(block: TextOut | ToolUseOut, *, full: bool = False) -> dict[str, Any]:
    if isinstance(block, TextOut):
        return {"type": "text", "text": block.text if full else ""}
    content = block.input if full else {}
    return {"type": "tool_use", "id": block.id, "name": block.name, "input": content}


def _usage(completion: Completion, *, output: int) -> dict[str, Any]:
    return {
        "input_tokens": completion.input_tokens,
        "output_tokens": output,
        "cache_creation_input_tokens": completion.cache_creation_input_tokens,
        "cache_read_input_tokens": completion.cache_read_input_tokens,
    }


def _delta_usage(completion: Completion) -> dict[str, Any]:
    return {"output_tokens": completion.output_tokens}


def _model(model_id: str) -> dict[str, Any]:
    return {
        "type": "model",
        "id": model_id,
        "display_name": model_id.replace("-", " ").title(),
        "created_at": "2025-09-29T00:00:00Z",
        "lifecycle": "active",
    }


def _valid_messages_body(body: dict[str, Any]) -> bool:
    return (
        isinstance(body.get("model"), str)
        and isinstance(body.get("max_tokens"), int)
        and isinstance(body.get("messages"), list)
    )


def _split(text: str, parts: int) -> tuple[str, ...]:
    if not text:
        return ()
    size = max(1, -(-len(text) // parts))
    return tuple(text[i : i + size] for i in range(0, len(text), size))


def _sse(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


def _json(
    status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> web.Response:
    base = {"request-id": _REQ_ID}
    return web.json_response(body, status=status, headers={**base, **(headers or {})})
