"""Request bodies checked against the official `openai` SDK's param TypedDicts.

pydantic validates `Iterable[...]` fields lazily and drops unknown keys, so a plain
`validate_python` would let a misspelt field or a bad nested part through. The validated
value is materialised and compared with the input: anything the SDK does not know shows up
as a difference.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pydantic
from openai.types import embedding_create_params
from openai.types.chat import completion_create_params

_CHAT_STREAMING = pydantic.TypeAdapter(completion_create_params.CompletionCreateParamsStreaming)
_CHAT = pydantic.TypeAdapter(completion_create_params.CompletionCreateParamsNonStreaming)
_EMBEDDINGS = pydantic.TypeAdapter(embedding_create_params.EmbeddingCreateParams)


def assert_valid_chat_request(body: Mapping[str, Any]) -> None:
    adapter = _CHAT_STREAMING if body.get("stream") is True else _CHAT
    _assert_same(dict(body), adapter.validate_python(dict(body)))


def assert_valid_embeddings_request(body: Mapping[str, Any]) -> None:
    _assert_same(dict(body), _EMBEDDINGS.validate_python(dict(body)))


def _assert_same(body: dict[str, Any], validated: Any) -> None:
    materialized = _materialize(validated)
    assert materialized == body, f"not as the SDK would send it: {_diff(body, materialized)}"


def _materialize(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, list | tuple | Iterator) or type(value).__name__ == "ValidatorIterator":
        return [_materialize(v) for v in value]
    return value


def _diff(expected: Any, actual: Any, path: str = "$") -> list[str]:
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        out = [f"{path}.{k} (unknown)" for k in expected if k not in actual]
        for key in expected:
            if key in actual:
                out += _diff(expected[key], actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path} (length)"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out += _diff(e, a, f"{path}[{i}]")
        return out
    return [] if expected == actual else [f"{path} ({expected!r} != {actual!r})"]
