"""Generic HTTP status -> ProviderError table that vendor mappers refine by error type."""

from __future__ import annotations

from integration_api.domain.errors import (
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

_BY_STATUS: dict[int, type[ProviderError]] = {
    400: ProviderRejectedRequest,
    401: ProviderAuthFailed,
    403: ProviderPermissionDenied,
    404: ProviderNotFound,
    408: ProviderTimeout,
    413: ProviderRejectedRequest,
    422: ProviderRejectedRequest,
    503: ProviderUnavailable,
    529: ProviderOverloaded,
}


def error_for_status(
    status: int,
    *,
    provider: str,
    message: str = "",
    request_id: str | None = None,
    retry_after: float | None = None,
) -> ProviderError:
    """The error class a bare status implies; `message` must already be safe to show."""
    text = message or f"{provider} answered HTTP {status}"
    if status == 429:
        return ProviderRateLimited(
            text, retry_after=retry_after, provider=provider, status=status, request_id=request_id
        )
    cls = _BY_STATUS.get(status)
    if cls is None:
        if status >= 500:
            cls = ProviderUnavailable
        elif 400 <= status < 500:
            cls = ProviderRejectedRequest
        else:
            cls = ProviderInvalidResponse
    return cls(text, provider=provider, status=status, request_id=request_id)
