"""UpstreamClient: the one way adapters reach vendors over HTTP.

Owns the keep-alive pool (httpx on the aiohttp transport), timeouts, retries with backoff
and Retry-After, SSE decoding, and redaction: errors it raises carry neither headers nor
bodies. One instance per process; `aclose()` on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
from httpx_aiohttp import HttpxAiohttpClient

from integration_api.adapters.providers._shared.retry import (
    RetryPolicy,
    parse_retry_after,
    should_retry_header,
)
from integration_api.adapters.providers._shared.stream import UpstreamStream
from integration_api.adapters.providers._shared.transport_errors import map_transport_error
from integration_api.adapters.providers._shared.types import (
    ErrorMapper,
    Timeouts,
    UpstreamRequest,
    UpstreamResponse,
)
from integration_api.domain.errors import ProviderError, ProviderTimeout
from integration_api.settings import Settings

Sleep = Callable[[float], Awaitable[None]]


class UpstreamClient:
    """Sends UpstreamRequests. Retries 429/5xx/529 (whatever the mapper marks retryable)
    and connection failures with exponential backoff and full jitter, honouring Retry-After,
    bounded by `retry.max_retries` and the total timeout; streams retry only before their
    first byte is handed out. Raises ProviderError subclasses only."""

    def __init__(
        self,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        max_connections: int = 200,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rand = rand
        self._http = http or HttpxAiohttpClient(
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=30.0,
            ),
            follow_redirects=False,
            trust_env=False,
        )
        self._httpx_timeouts: dict[Timeouts, httpx.Timeout] = {}
        _quiet_http_loggers()

    @classmethod
    def from_settings(cls, settings: Settings) -> UpstreamClient:
        timeouts = Timeouts(
            connect=settings.upstream_connect_timeout,
            read=settings.upstream_read_timeout,
            total=settings.upstream_total_timeout,
        )
        return cls(timeouts=timeouts, retry=RetryPolicy(max_retries=settings.upstream_max_retries))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, request: UpstreamRequest, error_mapper: ErrorMapper) -> UpstreamResponse:
        """The complete 2xx answer, or the mapped error after the allowed retries."""
        timeouts = request.timeouts or self.timeouts
        deadline = asyncio.get_running_loop().time() + timeouts.total
        attempt = 0
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    response = await self._http.send(self._build(request, timeouts))
                    body = await response.aread()
            except TimeoutError:
                raise _total_timeout(request) from None
            except httpx.HTTPError as exc:
                error, retryable = map_transport_error(
                    exc, provider=request.provider, operation=request.operation
                )
                await self._backoff_or_raise(error, retryable, None, attempt, deadline)
                attempt += 1
                continue
            headers = dict(response.headers.items())
            if 200 <= response.status_code < 300:
                return UpstreamResponse(status=response.status_code, headers=headers, body=body)
            error = error_mapper(response.status_code, headers, body)
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
        response = await self._open(request, timeouts, error_mapper, deadline)
        try:
            yield UpstreamStream(
                response, deadline=deadline, provider=request.provider, operation=request.operation
            )
        finally:
            await response.aclose()

    async def _open(
        self,
        request: UpstreamRequest,
        timeouts: Timeouts,
        error_mapper: ErrorMapper,
        deadline: float,
    ) -> httpx.Response:
        attempt = 0
        while True:
            response: httpx.Response | None = None
            try:
                async with asyncio.timeout_at(deadline):
                    response = await self._http.send(self._build(request, timeouts), stream=True)
                    if 200 <= response.status_code < 300:
                        return response
                    body = await response.aread()
            except TimeoutError:
                raise _total_timeout(request) from None
            except httpx.HTTPError as exc:
                error, retryable = map_transport_error(
                    exc, provider=request.provider, operation=request.operation
                )
                await self._backoff_or_raise(error, retryable, None, attempt, deadline)
                attempt += 1
                continue
            finally:
                if response is not None and not 200 <= response.status_code < 300:
                    await response.aclose()
            headers = dict(response.headers.items())
            error = error_mapper(response.status_code, headers, body)
            await self._backoff_or_raise(
                error, _retryable(error, headers), headers, attempt, deadline
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

    def _build(self, request: UpstreamRequest, timeouts: Timeouts) -> httpx.Request:
        return self._http.build_request(
            request.method,
            request.url,
            headers=request.headers,
            content=request.body,
            timeout=self._timeout_for(timeouts),
        )

    def _timeout_for(self, timeouts: Timeouts) -> httpx.Timeout:
        cached = self._httpx_timeouts.get(timeouts)
        if cached is None:
            cached = httpx.Timeout(
                connect=timeouts.connect,
                read=timeouts.read,
                write=timeouts.read,
                pool=timeouts.total,
            )
            self._httpx_timeouts[timeouts] = cached
        return cached


def _retryable(error: ProviderError, headers: dict[str, str]) -> bool:
    override = should_retry_header(headers)
    return error.retryable if override is None else override


def _total_timeout(request: UpstreamRequest) -> ProviderError:
    return ProviderTimeout(
        f"{request.provider} {request.operation} exceeded its total timeout",
        provider=request.provider,
    )


def _quiet_http_loggers() -> None:
    # httpx and httpcore log full URLs at INFO (DESIGN.md §6).
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)
