"""The mock's replies, rendered once into complete HTTP/1.1 messages in OpenAI's wire format.

Streams are chunked SSE, as OpenAI sends them: a role chunk at once, then one content
chunk per delay, then the finish chunk, the usage chunk (`stream_options.include_usage`)
and `[DONE]`. Every content piece starts with TOKEN_MARKER so clients can time the first
token on any surface that relays the text.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

TOKEN_MARKER = b"piece-"
CREATED = 1_760_000_000
REQUEST_ID_HEADER = b"x-request-id: req_bench0001\r\n"


@dataclass(frozen=True)
class StreamProfile:
    """`chunks` content chunks, each sent `delay` seconds after the previous one."""

    chunks: int
    delay: float


@dataclass(frozen=True)
class StreamReply:
    head: bytes  # status line, headers and the role chunk
    pieces: tuple[bytes, ...]  # one framed content chunk each
    tail: bytes  # finish, usage, [DONE] and the last chunk of the transfer coding
    delay: float


def json_response(body: dict[str, Any], status: bytes = b"200 OK") -> bytes:
    payload = json.dumps(body, separators=(",", ":")).encode()
    head = b"HTTP/1.1 " + status + b"\r\ncontent-type: application/json\r\n" + REQUEST_ID_HEADER
    return head + b"content-length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload


def usage(prompt: int, completion: int) -> dict[str, Any]:
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
    }


def chat_completion(model: str, text: str) -> bytes:
    message: dict[str, Any] = {"role": "assistant", "content": text, "refusal": None}
    message["annotations"] = []
    choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
    return json_response(
        {
            "id": "chatcmpl-bench0001",
            "object": "chat.completion",
            "created": CREATED,
            "model": model,
            "choices": [choice],
            "usage": usage(12, 9),
            "service_tier": "default",
            "system_fingerprint": "fp_bench",
        }
    )


def embeddings(model: str, dimensions: int) -> bytes:
    rng = random.Random(1536)  # fixed: the same vector every run
    vector = [round(rng.uniform(-0.08, 0.08), 10) for _ in range(dimensions)]
    item = {"object": "embedding", "index": 0, "embedding": vector}
    body_usage = {"prompt_tokens": 8, "total_tokens": 8}
    return json_response({"object": "list", "data": [item], "model": model, "usage": body_usage})


def models(ids: tuple[str, ...]) -> bytes:
    data = [{"id": i, "object": "model", "created": CREATED, "owned_by": "bench"} for i in ids]
    return json_response({"object": "list", "data": data})


def not_found() -> bytes:
    error = {"message": "no such route", "type": "invalid_request_error", "code": None}
    return json_response({"error": error}, b"404 Not Found")


def stream(model: str, profile: StreamProfile) -> StreamReply:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {
            "id": "chatcmpl-bench0001",
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": model,
            "system_fingerprint": "fp_bench",
            "choices": [choice],
            "usage": None,
        }

    head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
        + REQUEST_ID_HEADER
        + b"transfer-encoding: chunked\r\n\r\n"
        + _sse(chunk({"role": "assistant", "content": "", "refusal": None}))
    )
    pieces = tuple(
        _sse(chunk({"content": f"{TOKEN_MARKER.decode()}{i:02d} "})) for i in range(profile.chunks)
    )
    final = chunk({})
    final["choices"] = []
    final["usage"] = usage(12, profile.chunks)
    tail = _sse(chunk({}, "stop")) + _sse(final) + _frame(b"data: [DONE]\n\n") + b"0\r\n\r\n"
    return StreamReply(head=head, pieces=pieces, tail=tail, delay=profile.delay)


def _sse(event: dict[str, Any]) -> bytes:
    return _frame(b"data: " + json.dumps(event, separators=(",", ":")).encode() + b"\n\n")


def _frame(data: bytes) -> bytes:
    """One chunk of the chunked transfer coding."""
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"
