from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.chat import ChatRequest, ChatResponse
from integration_api.domain.streaming import StreamEvent


class ChatProvider(Protocol):
    """Chat with one vendor. Raises ProviderError subclasses only.

    `stream` yields deltas as they arrive, then exactly one Finish, or raises one error
    (also when the vendor reports an error after HTTP 200). Closing the iterator early
    cancels the upstream request.
    """

    async def chat(self, binding: ProviderBinding, request: ChatRequest) -> ChatResponse: ...

    def stream(
        self, binding: ProviderBinding, request: ChatRequest
    ) -> AsyncIterator[StreamEvent]: ...
