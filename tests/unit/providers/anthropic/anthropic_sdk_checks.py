"""Checks against the official `anthropic` SDK's request types (a test-only dependency).

pydantic validates the SDK's `Iterable[...]` fields lazily and drops unknown keys, so a
plain `validate_python` would pass a bad nested block or a misspelt field. `assert_valid_*`
walks the result (forcing every lazy iterator) and compares it with the input: a key the SDK
does not know is dropped by validation and shows up as a difference.

The adapter pins `anthropic-version: 2023-06-01`, under which `temperature`, `top_p` and
`top_k` are still documented request fields; the installed SDK targets a later API version
and no longer declares them, so they are checked here by hand instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pydantic
from anthropic.types import message_create_params

_STREAMING = pydantic.TypeAdapter(message_create_params.MessageCreateParamsStreaming)
_NON_STREAMING = pydantic.TypeAdapter(message_create_params.MessageCreateParamsNonStreaming)


def assert_valid_request(body: Mapping[str, Any]) -> None:
    """`body` (decoded JSON) is a Messages API request the SDK itself could have sent."""
    body = dict(body)
    _check_sampling(body)
    adapter = _STREAMING if body.get("stream") is True else _NON_STREAMING
    validated = _materialize(adapter.validate_python(body))
    assert validated == body, f"fields the SDK does not know: {_diff(body, validated)}"


def _check_sampling(body: dict[str, Any]) -> None:
    for name in ("temperature", "top_p"):
        value = body.pop(name, None)
        assert value is None or (isinstance(value, int | float) and 0 <= value <= 1), name
    top_k = body.pop("top_k", None)
    assert top_k is None or (isinstance(top_k, int) and top_k >= 0), "top_k"


def _materialize(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, list | tuple | Iterator):
        return [_materialize(v) for v in value]
    if type(value).__name__ == "ValidatorIterator":
        return [_materialize(v) for v in value]
    return value


def _diff(expected: Any, actual: Any, path: str = "$") -> list[str]:
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        out = [f"{path}.{k}" for k in expected if k not in actual]
        for k in expected:
            if k in actual:
                out += _diff(expected[k], actual[k], f"{path}.{k}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out += _diff(e, a, f"{path}[{i}]")
        return out
    return [] if expected == actual else [path]
