"""THE table from domain errors to HTTP status codes, and Litestar's exception handlers.

Every error body has one shape: `{"error": {"code": ..., "message": ..., "field": ...}}`.
Domain errors carry their own stable `code` and a message that never holds secrets; anything
else becomes a generic 500 whose text says nothing about the exception (exception text can
carry secrets), while the traceback goes to the (redacting) log.
"""

from __future__ import annotations

import logging
import math
import re
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from integration_api.domain import errors as e

log = logging.getLogger(__name__)

# Looked up along the exception's MRO, so a subclass without its own row (say
# ProviderOverloaded) gets its parent's status.
HTTP_STATUS: dict[type[e.IntegrationError], int] = {
    e.ValidationFailed: 422,
    e.NotFound: 404,
    e.AlreadyExists: 409,
    e.Conflict: 409,
    e.Unauthenticated: 401,
    e.PermissionDenied: 403,
    e.UnsupportedCapability: 400,
    e.QuotaExceeded: 429,
    e.StorageUnavailable: 503,
    e.KeyUnavailable: 503,
    e.StorageUnavailable: 503,
    e.SecretUnreadable: 500,
    e.ProviderAuthFailed: 502,
    e.ProviderPermissionDenied: 502,
    e.ProviderRateLimited: 429,
    e.ProviderUnavailable: 503,
    e.ProviderTimeout: 504,
    e.ProviderRejectedRequest: 400,
    e.ProviderNotFound: 404,
    e.ContentFiltered: 400,
    e.ProviderInvalidResponse: 502,
    e.ProviderError: 502,
    e.IntegrationError: 500,
}


class ErrorDetail(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    message: str
    field: str | None = None


class ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    error: ErrorDetail


def http_status_for(exc: e.IntegrationError) -> int:
    for cls in type(exc).__mro__:
        status = HTTP_STATUS.get(cls)
        if status is not None:
            return status
    return 500  # unreachable: IntegrationError itself has a row


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response[ErrorBody]:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, field=field))
    return Response(body, status_code=status, headers=headers, media_type="application/json")


def _headers_for(exc: e.IntegrationError) -> dict[str, str] | None:
    if isinstance(exc, e.Unauthenticated):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, e.ProviderRateLimited) and exc.retry_after is not None:
        return {"Retry-After": str(max(1, math.ceil(exc.retry_after)))}
    return None


def handle_integration_error(_: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    assert isinstance(exc, e.IntegrationError)
    status = http_status_for(exc)
    if status >= 500:
        log.warning("request failed: %s", exc.code)
    return error_response(status, exc.code, exc.message, field=exc.field, headers=_headers_for(exc))


# msgspec names the field as "... field `name`" or "... - at `$.messages[0].role`".
_FIELD_IN_MESSAGE = re.compile(r"field `([^`]+)`|at `\$\.([^`]+)`")
# A missing query/path/header parameter comes without `extra`, only as the detail
# "Missing required query parameter 'credential_id' for path /v1/models?...".
_PARAMETER_IN_DETAIL = re.compile(r"^(Missing required \w+ parameter '([^']+)')")


def _validation_field(exc: ValidationException) -> str | None:
    """The first offending field Litestar names; `data` (the whole body) means look inside
    msgspec's message, e.g. "Object missing required field `name`"."""
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        if not isinstance(item, dict):
            continue
        key = item.get("key")
        if key and key != "data":
            return str(key)
        found = _FIELD_IN_MESSAGE.search(str(item.get("message", "")))
        if found:
            return found.group(1) or found.group(2)
    missing = _PARAMETER_IN_DETAIL.match(str(exc.detail))
    return missing.group(2) if missing else None


def _validation_message(exc: ValidationException) -> str:
    extra = exc.extra if isinstance(exc.extra, list) else []
    messages = [str(i.get("message")) for i in extra if isinstance(i, dict) and i.get("message")]
    missing = _PARAMETER_IN_DETAIL.match(str(exc.detail))  # without the path and its query
    return "; ".join(messages) or (missing.group(1) if missing else "the request is invalid")


def handle_validation_error(_: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    assert isinstance(exc, ValidationException)
    return error_response(
        422, e.ValidationFailed.code, _validation_message(exc), field=_validation_field(exc)
    )


def handle_http_exception(_: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    """Litestar's own 4xx (malformed JSON, unknown route, wrong method...)."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    if status >= 500:
        return handle_unexpected(_, exc)
    if "malformed" in str(exc.detail).lower():
        return error_response(400, "malformed_request", str(exc.detail))
    code = HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    return error_response(status, code, str(exc.detail), headers=exc.headers)


def handle_undecodable_body(_: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    # Litestar decodes JSON bodies as UTF-8 and lets the UnicodeDecodeError escape.
    return error_response(400, "malformed_request", "the request body is not valid UTF-8")


def handle_unexpected(_: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    log.error("unhandled %s in a request", type(exc).__name__, exc_info=exc)
    return error_response(500, "internal", "internal error")


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    e.IntegrationError: handle_integration_error,
    ValidationException: handle_validation_error,
    HTTPException: handle_http_exception,
    UnicodeDecodeError: handle_undecodable_body,
    Exception: handle_unexpected,
}
