"""AiohttpTransport: aiohttp.ClientSession used directly (the default transport).

No cookie jar, no proxies from the environment, no redirects; a keep-alive pool of at
most `max_connections` connections, created lazily inside the running loop.
"""

from __future__ import annotations

import aiohttp

from integration_api.adapters.providers._shared.egress_resolver import EgressGuardResolver
from integration_api.adapters.providers._shared.transport import (
    RawResponse,
    Transport,
    TransportFailure,
)
from integration_api.adapters.providers._shared.transport_errors import map_aiohttp_error
from integration_api.adapters.providers._shared.types import Timeouts, UpstreamRequest

KEEPALIVE_SECONDS = 30.0
DNS_CACHE_SECONDS = 300


class AiohttpTransport(Transport):
    """One keep-alive pool (`limit=max_connections`, no per-host limit)."""

    def __init__(self, *, max_connections: int = 2000, allow_private: bool = False) -> None:
        self._max_connections = max_connections
        self._allow_private = allow_private
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[Timeouts, aiohttp.ClientTimeout] = {}

    async def send(
        self, request: UpstreamRequest, timeouts: Timeouts
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            response = await self._request(request, timeouts)
            try:
                body = await response.read()
            finally:
                response.release()  # a partly read connection is closed, not pooled
        except aiohttp.ClientError as exc:
            raise _failure(exc, request.provider, request.operation) from None
        return response.status, _headers(response), body

    async def open(self, request: UpstreamRequest, timeouts: Timeouts) -> RawResponse:
        try:
            response = await self._request(request, timeouts)
        except aiohttp.ClientError as exc:
            raise _failure(exc, request.provider, request.operation) from None
        return _AiohttpResponse(response, request.provider, request.operation)

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def _request(
        self, request: UpstreamRequest, timeouts: Timeouts
    ) -> aiohttp.ClientResponse:
        session = self._session or self._open_session()
        return await session.request(
            request.method,
            request.url,
            headers=request.headers,
            data=request.body,
            allow_redirects=False,
            timeout=self._timeout_for(timeouts),
        )

    def _open_session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=self._max_connections,
            limit_per_host=0,
            keepalive_timeout=KEEPALIVE_SECONDS,
            ttl_dns_cache=DNS_CACHE_SECONDS,
            resolver=None if self._allow_private else EgressGuardResolver(),
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
            auto_decompress=True,
            timeout=aiohttp.ClientTimeout(total=None),
        )
        return self._session

    def _timeout_for(self, timeouts: Timeouts) -> aiohttp.ClientTimeout:
        # `total` is the caller's deadline; waiting for a pooled connection counts in it.
        cached = self._timeouts.get(timeouts)
        if cached is None:
            cached = aiohttp.ClientTimeout(
                total=None, connect=None, sock_connect=timeouts.connect, sock_read=timeouts.read
            )
            self._timeouts[timeouts] = cached
        return cached


class _AiohttpResponse(RawResponse):
    __slots__ = ("_operation", "_provider", "_response", "headers", "status")

    def __init__(self, response: aiohttp.ClientResponse, provider: str, operation: str) -> None:
        self._response = response
        self._provider = provider
        self._operation = operation
        self.status = response.status
        self.headers = _headers(response)

    async def read(self) -> bytes:
        try:
            return await self._response.read()
        except aiohttp.ClientError as exc:
            raise _failure(exc, self._provider, self._operation) from None

    async def read_chunk(self) -> bytes:
        try:
            return await self._response.content.readany()
        except aiohttp.ClientError as exc:
            raise _failure(exc, self._provider, self._operation) from None

    async def aclose(self) -> None:
        response = self._response
        if response.content.at_eof():
            response.release()
        else:
            response.close()  # drop the connection now: the upstream sees it at once


def _headers(response: aiohttp.ClientResponse) -> dict[str, str]:
    """Lower-case names; repeated headers joined with ", " as httpx does."""
    headers: dict[str, str] = {}
    for name, value in response.headers.items():
        key = name.lower()
        previous = headers.get(key)
        headers[key] = value if previous is None else f"{previous}, {value}"
    return headers


def _failure(exc: aiohttp.ClientError, provider: str, operation: str) -> TransportFailure:
    error, retryable = map_aiohttp_error(exc, provider=provider, operation=operation)
    return TransportFailure(error, retryable)
