from __future__ import annotations

from typing import Protocol

from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.domain.embeddings import EmbeddingRequest, EmbeddingResponse


class EmbeddingProvider(Protocol):
    """Embeds inputs; vectors come back in input order. Raises ProviderError subclasses."""

    async def embed(
        self, binding: ProviderBinding, request: EmbeddingRequest
    ) -> EmbeddingResponse: ...
