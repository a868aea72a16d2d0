"""A fake OpenAI API on loopback: /v1/chat/completions (JSON or SSE chunks with
`stream_options.include_usage`), /v1/embeddings and /v1/models, in the real wire format.

Program the next replies with `program(...)` (served in order, one per request; with
`sticky=True` the last one repeats), otherwise each route answers its default. Every request
is recorded; a client closing its connection while a reply is held open sets `disconnected`.

    async with FakeOpenAI(api_key="sk-fake-canary") as fake:
        fake.program(Completion(tool_calls=(ToolCallOut("call_1", "f", '{"a": 1}'),),
                                finish_reason="tool_calls"))
        ... point a client at fake.base_url ...
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from integration_api.testing.fake_upstreams.loopback import LoopbackServer
from integration_api.testing.fake_upstreams.openai_replies import (
    DEFAULT_MODELS,
    Completion,
    Delay,
    EmbeddingsOut,
    ErrorOut,
    ModelsOut,
    RawOut,
    Reply,
    ToolCallOut,
)
from integration_api.testing.fake_upstreams.openai_wire import (
    chat_body,
    chunks,
    embeddings_body,
    error_body,
    models_body,
)

_POLL = 0.02  # seconds between checks for a closed client connection


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]  # lower-case names
    body: Any  # decoded JSON, or None


class FakeOpenAI(LoopbackServer):
    base_path = "/v1"

    """The fake server. `base_url` (…/v1) is known after `start()`."""

    def __init__(self, *, api_key: str | None = None) -> None:
        super().__init__()
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        self.disconnected = asyncio.Event()
        self._queue: list[Reply] = []
        self._sticky = False

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_get("/v1/models", self._models)

    def program(self, *replies: Reply, sticky: bool = False) -> None:
        """Replaces the queue of next replies."""
        self._queue = list(replies)
        self._sticky = sticky

    def reset(self) -> None:
        self.program()
        self.requests.clear()
        self.disconnected.clear()

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await self._record(request)
        return await self._serve(request, self._next(Completion()), body)

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        body = await self._record(request)
        return await self._serve(request, self._next(EmbeddingsOut()), body)

    async def _models(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        return await self._serve(request, self._next(ModelsOut()), None)

    async def _record(self, request: web.Request) -> Any:
        raw = await request.read()
        body = json.loads(raw) if raw else None
        headers = {k.lower(): v for k, v in request.headers.items()}
        self.requests.append(
            RecordedRequest(request.method, request.path, dict(request.query), headers, body)
        )
        return body

    def _next(self, default: Reply) -> Reply:
        if not self._queue:
            return default
        if self._sticky and len(self._queue) == 1:
            return self._queue[0]
        return self._queue.pop(0)

    async def _serve(self, request: web.Request, reply: Reply, body: Any) -> web.StreamResponse:
        refused = self._refuse(request)
        if refused is not None:
            reply = refused
        if isinstance(reply, Delay):
            if await self._wait(request, reply.seconds):
                return web.Response(status=499)
            reply = reply.then
        if isinstance(reply, ErrorOut):
            payload = error_body(reply.type, reply.message, reply.code)
            return web.json_response(payload, status=reply.status, headers=_error_headers(reply))
        if isinstance(reply, RawOut):
            return web.Response(
                body=reply.body,
                status=reply.status,
                content_type=None,
                headers={"content-type": reply.content_type},
            )
        if isinstance(reply, ModelsOut):
            return web.json_response(models_body(reply.ids))
        if isinstance(reply, EmbeddingsOut):
            return web.json_response(embeddings_body(reply, body))
        if body.get("stream"):
            return await self._stream(request, reply, body)
        return web.json_response(chat_body(reply, body), headers={"x-request-id": "req_fake"})

    def _refuse(self, request: web.Request) -> ErrorOut | None:
        if self.api_key is None or request.headers.get("authorization") == f"Bearer {self.api_key}":
            return None
        return ErrorOut(
            401,
            "invalid_request_error",
            "Incorrect API key provided: sk-***.",
            code="invalid_api_key",
        )

    async def _stream(
        self, request: web.Request, completion: Completion, body: dict[str, Any]
    ) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"content-type": "text/event-stream", "x-request-id": "req_fake"}
        )
        await response.prepare(request)
        try:
            for sent, chunk in enumerate(chunks(completion, body)):
                if sent == completion.error_after:
                    error = error_body(*completion.error, None)
                    await response.write(_sse(error))
                    return response
                if sent == completion.stall_after:
                    await self._wait(request, completion.hold_seconds)
                    return response
                await response.write(_sse(chunk))
                if completion.event_delay:
                    await asyncio.sleep(completion.event_delay)
            await response.write(b"data: [DONE]\n\n")
        except (ConnectionResetError, ConnectionError):
            self.disconnected.set()
        return response

    async def _wait(self, request: web.Request, seconds: float) -> bool:
        """Sleeps up to `seconds`; True (and `disconnected` set) if the client left."""
        loop = asyncio.get_running_loop()
        until = loop.time() + seconds
        while loop.time() < until:
            transport = request.transport
            if transport is None or transport.is_closing():
                self.disconnected.set()
                return True
            await asyncio.sleep(_POLL)
        return False


def _sse(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _error_headers(reply: ErrorOut) -> dict[str, str]:
    return {"x-request-id": "req_fake", **reply.headers}


__all__ = [
    "DEFAULT_MODELS",
    "Completion",
    "Delay",
    "EmbeddingsOut",
    "ErrorOut",
    "FakeOpenAI",
    "ModelsOut",
    "RawOut",
    "RecordedRequest",
    "Reply",
    "ToolCallOut",
]
