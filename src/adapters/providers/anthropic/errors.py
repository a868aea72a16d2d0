"""Anthropic errors -> our ProviderError tree.

The body is `{"type":"error","error":{"type":..., "message":...},"request_id":...}` both as
an HTTP error response and as an `event: error` inside a 200 stream, so one mapping serves
both. The error `type` decides; the status is the fallback (a 413 from the edge proxy or a
gateway's HTML page has no Anthropic body). Messages keep the vendor's text, scrubbed of
anything shaped like a key and cut short, and never include headers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import msgspec

from integration_api.adapters.providers.anthropic import wire
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
    ProviderTimeout,
    ProviderUnavailable,
)

PROVIDER = "anthropic"
_MAX_MESSAGE = 300
_KEY_SHAPED = re.compile(r"(sk-[A-Za-z0-9_\-]{4})[A-Za-z0-9_\-]+")
_CONTEXT_LENGTH = re.compile(r"prompt is too long|context (window|length)|too many tokens", re.I)

_BY_TYPE: dict[str, type[ProviderError]] = {
    "authentication_error": ProviderAuthFailed,
    "permission_error": ProviderPermissionDenied,
    "billing_error": ProviderPermissionDenied,  # the key is real but may not be used
    "not_found_error": ProviderNotFound,
    "invalid_request_error": ProviderRejectedRequest,
    "request_too_large": ProviderRejectedRequest,
    "rate_limit_error": ProviderRateLimited,
    "api_error": ProviderUnavailable,
    "overloaded_error": ProviderOverloaded,
    "timeout_error": ProviderTimeout,
}

_BY_STATUS: dict[int, type[ProviderError]] = {
    401: ProviderAuthFailed,
    402: ProviderPermissionDenied,
    403: ProviderPermissionDenied,
    404: ProviderNotFound,
    408: ProviderTimeout,
    413: ProviderRejectedRequest,
    429: ProviderRateLimited,
    504: ProviderTimeout,
    529: ProviderOverloaded,
}

_decode_body = msgspec.json.Decoder(wire.ErrorBody)


def map_error(status: int, headers: Mapping[str, str], body: bytes) -> ProviderError:
    """The error for a non-2xx HTTP response."""
    parsed = _parse(body)
    request_id = _header(headers, "request-id") or (parsed.request_id if parsed else None)
    detail = parsed.error if parsed else wire.ErrorDetail(type="", message=f"HTTP {status}")
    return _build(detail, status=status, request_id=request_id, headers=headers)


def map_stream_error(data: str, *, request_id: str | None = None) -> ProviderError:
    """The error for an `event: error` that arrived after HTTP 200."""
    parsed = _parse(data.encode())
    if parsed is None:
        return ProviderInvalidResponse(
            "Anthropic sent an unreadable stream error", provider=PROVIDER, status=200
        )
    return _build(parsed.error, status=None, request_id=request_id or parsed.request_id)


def _build(
    detail: wire.ErrorDetail,
    *,
    status: int | None,
    request_id: str | None,
    headers: Mapping[str, str] | None = None,
) -> ProviderError:
    cls = _BY_TYPE.get(detail.type) or _by_status(status)
    message = _scrub(f"Anthropic {detail.type or 'error'}: {detail.message}".rstrip(": "))
    if cls is ProviderRejectedRequest and _CONTEXT_LENGTH.search(detail.message):
        cls = ContextLengthExceeded
    if cls is ProviderRateLimited:
        return ProviderRateLimited(
            message,
            retry_after=_retry_after(headers or {}),
            provider=PROVIDER,
            status=status,
            request_id=request_id,
        )
    return cls(message, provider=PROVIDER, status=status, request_id=request_id)


def _by_status(status: int | None) -> type[ProviderError]:
    if status is None:
        return ProviderUnavailable
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ProviderRejectedRequest if 400 <= status < 500 else ProviderUnavailable


def _parse(body: bytes) -> wire.ErrorBody | None:
    try:
        return _decode_body.decode(body)
    except msgspec.DecodeError:
        return None


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from `retry-after-ms` (the SDK's preference) or `retry-after`."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = _header(headers, name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            continue  # an HTTP date: the shared client's backoff covers it
        if seconds >= 0:
            return seconds
    return None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    return next((v for k, v in headers.items() if k.lower() == lowered), None)


def _scrub(message: str) -> str:
    return _KEY_SHAPED.sub(r"\1***", message)[:_MAX_MESSAGE]
