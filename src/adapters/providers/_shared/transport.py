"""The small internal contract between UpstreamClient and an HTTP library.

UpstreamClient owns everything that does not depend on the library (retries, deadlines,
error mapping by status, redaction); a Transport only moves bytes. Two implement it:
`transport_aiohttp.AiohttpTransport` (the default) and `transport_httpx.HttpxTransport`.
"""

from __future__ import annotations

from typing import Literal, Protocol

from integration_api.adapters.providers._shared.types import Timeouts, UpstreamRequest
from integration_api.domain.errors import ProviderError

TransportName = Literal["aiohttp", "httpx"]
TRANSPORTS: tuple[TransportName, ...] = ("aiohttp", "httpx")


class TransportFailure(Exception):
    """A library failure already turned into our error. `retryable` says whether the call
    may be repeated before its first byte was handed out (a refused connection may; a read
    timeout may not: the request may be running upstream and would be paid twice)."""

    def __init__(self, error: ProviderError, retryable: bool) -> None:
        super().__init__(type(error).__name__)
        self.error = error
        self.retryable = retryable


class RawResponse(Protocol):
    """An open answer whose body has not been read. `headers` have lower-case names."""

    status: int
    headers: dict[str, str]

    async def read(self) -> bytes:
        """The whole remaining body. Raises TransportFailure."""
        ...

    async def read_chunk(self) -> bytes:
        """The bytes that have arrived (waits for at least one), b"" at the end.
        Raises TransportFailure."""
        ...

    async def aclose(self) -> None:
        """Returns a fully read connection to the pool; closes a partly read one at once,
        so the upstream sees the close. Idempotent."""
        ...


class Transport(Protocol):
    """Sends one request, no retries, no redirects, no cookies. `timeouts.connect` bounds
    connecting and `timeouts.read` each wait for data; the caller enforces `total`.
    Library errors leave as TransportFailure, nothing else (cancellation passes through)."""

    async def send(
        self, request: UpstreamRequest, timeouts: Timeouts
    ) -> tuple[int, dict[str, str], bytes]:
        """(status, lower-case headers, body) of the complete answer, any status."""
        ...

    async def open(self, request: UpstreamRequest, timeouts: Timeouts) -> RawResponse:
        """The answer with its status and headers read and its body not yet; the caller
        must `aclose()` it."""
        ...

    async def aclose(self) -> None: ...
