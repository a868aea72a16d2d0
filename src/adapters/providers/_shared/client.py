"""UpstreamClient: the one way adapters reach vendors over HTTP.

Owns timeouts, retries with backoff and Retry-After, SSE decoding, and redaction: errors
it raises carry neither headers nor bodies. The keep-alive pool lives in its Transport
(aiohttp directly by default, or httpx on the aiohttp transport; see `transport.py`).
One instance per process; `aclose()` on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Awaitable, Callable

from integration_api.adapters.providers._shared.retry import (
    RetryPolicy,
    parse_retry_after,
    should_retry_header,
)
from integration_api.adapters.providers._shared.stream import UpstreamStream
from integration_api.adapters.providers._shared.transport import (
    RawResponse,
    Transport,
    TransportFailure,
    TransportName,
)
from integration_api.adapters.providers._shared.transport_aiohttp import AiohttpTransport
from integration_api.adapters.providers._shared.types import (
    ErrorMapper,
    Timeouts,
    UpstreamRequest,
    UpstreamResponse,
)
from integration_api.domain.errors import ProviderError, ProviderTimeout
from integration_api.settings import Settings

Sleep = Callable[[float], Awaitable[None]]


def _httpx_transport(limit: int) -> Transport:
    # imported on demand: httpx (and the CLI it pulls in) costs the serving process ~8 MB
    from integration_api.adapters.providers._shared.transport_httpx import HttpxTransport

    return HttpxTransport(max_connections=limit)


_TRANSPORTS: dict[TransportName, Callable[[int, bool], Transport]] = {
    "aiohttp": lambda limit, private: AiohttpTransport(
        max_connections=limit, allow_private=private
    ),
    # the httpx transport has no resolver hook: only the as-written policy applies there
    "httpx": lambda limit, _private: _httpx_transport(limit),
}


class UpstreamClient:
    """Sends UpstreamRequests. Retries 429/5xx/529 (whatever the mapper marks retryable)
    and connection failures with exponential backoff and full jitter, honouring Retry-After,
    bounded by `retry.max_retries` and the total timeout; streams retry only before their
    first byte is handed out. Raises ProviderError subclasses only.

    `transport` is a name ("aiohttp", "httpx") or a ready Transport; `max_connections`
    caps the pool of a named one (and so the concurrent upstream calls of a process)."""

    def __init__(
        self,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        transport: TransportName | Transport = "aiohttp",
        max_connections: int = 2000,
        allow_private_endpoints: bool = False,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rand = rand
        if isinstance(transport, str):
            transport = _TRANSPORTS[transport](max_connections, allow_private_endpoints)
        self._transport = transport

    @classmethod
    def from_settings(cls, settings: Settings) -> UpstreamClient:
        timeouts = Timeouts(
            connect=settings.upstream_connect_timeout,
            read=settings.upstream_read_timeout,
            total=settings.upstream_total_timeout,
        )
        return cls(
            timeouts=timeouts,
            retry=RetryPolicy(max_retries=settings.upstream_max_retries),
            transport=settings.upstream_transport,
            max_connections=settings.upstream_max_connections,
            allow_private_endpoints=settings.allow_private_endpoints,
        )

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def send(self, request: UpstreamRequest, error_mapper: ErrorMapper) -> UpstreamResponse:
        """The complete 2xx answer, or the mapped error after the allowed retries."""
        timeouts = request.timeouts or self.timeouts
        deadline = asyncio.get_running_loop().time() + timeouts.total
        attempt = 0
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    status, headers, body = await self._transport.send(request, timeouts)
            except TransportFailure as failure:
                await self._backoff_or_raise(
                    failure.error, failure.retryable, None, attempt, deadline
                )
                attempt += 1
                continue
            except TimeoutError:
                raise _total_timeout(request) from None
            if 200 <= status < 300:
                return UpstreamResponse(status=status, headers=headers, body=body)
            error = error_mapper(status, headers, body)
            await self._backoff_or_raise(
                error, _retryable(error, headers), headers, attempt, deadline
            )
            attempt += 1

    def stream(
        self, request: UpstreamRequest, error_mapper: ErrorMapper
    ) -> contextlib.AbstractAsyncContextManager[UpstreamStream]:
        """An open 2xx stream; leaving the context closes the upstream connection at once
        (also when the consumer is cancelled or closed early)."""
        return self._stream(request, error_mapper)

    @contextlib.asynccontextmanager
    async def _stream(
        self, request: UpstreamRequest, error_mapper: ErrorMapper
    ) -> AsyncIterator[UpstreamStream]:
        timeouts = request.timeouts or self.timeouts
        deadline = asyncio.get_running_loop().time() + timeouts.total
        raw = await self._open(request, timeouts, error_mapper, deadline)
        try:
            yield UpstreamStream(
                raw, deadline=deadline, provider=request.provider, operation=request.operation
            )
        finally:
            await raw.aclose()

    async def _open(
        self,
        request: UpstreamRequest,
        timeouts: Timeouts,
        error_mapper: ErrorMapper,
        deadline: float,
    ) -> RawResponse:
        attempt = 0
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    raw = await self._transport.open(request, timeouts)
                    if 200 <= raw.status < 300:
                        return raw
                    try:
                        body = await raw.read()
                    finally:
                        await raw.aclose()
            except TransportFailure as failure:
                await self._backoff_or_raise(
                    failure.error, failure.retryable, None, attempt, deadline
                )
                attempt += 1
                continue
            except TimeoutError:
                raise _total_timeout(request) from None
            error = error_mapper(raw.status, raw.headers, body)
            await self._backoff_or_raise(
                error, _retryable(error, raw.headers), raw.headers, attempt, deadline
            )
            attempt += 1

    async def _backoff_or_raise(
        self,
        error: ProviderError,
        retryable: bool,
        headers: dict[str, str] | None,
        attempt: int,
        deadline: float,
    ) -> None:
        if not retryable:
            raise error
        retry_after = parse_retry_after(headers) if headers else None
        wait = self.retry.delay(attempt, retry_after, self._rand)
        if wait is None or asyncio.get_running_loop().time() + wait >= deadline:
            raise error
        await self._sleep(wait)


def _retryable(error: ProviderError, headers: dict[str, str]) -> bool:
    override = should_retry_header(headers)
    return error.retryable if override is None else override


def _total_timeout(request: UpstreamRequest) -> ProviderError:
    return ProviderTimeout(
        f"{request.provider} {request.operation} exceeded its total timeout",
        provider=request.provider,
    )
