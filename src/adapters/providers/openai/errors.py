"""OpenAI error bodies -> our ProviderError classes (by `type`/`code`, then by status)."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from integration_api.adapters.providers._shared import (
    error_for_status,
    parse_retry_after,
    safe_message,
)
from integration_api.adapters.providers.openai.wire import WireError, WireErrorEnvelope
from integration_api.domain.errors import (
    ContentFiltered,
    ContextLengthExceeded,
    ProviderAuthFailed,
    ProviderError,
    ProviderNotFound,
)

_BY_CODE: dict[str, type[ProviderError]] = {
    "invalid_api_key": ProviderAuthFailed,
    "context_length_exceeded": ContextLengthExceeded,
    "model_not_found": ProviderNotFound,
    "content_filter": ContentFiltered,
    "content_policy_violation": ContentFiltered,
}

# In-stream errors carry no HTTP status; their `type` stands in for one.
_STATUS_BY_TYPE = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "permission_error": 403,
    "not_found_error": 404,
    "rate_limit_exceeded": 429,
    "insufficient_quota": 429,
    "server_error": 500,
    "service_unavailable": 503,
    "overloaded_error": 529,
}


class OpenAIErrorMapper:
    """Callable ErrorMapper for one OpenAI-dialect provider name."""

    __slots__ = ("provider", "request_id_header")

    def __init__(self, provider: str, request_id_header: str = "x-request-id") -> None:
        self.provider = provider
        self.request_id_header = request_id_header

    def __call__(self, status: int, headers: Mapping[str, str], body: bytes) -> ProviderError:
        return self.from_wire(
            _decode_error(body),
            status=status,
            request_id=headers.get(self.request_id_header),
            retry_after=parse_retry_after(headers) if status == 429 else None,
        )

    def from_wire(
        self,
        error: WireError | None,
        *,
        status: int | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> ProviderError:
        """The error for a decoded vendor error (status None: it came inside a stream)."""
        error = error or WireError()
        if status is None:
            status = _status_from(error)
        # Auth failures are where vendors echo key fragments: show no vendor text there.
        vendor_text = None if status in (401, 403) else error.message
        message = safe_message(vendor_text, fallback=f"{self.provider} answered HTTP {status}")
        code = str(error.code) if error.code is not None else None
        cls = _BY_CODE.get(code or "") or _BY_CODE.get(error.type or "")
        if cls is not None:
            return cls(message, provider=self.provider, status=status, request_id=request_id)
        mapped = error_for_status(
            status,
            provider=self.provider,
            message=message,
            request_id=request_id,
            retry_after=retry_after,
        )
        if "insufficient_quota" in (code, error.type):
            mapped.retryable = False  # out of credit: waiting will not help
        return mapped


def _status_from(error: WireError) -> int:
    if isinstance(error.code, int) and 400 <= error.code < 600:
        return error.code
    return _STATUS_BY_TYPE.get(error.type or "", 500)


def _decode_error(body: bytes) -> WireError | None:
    try:
        envelope = msgspec.json.decode(body, type=WireErrorEnvelope)
    except msgspec.DecodeError:
        return None
    if isinstance(envelope.error, WireError):
        return envelope.error
    message = envelope.error if isinstance(envelope.error, str) else envelope.message
    return WireError(message=message, type=envelope.type, code=envelope.code)
