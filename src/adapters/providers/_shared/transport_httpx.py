"""HttpxTransport: httpx.AsyncClient on the aiohttp transport (httpx-aiohttp).

The earlier default, kept behind the same contract tests; select it with
`INTEGRATION_API_UPSTREAM_TRANSPORT=httpx`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
from httpx_aiohttp import HttpxAiohttpClient

from integration_api.adapters.providers._shared.transport import (
    RawResponse,
    Transport,
    TransportFailure,
)
from integration_api.adapters.providers._shared.transport_errors import map_transport_error
from integration_api.adapters.providers._shared.types import Timeouts, UpstreamRequest


class HttpxTransport(Transport):
    """One keep-alive pool of at most `max_connections` connections."""

    def __init__(self, *, max_connections: int = 2000) -> None:
        self._http = HttpxAiohttpClient(
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=30.0,
            ),
            follow_redirects=False,
            trust_env=False,
        )
        self._timeouts: dict[Timeouts, httpx.Timeout] = {}
        _quiet_http_loggers()

    async def send(
        self, request: UpstreamRequest, timeouts: Timeouts
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            response = await self._http.send(self._build(request, timeouts))
            body = await response.aread()
        except httpx.HTTPError as exc:
            raise _failure(exc, request.provider, request.operation) from None
        return response.status_code, dict(response.headers.items()), body

    async def open(self, request: UpstreamRequest, timeouts: Timeouts) -> RawResponse:
        try:
            response = await self._http.send(self._build(request, timeouts), stream=True)
        except httpx.HTTPError as exc:
            raise _failure(exc, request.provider, request.operation) from None
        return _HttpxResponse(response, request.provider, request.operation)

    async def aclose(self) -> None:
        await self._http.aclose()

    def _build(self, request: UpstreamRequest, timeouts: Timeouts) -> httpx.Request:
        return self._http.build_request(
            request.method,
            request.url,
            headers=request.headers,
            content=request.body,
            timeout=self._timeout_for(timeouts),
        )

    def _timeout_for(self, timeouts: Timeouts) -> httpx.Timeout:
        cached = self._timeouts.get(timeouts)
        if cached is None:
            cached = httpx.Timeout(
                connect=timeouts.connect,
                read=timeouts.read,
                write=timeouts.read,
                pool=timeouts.total,
            )
            self._timeouts[timeouts] = cached
        return cached


class _HttpxResponse(RawResponse):
    __slots__ = ("_chunks", "_operation", "_provider", "_response", "headers", "status")

    def __init__(self, response: httpx.Response, provider: str, operation: str) -> None:
        self._response = response
        self._provider = provider
        self._operation = operation
        self._chunks: AsyncIterator[bytes] | None = None
        self.status = response.status_code
        self.headers = dict(response.headers.items())

    async def read(self) -> bytes:
        try:
            return await self._response.aread()
        except httpx.HTTPError as exc:
            raise _failure(exc, self._provider, self._operation) from None

    async def read_chunk(self) -> bytes:
        if self._chunks is None:
            self._chunks = self._response.aiter_bytes().__aiter__()
        try:
            return await self._chunks.__anext__()
        except StopAsyncIteration:
            return b""
        except httpx.HTTPError as exc:
            raise _failure(exc, self._provider, self._operation) from None

    async def aclose(self) -> None:
        await self._response.aclose()


def _failure(exc: httpx.HTTPError, provider: str, operation: str) -> TransportFailure:
    error, retryable = map_transport_error(exc, provider=provider, operation=operation)
    return TransportFailure(error, retryable)


def _quiet_http_loggers() -> None:
    # httpx and httpcore log full URLs at INFO (DESIGN.md §6).
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)
