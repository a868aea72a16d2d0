"""Shared upstream layer for every provider adapter: HTTP client, retries, SSE, errors.

Adapters import from here and never from an HTTP library.
"""

from integration_api.adapters.providers._shared.client import UpstreamClient
from integration_api.adapters.providers._shared.decoding import decode_json
from integration_api.adapters.providers._shared.errors import error_for_status
from integration_api.adapters.providers._shared.redaction import safe_message
from integration_api.adapters.providers._shared.retry import RetryPolicy, parse_retry_after
from integration_api.adapters.providers._shared.sse import SseDecoder, SseEvent
from integration_api.adapters.providers._shared.stream import UpstreamStream
from integration_api.adapters.providers._shared.types import (
    ErrorMapper,
    Operation,
    Timeouts,
    UpstreamRequest,
    UpstreamResponse,
)

__all__ = [
    "ErrorMapper",
    "Operation",
    "RetryPolicy",
    "SseDecoder",
    "SseEvent",
    "Timeouts",
    "UpstreamClient",
    "UpstreamRequest",
    "UpstreamResponse",
    "UpstreamStream",
    "decode_json",
    "error_for_status",
    "parse_retry_after",
    "safe_message",
]
