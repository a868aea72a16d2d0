"""Transport failures -> our errors, with no URL query, header or body.

Both transports end on aiohttp, so both map through `map_aiohttp_error`: the httpx one
by the aiohttp exception httpx-aiohttp chains as the cause.
"""

from __future__ import annotations

import aiohttp

from integration_api.adapters.providers._shared.egress_resolver import refused_by_egress
from integration_api.domain.errors import (
    ProviderError,
    ProviderRejectedRequest,
    ProviderTimeout,
    ProviderUnavailable,
)


def map_aiohttp_error(
    exc: aiohttp.ClientError, *, provider: str, operation: str
) -> tuple[ProviderError, bool]:
    """(error, retryable-before-first-byte). Connection failures may be retried; a read
    timeout is not (the request may be running upstream and would be paid twice). A body
    cut short or a broken answer is ProviderUnavailable, as a dropped connection is."""
    if isinstance(exc, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return _bad_url(provider), False
    if refused_by_egress(exc):
        message = f"{provider}: base_url resolves to a loopback or link-local address"
        return ProviderRejectedRequest(message, provider=provider, field="base_url"), False
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return _timeout(provider, operation, "connecting"), True
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return _timeout(provider, operation, "waiting for data"), False
    return _unavailable(provider, operation, type(exc).__name__), True


def map_transport_error(
    exc: Exception, *, provider: str, operation: str
) -> tuple[ProviderError, bool]:
    """The same for an httpx error (httpx on the aiohttp transport)."""
    import httpx  # only the httpx transport calls this; the default never loads httpx

    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _bad_url(provider), False
    # httpx-aiohttp maps every aiohttp connection error to ConnectTimeout, so the aiohttp
    # cause, when there is one, is what tells a refused connection from a timeout.
    cause = exc.__cause__
    if isinstance(cause, aiohttp.ClientError):
        return map_aiohttp_error(cause, provider=provider, operation=operation)
    if isinstance(exc, httpx.ConnectTimeout):
        return _timeout(provider, operation, "connecting"), True
    if isinstance(exc, httpx.TimeoutException):
        return _timeout(provider, operation, "waiting for data"), False
    return _unavailable(provider, operation, type(exc).__name__), True


def _bad_url(provider: str) -> ProviderError:
    return ProviderRejectedRequest(
        f"{provider}: base_url is not a valid http(s) URL", provider=provider, field="base_url"
    )


def _timeout(provider: str, operation: str, phase: str) -> ProviderError:
    return ProviderTimeout(f"{provider} {operation} timed out {phase}", provider=provider)


def _unavailable(provider: str, operation: str, kind: str) -> ProviderError:
    # Only the exception's class name: its text may carry the URL.
    return ProviderUnavailable(
        f"{provider} {operation}: could not reach the upstream ({kind})", provider=provider
    )
