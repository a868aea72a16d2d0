"""UpstreamStream: the body of an open 2xx streaming answer, read as it arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx

from integration_api.adapters.providers._shared.sse import SseDecoder, SseEvent
from integration_api.adapters.providers._shared.transport_errors import map_transport_error
from integration_api.domain.errors import ProviderTimeout


class UpstreamStream:
    """Chunks (`aiter_bytes`) or SSE events (`sse`) of one response, each handed out as soon
    as it is complete. Read it once. Transport failures and the total deadline raise
    ProviderError subclasses; nothing is retried once bytes have been handed out."""

    __slots__ = ("_deadline", "_operation", "_provider", "_response", "headers", "status")

    def __init__(
        self, response: httpx.Response, *, deadline: float, provider: str, operation: str
    ) -> None:
        self._response = response
        self._deadline = deadline
        self._provider = provider
        self._operation = operation
        self.status = response.status_code
        self.headers = dict(response.headers.items())

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        chunks = self._response.aiter_bytes().__aiter__()
        while True:
            try:
                async with asyncio.timeout_at(self._deadline):
                    chunk = await chunks.__anext__()
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise ProviderTimeout(
                    f"{self._provider} {self._operation} exceeded its total timeout",
                    provider=self._provider,
                ) from None
            except httpx.HTTPError as exc:
                error, _ = map_transport_error(
                    exc, provider=self._provider, operation=self._operation
                )
                raise error from None
            yield chunk

    async def sse(self) -> AsyncIterator[SseEvent]:
        """Server-Sent Events, decoded incrementally (see `sse.SseDecoder`)."""
        decoder = SseDecoder()
        async for chunk in self.aiter_bytes():
            for event in decoder.feed(chunk):
                yield event
