"""UpstreamStream: the body of an open 2xx streaming answer, read as it arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from integration_api.adapters.providers._shared.sse import SseDecoder, SseEvent
from integration_api.adapters.providers._shared.transport import RawResponse, TransportFailure
from integration_api.domain.errors import ProviderTimeout


class UpstreamStream:
    """Chunks (`aiter_bytes`) or SSE events (`sse`) of one response, each handed out as soon
    as it is complete. Read it once. Transport failures and the total deadline raise
    ProviderError subclasses; nothing is retried once bytes have been handed out."""

    __slots__ = ("_deadline", "_operation", "_provider", "_raw", "headers", "status")

    def __init__(self, raw: RawResponse, *, deadline: float, provider: str, operation: str) -> None:
        self._raw = raw
        self._deadline = deadline
        self._provider = provider
        self._operation = operation
        self.status = raw.status
        self.headers = raw.headers

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        read_chunk = self._raw.read_chunk
        while True:
            try:
                async with asyncio.timeout_at(self._deadline):
                    chunk = await read_chunk()
            except TimeoutError:
                raise ProviderTimeout(
                    f"{self._provider} {self._operation} exceeded its total timeout",
                    provider=self._provider,
                ) from None
            except TransportFailure as failure:
                raise failure.error from None
            if not chunk:
                return
            yield chunk

    async def sse(self) -> AsyncIterator[SseEvent]:
        """Server-Sent Events, decoded incrementally (see `sse.SseDecoder`)."""
        decoder = SseDecoder()
        async for chunk in self.aiter_bytes():
            for event in decoder.feed(chunk):
                yield event
