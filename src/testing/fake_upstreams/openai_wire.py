"""Renders the fake OpenAI's programmed replies into OpenAI's real JSON shapes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from integration_api.testing.fake_upstreams.openai_replies import Completion, EmbeddingsOut

CREATED = 1_760_000_000
COMPLETION_ID = "chatcmpl-fake0001"


def error_body(type_: str, message: str, code: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


def models_body(ids: tuple[str, ...]) -> dict[str, Any]:
    return {
        "object": "list",
        "data": [
            {"id": model_id, "object": "model", "created": CREATED, "owned_by": "fake"}
            for model_id in ids
        ],
    }


def usage(completion: Completion) -> dict[str, Any]:
    return {
        "prompt_tokens": completion.prompt_tokens,
        "completion_tokens": completion.completion_tokens,
        "total_tokens": completion.prompt_tokens + completion.completion_tokens,
        "prompt_tokens_details": {"cached_tokens": completion.cached_tokens, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": completion.reasoning_tokens,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def chat_body(completion: Completion, request: dict[str, Any]) -> dict[str, Any]:
    """The non-streaming `chat.completion` object."""
    text = "".join(completion.text_chunks)
    message: dict[str, Any] = {
        "role": "assistant",
        "content": text or None,
        "refusal": None,
        "annotations": [],
    }
    if completion.tool_calls:
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in completion.tool_calls
        ]
    return {
        "id": COMPLETION_ID,
        "object": "chat.completion",
        "created": CREATED,
        "model": completion.model or request.get("model", "gpt-4o-mini"),
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": completion.finish_reason,
            }
        ],
        "usage": usage(completion),
        "service_tier": "default",
        "system_fingerprint": "fp_fake",
    }


def chunks(completion: Completion, request: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The `chat.completion.chunk` objects of a stream, [DONE] excluded."""
    include_usage = bool((request.get("stream_options") or {}).get("include_usage"))
    model = completion.model or request.get("model", "gpt-4o-mini")

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": COMPLETION_ID,
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }
        if include_usage:
            out["usage"] = None
        return out

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    for piece in completion.text_chunks:
        yield chunk({"content": piece})
    for delta in _tool_call_deltas(completion):
        yield chunk({"tool_calls": [delta]})
    yield chunk({}, completion.finish_reason)
    if include_usage:
        final = chunk({})
        final["choices"] = []
        final["usage"] = usage(completion)
        yield final


def _tool_call_deltas(completion: Completion) -> Iterator[dict[str, Any]]:
    calls = completion.tool_calls
    for index, call in enumerate(calls):
        if not completion.interleave:
            yield _head(index, call.id, call.name)
            for piece in call.pieces():
                yield {"index": index, "function": {"arguments": piece}}
    if not completion.interleave:
        return
    for index, call in enumerate(calls):
        yield _head(index, call.id, call.name)
    pieces = [call.pieces() for call in calls]
    for step in range(max((len(p) for p in pieces), default=0)):
        for index, parts in enumerate(pieces):
            if step < len(parts):
                yield {"index": index, "function": {"arguments": parts[step]}}


def _head(index: int, call_id: str, name: str) -> dict[str, Any]:
    return {
        "index": index,
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": ""},
    }


def embeddings_body(out: EmbeddingsOut, request: dict[str, Any]) -> dict[str, Any]:
    inputs = request["input"]
    inputs = [inputs] if isinstance(inputs, str) else inputs
    dims = request.get("dimensions") or out.default_dimensions
    data = [
        {"object": "embedding", "index": i, "embedding": list(out.vector(i, dims))}
        for i in range(len(inputs))
    ]
    if out.reverse:
        data.reverse()
    tokens = sum(len(str(text).split()) for text in inputs)
    return {
        "object": "list",
        "data": data,
        "model": request.get("model", "text-embedding-3-small"),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }
