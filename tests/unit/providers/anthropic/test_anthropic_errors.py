"""Anthropic error bodies (HTTP and in-stream) -> our error classes."""

from __future__ import annotations

import json

import pytest

from integration_api.adapters.providers.anthropic.errors import map_error, map_stream_error
from integration_api.domain.errors import (
    ContextLengthExceeded,
    ProviderAuthFailed,
    ProviderError,
    ProviderInvalidResponse,
    ProviderNotFound,
    ProviderOverloaded,
    ProviderPermissionDenied,
    ProviderRateLimited,
    ProviderRejectedRequest,
    ProviderUnavailable,
)


def body(type_: str, message: str = "boom") -> bytes:
    payload = {"type": "error", "error": {"type": type_, "message": message}, "request_id": "r1"}
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("status", "type_", "expected"),
    [
        (401, "authentication_error", ProviderAuthFailed),
        (403, "permission_error", ProviderPermissionDenied),
        (404, "not_found_error", ProviderNotFound),
        (400, "invalid_request_error", ProviderRejectedRequest),
        (413, "request_too_large", ProviderRejectedRequest),
        (429, "rate_limit_error", ProviderRateLimited),
        (500, "api_error", ProviderUnavailable),
        (529, "overloaded_error", ProviderOverloaded),
    ],
)
def test_http_errors_by_type(status: int, type_: str, expected: type[ProviderError]) -> None:
    error = map_error(status, {}, body(type_))
    assert type(error) is expected
    assert (error.provider, error.status, error.request_id) == ("anthropic", status, "r1")


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, ProviderAuthFailed), (413, ProviderRejectedRequest), (502, ProviderUnavailable)],
)
def test_a_body_that_is_not_anthropic_falls_back_to_the_status(
    status: int, expected: type[ProviderError]
) -> None:
    error = map_error(status, {"request-id": "req_h"}, b"<html>Bad gateway</html>")
    assert type(error) is expected
    assert error.request_id == "req_h"
    assert "html" not in error.message


def test_prompt_too_long_is_context_length_exceeded() -> None:
    error = map_error(400, {}, body("invalid_request_error", "prompt is too long: 210000 tokens"))
    assert isinstance(error, ContextLengthExceeded)
    assert not error.retryable


def test_rate_limit_carries_retry_after() -> None:
    error = map_error(429, {"retry-after": "7"}, body("rate_limit_error"))
    assert isinstance(error, ProviderRateLimited)
    assert error.retry_after == 7.0
    assert error.retryable


def test_stream_error_event_maps_like_the_http_error() -> None:
    error = map_stream_error(body("overloaded_error", "Overloaded").decode())
    assert type(error) is ProviderOverloaded
    assert error.status is None
    assert error.retryable


def test_unreadable_stream_error_is_an_invalid_response() -> None:
    assert isinstance(map_stream_error("not json"), ProviderInvalidResponse)


def test_a_key_echoed_in_a_vendor_message_is_scrubbed() -> None:
    canary = "sk-ant-fake-canary-1234567890abcdef"
    error = map_error(401, {"x-api-key": canary}, body("authentication_error", f"bad {canary}"))
    assert canary not in str(error)
    assert canary not in error.message
